package dev.openiam.sts.workload;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.outbox.AuditOutbox;
import dev.openiam.sts.assumerole.AssumeRoleService;
import dev.openiam.sts.assumerole.AssumedRole;
import dev.openiam.sts.peers.IdentityPeer;
import dev.openiam.sts.query.StsDecisions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A workload's role credentials, as EC2 and ECS hand them to an instance or a task: the service principal of the
 * workload's kind ({@code ec2.amazonaws.com}, {@code ecs-tasks.amazonaws.com}) assumes the role — the role's trust
 * policy must allow it, decided by policy-service as any AssumeRole — in a session named after the workload. The
 * credentials are cached per workload and served until {@link WorkloadConfig#refreshBefore()} before they expire;
 * every fetch is recorded ({@link WorkloadAudit}).
 */
@ApplicationScoped
public class WorkloadCredentials {

    /** The role's name, its credentials and when they were issued ({@code LastUpdated}). */
    public record Served(String roleName, String roleArn, AssumedRole session, Instant lastUpdated) {
    }

    /** The workload's instance profile, as {@code iam/info} shows it. */
    public record Profile(String arn, String id) {
    }

    private final IdentityPeer identity;
    private final StsDecisions decisions;
    private final AssumeRoleService roles;
    private final AuditOutbox audit;
    private final WorkloadConfig config;
    private final Map<String, Served> cache = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public WorkloadCredentials(IdentityPeer identity, StsDecisions decisions, AssumeRoleService roles, AuditOutbox audit,
                               WorkloadConfig config) {
        this.identity = identity;
        this.decisions = decisions;
        this.roles = roles;
        this.audit = audit;
        this.config = config;
    }

    /** The name of the workload's role (NoSuchEntity when its instance profile has none, or is gone). */
    public Uni<String> roleName(Workload workload) {
        Served cached = fresh(workload);
        return cached != null ? Uni.createFrom().item(cached.roleName())
                : roleArn(workload).map(arn -> arn.substring(arn.lastIndexOf('/') + 1));
    }

    /** The workload's instance profile (NoSuchEntity for a workload bound to a role, or a profile that is gone). */
    public Uni<Profile> profile(Workload workload) {
        if (workload.kind() != Workload.Kind.INSTANCE_PROFILE) {
            return Uni.createFrom().failure(new IamException(ErrorCode.NO_SUCH_ENTITY, "the workload has no instance profile"));
        }
        return identity.instanceProfile(workload.accountId(), workload.targetName())
                .map(profile -> new Profile(profile.arn(), profile.instanceProfileId()));
    }

    /**
     * The workload's credentials: the cached ones while fresh, new ones otherwise. AccessDenied when the role's trust
     * policy does not allow the workload's service principal; NoSuchEntity when there is no role.
     */
    public Uni<Served> credentials(Workload workload, GlobalKeys.Call call) {
        Served cached = fresh(workload);
        Uni<Served> served = cached != null ? Uni.createFrom().item(cached) : issue(workload, call);
        return served
                .call(done -> audit.record(WorkloadAudit.succeeded(workload, done, cached != null)))
                .onFailure(IamException.class).call(failure -> audit.record(WorkloadAudit.failed(workload,
                        (IamException) failure)));
    }

    /** Drops the cached credentials of a deregistered workload. */
    void forget(String workloadId) {
        cache.remove(workloadId);
    }

    private Served fresh(Workload workload) {
        Served cached = cache.get(workload.workloadId());
        if (cached != null && cached.session().credentials().expiration().minus(config.refreshBefore()).isAfter(clock.instant())) {
            return cached;
        }
        return null;
    }

    private Uni<Served> issue(Workload workload, GlobalKeys.Call call) {
        String service = workload.kind().servicePrincipal();
        // the service principal has no identity policies: only the role's trust policy can let it assume the role
        CallerClaims caller = new CallerClaims(service, workload.accountId(), service, null, false);
        return roleArn(workload).chain(arn -> identity.role(arn, workload.accountId())).chain(role -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Map<String, Object> context = new LinkedHashMap<>(GlobalKeys.of(call, null, false, now));
            context.put("sts:RoleSessionName", workload.workloadId());
            int duration = (int) config.sessionDuration().toSeconds();
            return decisions.require(caller, AssumeRoleService.question("sts:AssumeRole", role, workload.accountId(), context))
                    .onFailure(failure -> failure instanceof IamException e && e.code() == ErrorCode.ACCESS_DENIED)
                    .transform(failure -> new IamException(ErrorCode.ACCESS_DENIED, service + " cannot assume the role "
                            + role.roleName() + ": its trust policy does not allow " + service))
                    .chain(allowed -> {
                        SessionContext session = new SessionContext(role.arn(), "AssumedRole", now,
                                now.plus(Duration.ofSeconds(duration)), null, List.of(), Map.of(), List.of(), null, null, false);
                        // the session's event names the service principal that asked for the workload (as its record does)
                        return roles.session("AssumeRole", service, null, role, workload.workloadId(), now, duration, null, session, 0)
                                .map(assumed -> {
                                    Served issued = new Served(role.roleName(), role.arn(), assumed, now);
                                    cache.put(workload.workloadId(), issued);
                                    return issued;
                                });
                    });
        });
    }

    private Uni<String> roleArn(Workload workload) {
        if (workload.kind() == Workload.Kind.ROLE) {
            return Uni.createFrom().item(workload.roleArn());
        }
        return identity.instanceProfile(workload.accountId(), workload.targetName()).map(profile -> {
            if (profile.roleArn() == null) {
                throw new IamException(ErrorCode.NO_SUCH_ENTITY, "instance profile " + workload.targetName() + " has no role");
            }
            return profile.roleArn();
        });
    }
}
