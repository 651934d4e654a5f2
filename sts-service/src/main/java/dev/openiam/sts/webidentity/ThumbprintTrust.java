package dev.openiam.sts.webidentity;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Trusts an identity provider's TLS server the way IAM's OIDC providers say: a chain the JVM's trusted CAs accept, or
 * one holding a (currently valid) certificate whose SHA-1 fingerprint is one of the provider's thumbprints — how a
 * self-hosted issuer with its own CA (a Kubernetes API server, a test issuer) is trusted without changing the JVM.
 */
final class ThumbprintTrust implements X509TrustManager {

    private final Set<String> thumbprints;
    private final X509TrustManager system;

    ThumbprintTrust(Iterable<String> thumbprints) {
        this.thumbprints = java.util.stream.StreamSupport.stream(thumbprints.spliterator(), false)
                .map(print -> print.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.system = systemTrust();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            system.checkServerTrusted(chain, authType);
            return;
        } catch (CertificateException e) {
            if (thumbprints.isEmpty()) {
                throw e;
            }
        }
        for (X509Certificate certificate : chain) {
            if (thumbprints.contains(thumbprint(certificate))) {
                certificate.checkValidity();
                return;
            }
        }
        throw new CertificateException("no certificate of the identity provider's chain matches a thumbprint of the provider");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system.getAcceptedIssuers();
    }

    /** The SHA-1 fingerprint of a certificate's DER encoding, lower-case hex: what IAM calls its thumbprint. */
    static String thumbprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot fingerprint a certificate", e);
        }
    }

    private static X509TrustManager systemTrust() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JVM has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM's trusted CAs cannot be read", e);
        }
    }
}
