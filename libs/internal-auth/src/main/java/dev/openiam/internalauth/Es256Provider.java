package dev.openiam.internalauth;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;

import java.security.Security;

/**
 * Where jose4j makes ES256 signatures (session tokens): Bouncy Castle's JCA provider, whose P-256 ECDSA signs about 2×
 * faster than the JDK's SunEC here (and verifies about 5× faster; `bench/RESULTS.md`, 2026-12-07). The provider is
 * added once, at the end of the JCA's list, so every other lookup (digests, MACs, AES, TLS) still gets the JDK's own;
 * only a jose4j object given {@link #context()} uses it, and only for signatures.
 */
public final class Es256Provider {

    private static final String NAME = register();

    private Es256Provider() {
    }

    private static String register() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        return BouncyCastleProvider.PROVIDER_NAME;
    }

    /** A jose4j provider context that makes and checks signatures with Bouncy Castle (a new one each time: it is mutable). */
    public static ProviderContext context() {
        ProviderContext context = new ProviderContext();
        context.getSuppliedKeyProviderContext().setSignatureProvider(NAME);
        context.getGeneralProviderContext().setSignatureProvider(NAME);
        return context;
    }
}
