package dev.openiam.identity.mfa.domain;

import dev.openiam.identity.account.AccountAliasService;
import dev.openiam.identity.config.IdentityConfig;
import dev.openiam.identity.mfa.persistence.MfaDeviceEntity;
import dev.openiam.identity.mfa.persistence.MfaDeviceRepository;
import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.identity.outbox.Committed;
import dev.openiam.identity.tag.TagStore;
import dev.openiam.identity.tag.Tagging;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import dev.openiam.model.event.IdentityEvent;
import dev.openiam.model.rules.Rules;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Virtual MFA devices of an account: CreateVirtualMFADevice (the seed and its QR code returned once, the seed kept
 * encrypted), DeleteVirtualMFADevice, ListVirtualMFADevices and the devices' tags. Assigning them is
 * {@link MfaAssignmentService}'s, checking their codes {@link MfaVerifier}'s.
 */
@ApplicationScoped
public class MfaDeviceService {

    /** The member of {@link #withActiveMfa} that stands for the account's root user (the credential report's name for it). */
    public static final String ROOT = "<root_account>";

    public enum AssignmentStatus { Assigned, Unassigned, Any }

    private static final int MAX_NAME = 226;

    private final AccountWrites writes;
    private final MfaDeviceRepository devices;
    private final MfaOwners owners;
    private final MfaSeeds seeds;
    private final TagStore tags;
    private final Tagging tagging;
    private final AccountAliasService aliases;
    private final String issuer;
    private final SecureRandom random = new SecureRandom();

    public MfaDeviceService(AccountWrites writes, MfaDeviceRepository devices, MfaOwners owners, MfaSeeds seeds, TagStore tags,
                            Tagging tagging, AccountAliasService aliases, IdentityConfig config) {
        this.writes = writes;
        this.devices = devices;
        this.owners = owners;
        this.seeds = seeds;
        this.tags = tags;
        this.tagging = tagging;
        this.aliases = aliases;
        this.issuer = config.mfaIssuer();
    }

    public Uni<Committed<VirtualMfaDevice>> create(String accountId, String actor, String name, String path, List<Tag> tagList) {
        Rules.name("virtualMFADeviceName", name, MAX_NAME);
        String devicePath = Rules.path("path", path);
        List<Tag> validTags = Rules.tags(tagList);
        String serial = Arn.iamEntity(AccountId.of(accountId), "mfa", devicePath, name).toString();
        if (serial.length() > 256) {
            throw IamException.validation("1 validation error detected: Value '" + serial
                    + "' at 'serialNumber' failed to satisfy constraint: Member must have length less than or equal to 256");
        }
        return writes.write(accountId, actor, change -> devices.findBySerial(accountId, serial).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(IamException.alreadyExists("MFADevice entity at the same path and name already exists."));
            }
            String seed = Totp.newSeed(random);
            MfaDeviceEntity device = new MfaDeviceEntity();
            device.serialNumber = serial;
            device.accountId = accountId;
            device.path = devicePath;
            device.deviceName = name;
            device.createdAt = change.now();
            seeds.seal(device, seed);
            return devices.persist(device)
                    .chain(() -> tags.tag(accountId, serial, validTags))
                    .call(() -> change.emit(new IdentityEvent.VirtualMfaDeviceCreated(serial, devicePath, name, device.createdAt,
                            validTags)))
                    .chain(() -> aliases.list(accountId))
                    .map(alias -> {
                        String uri = QrCode.otpauthUri(issuer, name, alias.isEmpty() ? accountId : alias.get(0), seed);
                        return new VirtualMfaDevice(serial, null, null, validTags, seed, QrCode.png(uri));
                    });
        }));
    }

    /** DeleteVirtualMFADevice: refused with DeleteConflict while the device is assigned. */
    public Uni<Committed<Void>> delete(String accountId, String actor, String serialNumber) {
        MfaErrors.serialNumber(serialNumber);
        return writes.write(accountId, actor, change -> require(accountId, serialNumber).chain(device -> {
            if (device.assigned()) {
                return Uni.createFrom().failure(new IamException(ErrorCode.DELETE_CONFLICT,
                        "MFA VirtualDevice in use. Must deactivate first."));
            }
            return tags.deleteAll(device.serialNumber).chain(() -> devices.delete(device))
                    .chain(() -> change.emit(new IdentityEvent.VirtualMfaDeviceDeleted(device.serialNumber)));
        }));
    }

    @WithSession
    public Uni<List<VirtualMfaDevice>> list(String accountId, String assignmentStatus) {
        AssignmentStatus status = status(assignmentStatus);
        return devices.inAccount(accountId).chain(rows -> Multi.createFrom().iterable(rows)
                .filter(row -> status == AssignmentStatus.Any || row.assigned() == (status == AssignmentStatus.Assigned))
                .onItem().transformToUniAndConcatenate(row -> owners.of(row).chain(owner -> tags.tagsOf(row.serialNumber)
                        .map(tagList -> new VirtualMfaDevice(row.serialNumber, owner, row.enabledAt, tagList, null, null))))
                .collect().asList());
    }

    public Uni<Committed<List<Tag>>> tag(String accountId, String actor, String serialNumber, List<Tag> tagList) {
        MfaErrors.serialNumber(serialNumber);
        return tagging.tag(accountId, actor, () -> target(accountId, serialNumber), tagList);
    }

    public Uni<Committed<List<Tag>>> untag(String accountId, String actor, String serialNumber, List<String> tagKeys) {
        MfaErrors.serialNumber(serialNumber);
        return tagging.untag(accountId, actor, () -> target(accountId, serialNumber), tagKeys);
    }

    @WithSession
    public Uni<List<Tag>> listTags(String accountId, String serialNumber) {
        MfaErrors.serialNumber(serialNumber);
        return require(accountId, serialNumber).chain(device -> tags.tagsOf(device.serialNumber));
    }

    /**
     * The principals of an account that have an active (enabled, that is assigned) MFA device, for the credential
     * report's {@code mfa_active} column: the user ids of those users, and {@link #ROOT} when the root user has one.
     */
    @WithSession
    public Uni<Set<String>> withActiveMfa(String accountId) {
        return devices.inAccount(accountId).map(rows -> {
            Set<String> active = new HashSet<>();
            rows.stream().filter(MfaDeviceEntity::assigned).forEach(row -> active.add(row.root ? ROOT : row.userId));
            return Set.copyOf(active);
        });
    }

    private Uni<Tagging.Target> target(String accountId, String serialNumber) {
        return require(accountId, serialNumber).map(device -> new Tagging.Target(device.serialNumber,
                result -> new IdentityEvent.MfaDeviceTagsChanged(device.serialNumber, result)));
    }

    private Uni<MfaDeviceEntity> require(String accountId, String serialNumber) {
        return devices.findBySerial(accountId, serialNumber).onItem().ifNull().failWith(() -> MfaErrors.noSuchDevice(serialNumber));
    }

    private static AssignmentStatus status(String value) {
        if (value == null) {
            return AssignmentStatus.Any;
        }
        for (AssignmentStatus status : AssignmentStatus.values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        throw IamException.validation("1 validation error detected: Value '" + value
                + "' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Assigned, Unassigned, Any]");
    }
}
