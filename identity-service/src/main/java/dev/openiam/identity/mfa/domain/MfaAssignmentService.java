package dev.openiam.identity.mfa.domain;

import dev.openiam.identity.mfa.persistence.MfaDeviceEntity;
import dev.openiam.identity.mfa.persistence.MfaDeviceRepository;
import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.identity.outbox.Committed;
import dev.openiam.model.IamException;
import dev.openiam.model.event.IdentityEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

/**
 * Assigning virtual MFA devices: EnableMFADevice and ResyncMFADevice (two consecutive codes), DeactivateMFADevice,
 * ListMFADevices, GetMFADevice. {@code userName == null} means the account's root user (the caller's own device
 * when the caller is root). At most {@value MfaErrors#MAX_DEVICES_PER_USER} devices per user, as AWS allows.
 */
@ApplicationScoped
public class MfaAssignmentService {

    /** How far from this clock ResyncMFADevice looks for the two codes: ten minutes either way. */
    static final int RESYNC_STEPS = 20;

    private final AccountWrites writes;
    private final MfaDeviceRepository devices;
    private final MfaOwners owners;
    private final MfaSeeds seeds;
    private final Clock clock;

    public MfaAssignmentService(AccountWrites writes, MfaDeviceRepository devices, MfaOwners owners, MfaSeeds seeds) {
        this.writes = writes;
        this.devices = devices;
        this.owners = owners;
        this.seeds = seeds;
        this.clock = Clock.systemUTC();
    }

    public Uni<Committed<Void>> enable(String accountId, String actor, String userName, String serialNumber, String code1,
                                       String code2) {
        validate(userName, serialNumber, code1, code2);
        return writes.write(accountId, actor, change -> owners.require(accountId, userName).chain(owner ->
                require(accountId, serialNumber).chain(device -> {
                    if (device.assigned()) {
                        return Uni.createFrom().failure(IamException.alreadyExists("MFA Device is already in use."));
                    }
                    return devices.countAssignedTo(accountId, owner.root() ? null : owner.userId()).chain(count -> {
                        if (count >= MfaErrors.MAX_DEVICES_PER_USER) {
                            return Uni.createFrom().failure(IamException.limitExceeded(
                                    "Cannot exceed quota for MFADevicesPerUser: " + MfaErrors.MAX_DEVICES_PER_USER));
                        }
                        long now = Totp.step(clock.instant());
                        long step = consecutive(device, code1, code2, now - 1, now + 1);
                        device.userId = owner.root() ? null : owner.userId();
                        device.root = owner.root();
                        device.enabledAt = change.now();
                        device.lastTimeStep = step;
                        device.driftSteps = 0;
                        return change.emit(new IdentityEvent.MfaDeviceEnabled(device.serialNumber, device.userId, owner.userName(),
                                owner.root(), device.enabledAt));
                    });
                })));
    }

    /** ResyncMFADevice: two consecutive codes within ten minutes of this clock set the device's clock drift. */
    public Uni<Committed<Void>> resync(String accountId, String actor, String userName, String serialNumber, String code1,
                                       String code2) {
        validate(userName, serialNumber, code1, code2);
        return writes.write(accountId, actor, change -> assigned(accountId, userName, serialNumber).chain(device -> {
            long now = Totp.step(clock.instant());
            long step = consecutive(device, code1, code2, now - RESYNC_STEPS, now + RESYNC_STEPS);
            device.lastTimeStep = step;
            device.driftSteps = (int) (step - now);
            return Uni.createFrom().<Void>nullItem();
        }));
    }

    public Uni<Committed<Void>> deactivate(String accountId, String actor, String userName, String serialNumber) {
        MfaErrors.userName(userName);
        MfaErrors.serialNumber(serialNumber);
        return writes.write(accountId, actor, change -> assigned(accountId, userName, serialNumber).chain(device -> {
            String userId = device.userId;
            boolean root = device.root;
            device.userId = null;
            device.root = false;
            device.enabledAt = null;
            return change.emit(new IdentityEvent.MfaDeviceDeactivated(device.serialNumber, userId, userName, root));
        }));
    }

    /** ListMFADevices: the devices assigned to the user (or the root user). */
    @WithSession
    public Uni<List<MfaDevice>> list(String accountId, String userName) {
        MfaErrors.userName(userName);
        return owners.require(accountId, userName).chain(owner -> devices.assignedTo(accountId, owner.root() ? null : owner.userId())
                .map(rows -> rows.stream().map(row -> new MfaDevice(owner.userName(), row.serialNumber, row.enabledAt)).toList()));
    }

    /** GetMFADevice: the device, if it is assigned to the user (or the root user). */
    @WithSession
    public Uni<MfaDevice> get(String accountId, String userName, String serialNumber) {
        MfaErrors.userName(userName);
        MfaErrors.serialNumber(serialNumber);
        return owners.require(accountId, userName).chain(owner -> assigned(accountId, owner, serialNumber)
                .map(device -> new MfaDevice(owner.userName(), device.serialNumber, device.enabledAt)));
    }

    private Uni<MfaDeviceEntity> assigned(String accountId, String userName, String serialNumber) {
        return owners.require(accountId, userName).chain(owner -> assigned(accountId, owner, serialNumber));
    }

    private Uni<MfaDeviceEntity> assigned(String accountId, MfaOwner owner, String serialNumber) {
        return devices.findBySerial(accountId, serialNumber).map(device -> {
            if (device == null || !device.assigned() || !MfaOwners.assignedTo(device, owner)) {
                throw MfaErrors.notAssignedTo(serialNumber, owner.userName());
            }
            return device;
        });
    }

    private Uni<MfaDeviceEntity> require(String accountId, String serialNumber) {
        return devices.findBySerial(accountId, serialNumber).onItem().ifNull().failWith(() -> MfaErrors.noSuchDevice(serialNumber));
    }

    /** The step of the second of two consecutive codes, later than any code the device accepted; InvalidAuthenticationCode otherwise. */
    private long consecutive(MfaDeviceEntity device, String code1, String code2, long from, long to) {
        long earliest = device.lastTimeStep == null ? from : Math.max(from, device.lastTimeStep + 2);
        OptionalLong step = Totp.consecutive(seeds.open(device), code1, code2, earliest, to);
        if (step.isEmpty()) {
            throw MfaErrors.invalidCode();
        }
        return step.getAsLong();
    }

    private static void validate(String userName, String serialNumber, String code1, String code2) {
        MfaErrors.userName(userName);
        MfaErrors.serialNumber(serialNumber);
        MfaErrors.code("authenticationCode1", code1);
        MfaErrors.code("authenticationCode2", code2);
    }
}
