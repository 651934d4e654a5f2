package dev.openiam.policy.model;

/** A statement's {@code Effect}. */
public enum Effect {
    ALLOW("Allow"), DENY("Deny");

    private final String text;

    Effect(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
