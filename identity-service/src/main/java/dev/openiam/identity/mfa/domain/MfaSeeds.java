package dev.openiam.identity.mfa.domain;

import dev.openiam.identity.crypto.SecretCipher;
import dev.openiam.identity.mfa.persistence.MfaDeviceEntity;
import jakarta.enterprise.context.ApplicationScoped;

/** Seeds at rest: sealed under the key-encryption key with the device's serial number as associated data. */
@ApplicationScoped
class MfaSeeds {

    private final SecretCipher cipher;

    MfaSeeds(SecretCipher cipher) {
        this.cipher = cipher;
    }

    void seal(MfaDeviceEntity device, String base32Seed) {
        SecretCipher.Sealed sealed = cipher.seal(device.serialNumber, base32Seed);
        device.seedCiphertext = sealed.ciphertext();
        device.seedNonce = sealed.nonce();
        device.kekId = sealed.kekId();
    }

    String open(MfaDeviceEntity device) {
        return cipher.open(device.serialNumber, device.seedCiphertext, device.seedNonce, device.kekId);
    }
}
