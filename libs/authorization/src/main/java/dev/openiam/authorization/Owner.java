package dev.openiam.authorization;

/** The service that performs an action (and so resolves its entities and decides it). */
public enum Owner {
    IDENTITY,
    POLICY
}
