package dev.openiam.identity.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private final SecretCipher cipher = new SecretCipher("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "kek-1");

    @Test
    void sealsAndOpens() {
        SecretCipher.Sealed sealed = cipher.seal("AKIAAAAAAAAAAAAAAAAA", "secret-value");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("secret-value");
        assertThat(cipher.open("AKIAAAAAAAAAAAAAAAAA", sealed.ciphertext(), sealed.nonce(), sealed.kekId())).isEqualTo("secret-value");
    }

    @Test
    void freshNonceEachTime() {
        assertThat(cipher.seal("AKIAAAAAAAAAAAAAAAAA", "s").nonce()).isNotEqualTo(cipher.seal("AKIAAAAAAAAAAAAAAAAA", "s").nonce());
    }

    @Test
    void aCiphertextMovedToAnotherKeyIdDoesNotOpen() {
        SecretCipher.Sealed sealed = cipher.seal("AKIAAAAAAAAAAAAAAAAA", "secret-value");
        assertThatThrownBy(() -> cipher.open("AKIABBBBBBBBBBBBBBBB", sealed.ciphertext(), sealed.nonce(), sealed.kekId()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTamperedCiphertextOrAnotherKekDoesNotOpen() {
        SecretCipher.Sealed sealed = cipher.seal("AKIAAAAAAAAAAAAAAAAA", "secret-value");
        byte[] tampered = sealed.ciphertext().clone();
        tampered[0] ^= 1;
        assertThatThrownBy(() -> cipher.open("AKIAAAAAAAAAAAAAAAAA", tampered, sealed.nonce(), sealed.kekId()))
                .isInstanceOf(IllegalStateException.class);
        SecretCipher other = new SecretCipher("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII), "kek-1");
        assertThatThrownBy(() -> other.open("AKIAAAAAAAAAAAAAAAAA", sealed.ciphertext(), sealed.nonce(), sealed.kekId()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.open("AKIAAAAAAAAAAAAAAAAA", sealed.ciphertext(), sealed.nonce(), "kek-2"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesKeysThatAreNot32Bytes() {
        assertThatThrownBy(() -> new SecretCipher(new byte[16], "k")).isInstanceOf(IllegalStateException.class);
    }
}
