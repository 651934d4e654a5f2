package dev.openiam.identity.loginprofile.domain;

import dev.openiam.identity.loginprofile.persistence.LoginProfileRepository;
import dev.openiam.identity.user.domain.UserDependency;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A user with a console password cannot be deleted until the password is (AWS's DeleteConflict). */
@ApplicationScoped
public class LoginProfileDependency implements UserDependency {

    private final LoginProfileRepository profiles;

    public LoginProfileDependency(LoginProfileRepository profiles) {
        this.profiles = profiles;
    }

    @Override
    public Uni<String> conflict(String accountId, String userId) {
        return profiles.findById(userId).map(profile -> profile == null ? null : "Cannot delete entity, must delete login profile first.");
    }
}
