package dev.openiam.policy.model;

import java.util.List;
import java.util.Map;

/**
 * A {@code Principal} or {@code NotPrincipal} value: either the bare {@code "*"} or a map from principal type
 * ({@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}) to the names given.
 */
public record PrincipalBlock(boolean anyone, Map<String, List<String>> entries) {

    public PrincipalBlock {
        entries = entries == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }

    public static PrincipalBlock wildcard() {
        return new PrincipalBlock(true, Map.of());
    }
}
