package dev.openiam.identity.mfa.domain;

import dev.openiam.identity.mfa.persistence.MfaDeviceRepository;
import dev.openiam.identity.user.domain.UserDependency;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** DeleteUser is refused while an MFA device is assigned to the user, as AWS refuses it. */
@ApplicationScoped
public class MfaDeviceDependency implements UserDependency {

    private final MfaDeviceRepository devices;

    public MfaDeviceDependency(MfaDeviceRepository devices) {
        this.devices = devices;
    }

    @Override
    public Uni<String> conflict(String accountId, String userId) {
        return devices.countAssignedTo(accountId, userId)
                .map(count -> count > 0 ? "Cannot delete entity, must delete MFA device first." : null);
    }
}
