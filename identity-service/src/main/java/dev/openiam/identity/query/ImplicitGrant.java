package dev.openiam.identity.query;

import dev.openiam.authorization.Check;
import dev.openiam.identity.auth.Caller;
import io.smallrye.mutiny.Uni;

/**
 * A permission AWS gives by an account setting rather than by a policy (e.g. AllowUsersToChangePassword gives every
 * user iam:ChangePassword on itself). It turns an implicit deny into an allow; an explicit deny still wins.
 */
public interface ImplicitGrant {

    /** Whether the account grants {@code check} to {@code caller} without a policy. */
    Uni<Boolean> grants(Caller caller, Check check);
}
