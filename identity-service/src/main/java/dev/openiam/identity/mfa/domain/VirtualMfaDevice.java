package dev.openiam.identity.mfa.domain;

import dev.openiam.model.Tag;

import java.time.Instant;
import java.util.List;

/**
 * A virtual MFA device as the APIs show it. {@code owner} and {@code enableDate} are present while it is assigned;
 * {@code base32StringSeed} and {@code qrCodePng} only in the answer to its creation, never again.
 */
public record VirtualMfaDevice(String serialNumber, MfaOwner owner, Instant enableDate, List<Tag> tags,
                               String base32StringSeed, byte[] qrCodePng) {
}
