package dev.openiam.model;

/** An IAM tag: a key (1–128 characters) and a value (0–256 characters). */
public record Tag(String key, String value) {
}
