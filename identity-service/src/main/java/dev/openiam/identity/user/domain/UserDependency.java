package dev.openiam.identity.user.domain;

import io.smallrye.mutiny.Uni;

/**
 * Something a user owns that AWS requires to be removed before DeleteUser (a login profile, an MFA device, …).
 * Each feature that gives users such things provides one bean; DeleteUser asks them all, in the write's session.
 */
public interface UserDependency {

    /** The {@code DeleteConflict} message when the user still has this dependency, or {@code null}. */
    Uni<String> conflict(String accountId, String userId);
}
