package dev.openiam.identity.mfa.domain;

import dev.openiam.identity.mfa.persistence.MfaDeviceEntity;
import dev.openiam.identity.mfa.persistence.MfaDeviceRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.OptionalLong;

/**
 * The one check of an MFA code, for whoever signs a principal in with MFA (sts-service's GetSessionToken and the
 * console's sign-in, through {@code /internal/v1/verify-mfa}): the device must be assigned, the code must be the
 * device's code of the current 30-second step or the one before or after (corrected by the drift ResyncMFADevice
 * measured), and later than any code the device accepted before; a code is accepted once.
 */
@ApplicationScoped
public class MfaVerifier {

    private final MfaDeviceRepository devices;
    private final MfaOwners owners;
    private final MfaSeeds seeds;
    private final Clock clock;

    public MfaVerifier(MfaDeviceRepository devices, MfaOwners owners, MfaSeeds seeds) {
        this.devices = devices;
        this.owners = owners;
        this.seeds = seeds;
        this.clock = Clock.systemUTC();
    }

    /**
     * The user (or root user) that the device {@code serialNumber} of {@code accountId} is assigned to, if {@code code}
     * is its valid, unused code; {@code InvalidAuthenticationCode} otherwise, the same for a device that does not exist
     * or is not assigned (so the answer tells nothing about devices), and {@code ValidationError} for a malformed input.
     */
    public Uni<MfaPrincipal> verify(String accountId, String serialNumber, String code) {
        MfaErrors.serialNumber(serialNumber);
        MfaErrors.code("tokenCode", code);
        return Panache.withTransaction(() -> devices.findBySerial(accountId, serialNumber).chain(device -> {
            if (device == null || !device.assigned()) {
                return Uni.createFrom().failure(MfaErrors.invalidCode());
            }
            OptionalLong step = matchingStep(device, code);
            if (step.isEmpty()) {
                return Uni.createFrom().failure(MfaErrors.invalidCode());
            }
            // the conditional update is what makes a code single-use, also for two requests racing with it
            return devices.acceptTimeStep(device.serialNumber, step.getAsLong()).chain(accepted -> accepted
                    ? owners.of(device).map(owner -> new MfaPrincipal(accountId, device.serialNumber,
                            owner.root() ? null : owner.userId(), owner.userName(), owner.arn(), owner.root()))
                    : Uni.createFrom().failure(MfaErrors.invalidCode()));
        }));
    }

    private OptionalLong matchingStep(MfaDeviceEntity device, String code) {
        long now = Totp.step(clock.instant()) + device.driftSteps;
        long from = device.lastTimeStep == null ? now - 1 : Math.max(now - 1, device.lastTimeStep + 1);
        return Totp.matchingStep(seeds.open(device), code, from, now + 1);
    }
}
