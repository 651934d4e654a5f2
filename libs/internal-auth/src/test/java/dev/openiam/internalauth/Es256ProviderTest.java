package dev.openiam.internalauth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Es256ProviderTest {

    @Test
    void theSigningKeyIsTheSameKeyAndItsSignaturesVerifyWithTheJdk() throws Exception {
        ServiceKey key = ServiceKey.generate("sts-service");
        PrivateKey signing = Es256Provider.signingKey(key.privateKey());
        assertThat(((ECPrivateKey) signing).getS()).isEqualTo(((ECPrivateKey) key.privateKey()).getS());

        byte[] data = "header.payload".getBytes(StandardCharsets.US_ASCII);
        Signature sign = Signature.getInstance("SHA256withECDSA", Es256Provider.context().getGeneralProviderContext().getSignatureProvider());
        sign.initSign(signing);
        sign.update(data);
        byte[] signature = sign.sign();

        Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
        jdk.initVerify(key.publicKey());
        jdk.update(data);
        assertThat(jdk.verify(signature)).isTrue();
        jdk.initVerify(ServiceKey.generate("sts-service").publicKey());
        jdk.update(data);
        assertThat(jdk.verify(signature)).as("another key's public half").isFalse();
    }

    @Test
    void aKeyThatIsNotEcIsRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        PrivateKey notEc = rsa.generateKeyPair().getPrivate();
        assertThatThrownBy(() -> Es256Provider.signingKey(notEc)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an EC private key");
    }
}
