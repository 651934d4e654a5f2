package dev.openiam.identity.credentialreport.domain;

import io.smallrye.mutiny.Uni;

import java.util.Set;

/** Which principals of an account have an active MFA device (the report's {@code mfa_active}). */
public interface MfaStatus {

    /** Principal ids (user ids, and the account id for root), in the caller's session. */
    Uni<Set<String>> withActiveMfa(String accountId);
}
