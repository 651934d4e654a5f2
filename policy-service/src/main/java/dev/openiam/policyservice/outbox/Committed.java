package dev.openiam.policyservice.outbox;

/**
 * The result of a write together with the account revision it committed at: the consistency token a
 * caller passes on to read its own write ({@code X-Iam-Revision}).
 */
public record Committed<T>(T value, long revision) {
}
