package dev.openiam.identity.mfa.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class MfaDeviceRepository implements PanacheRepositoryBase<MfaDeviceEntity, String> {

    /** The device of this account with this serial number (matched case-insensitively, like IAM's names), or {@code null}. */
    public Uni<MfaDeviceEntity> findBySerial(String accountId, String serialNumber) {
        return find("accountId = ?1 and lower(serialNumber) = lower(?2)", accountId, serialNumber).firstResult();
    }

    public Uni<List<MfaDeviceEntity>> inAccount(String accountId) {
        return find("accountId = ?1 order by lower(serialNumber)", accountId).list();
    }

    /** Devices assigned to a user, or to the account's root when {@code userId} is {@code null}. */
    public Uni<List<MfaDeviceEntity>> assignedTo(String accountId, String userId) {
        return userId == null
                ? find("accountId = ?1 and root = true order by lower(serialNumber)", accountId).list()
                : find("accountId = ?1 and userId = ?2 order by lower(serialNumber)", accountId, userId).list();
    }

    public Uni<Long> countAssignedTo(String accountId, String userId) {
        return userId == null
                ? count("accountId = ?1 and root = true", accountId)
                : count("accountId = ?1 and userId = ?2", accountId, userId);
    }

    /**
     * Records {@code timeStep} as the device's last accepted code, only if it is later than the last one: the one
     * statement that makes a code usable once, even for two requests at the same instant. Whether it was recorded.
     */
    public Uni<Boolean> acceptTimeStep(String serialNumber, long timeStep) {
        return update("lastTimeStep = ?1 where serialNumber = ?2 and enabledAt is not null and (lastTimeStep is null or lastTimeStep < ?1)",
                timeStep, serialNumber).map(rows -> rows == 1);
    }
}
