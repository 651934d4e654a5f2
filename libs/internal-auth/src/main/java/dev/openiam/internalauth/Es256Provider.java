package dev.openiam.internalauth;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;

/**
 * Where jose4j makes and checks ES256 signatures (session tokens): Bouncy Castle's JCA provider, with keys translated
 * once to its own ({@link #signingKey}, {@link #verifyingKey}), whose P-256 ECDSA signs about 7× and verifies about 10×
 * faster than the JDK's SunEC here (`bench/RESULTS.md`, 2026-12-07). The provider is
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

    /**
     * {@code key} as Bouncy Castle's own EC key, made once for many signatures: given the JDK's key, the provider
     * converts its curve on every signature and so computes the generator's precomputed multiples each time (≈ 70 % of
     * a signature: 254 µs against 83 µs with its own key, `bench/RESULTS.md`, 2026-12-07 07:40). The key is unchanged.
     */
    public static PrivateKey signingKey(PrivateKey key) {
        return (PrivateKey) translate(key, "private");
    }

    /**
     * {@code key} as Bouncy Castle's own EC key, made once for many verifications (with the JDK's key each check
     * rebuilds the curve's tables, as for {@link #signingKey}: 199 µs against 80 µs here; the JDK's SunEC took ~1.1 ms).
     */
    public static PublicKey verifyingKey(PublicKey key) {
        return (PublicKey) translate(key, "public");
    }

    private static Key translate(Key key, String half) {
        try {
            return KeyFactory.getInstance("EC", NAME).translateKey(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC " + half + " key Bouncy Castle can use: " + e.getMessage(), e);
        }
    }

    /** A jose4j provider context that makes and checks signatures with Bouncy Castle (a new one each time: it is mutable). */
    public static ProviderContext context() {
        ProviderContext context = new ProviderContext();
        context.getSuppliedKeyProviderContext().setSignatureProvider(NAME);
        context.getGeneralProviderContext().setSignatureProvider(NAME);
        return context;
    }
}
