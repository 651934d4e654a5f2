package dev.openiam.sts.workload;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.glue.peers.DecisionClient;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Page;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.rules.Rules;
import dev.openiam.sts.peers.IdentityPeer;
import dev.openiam.sts.query.StsDecisions;
import dev.openiam.sts.webidentity.IdentityTokens;
import dev.openiam.sts.webidentity.WebIdentityService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registers workloads and tells which one a request comes from. Registering gives a workload a role, so it needs what
 * AWS needs to give a role to a service ({@code ec2:AssociateIamInstanceProfile}, {@code ecs:RunTask}):
 * {@code iam:PassRole} on the role, with {@code iam:PassedToService} the service that will assume it. A workload
 * proves itself with the secret handed out once at registration (only its SHA-256 is stored), or — bound to a
 * Kubernetes service account — with that account's projected token, checked as AssumeRoleWithWebIdentity checks one.
 * Listing an account's workloads needs {@value #LIST_ACTION}, deregistering one {@value #DEREGISTER_ACTION} (both on
 * resource {@code *}, authorized before anything is read); a deregistered workload's endpoints stop serving at once.
 */
@ApplicationScoped
public class WorkloadRegistry {

    /** The IAM action that lists an account's workloads ({@code GET /v1/workloads}). */
    public static final String LIST_ACTION = "sts:ListWorkloads";
    /** The IAM action that deregisters a workload ({@code DELETE /v1/workloads/ID}). */
    public static final String DEREGISTER_ACTION = "sts:DeregisterWorkload";
    /** A workload id, as {@link #newId()} makes them. */
    private static final String WORKLOAD_ID = "i-[0-9a-f]{17}";

    /** A Kubernetes service account's token subject. */
    private static final String SERVICE_ACCOUNT = "system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?";

    /** What to register: exactly one of an instance profile and a role; a service account (with its issuer) or none. */
    public record Registration(String instanceProfileName, String roleName, String serviceAccount, String issuer) {
    }

    /** The registered workload, and the secret it proves itself with ({@code null} for a service account's). */
    public record Registered(Workload workload, String roleArn, String secret) {

        /** Never the secret. */
        @Override
        public String toString() {
            return "Registered[" + workload + "]";
        }
    }

    private final WorkloadRepository repository;
    private final IdentityPeer identity;
    private final StsDecisions decisions;
    private final WebIdentityService webIdentity;
    private final WorkloadCredentials credentials;
    private final ImdsTokens tokens;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public WorkloadRegistry(WorkloadRepository repository, IdentityPeer identity, StsDecisions decisions,
                            WebIdentityService webIdentity, WorkloadCredentials credentials, ImdsTokens tokens) {
        this.repository = repository;
        this.identity = identity;
        this.decisions = decisions;
        this.webIdentity = webIdentity;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    public Uni<Registered> register(CallerClaims caller, Registration request, GlobalKeys.Call call) {
        if ((request.instanceProfileName() == null) == (request.roleName() == null)) {
            throw IamException.validation("give exactly one of instanceProfileName and roleName");
        }
        Workload.Kind kind = request.instanceProfileName() != null ? Workload.Kind.INSTANCE_PROFILE : Workload.Kind.ROLE;
        String target = kind == Workload.Kind.INSTANCE_PROFILE
                ? Rules.matching("instanceProfileName", request.instanceProfileName(), 1, 128, "[\\w+=,.@-]+")
                : Rules.matching("roleName", request.roleName(), 1, 64, "[\\w+=,.@-]+");
        if ((request.serviceAccount() == null) != (request.issuer() == null)) {
            throw IamException.validation("serviceAccount and issuer must be given together");
        }
        if (request.serviceAccount() != null) {
            Rules.matching("serviceAccount", request.serviceAccount(), 1, 2048, SERVICE_ACCOUNT);
            Rules.matching("issuer", request.issuer(), 9, 2048, "https://\\S+");
        }
        String account = caller.accountId();
        Uni<String> roleArn = kind == Workload.Kind.INSTANCE_PROFILE
                ? identity.instanceProfile(account, target).map(profile -> {
                    if (profile.roleArn() == null) {
                        throw IamException.validation("instance profile " + target + " has no role");
                    }
                    return profile.roleArn();
                })
                : Uni.createFrom().item("arn:aws:iam::" + account + ":role/" + target);
        return roleArn.chain(arn -> identity.role(arn, account)).chain(role -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Map<String, Object> context = new LinkedHashMap<>(GlobalKeys.of(call, caller.mfaAuthenticatedAt(),
                    caller.session() != null, now));
            context.put("iam:PassedToService", kind.servicePrincipal());
            return decisions.require(caller, DecisionClient.Question.of("iam:PassRole", role.arn(), context,
                            role.callerIdentityRevision(), role.callerPolicyRevision()))
                    .chain(() -> {
                        String secret = request.serviceAccount() == null ? newSecret() : null;
                        Workload workload = new Workload(newId(), account, kind, target, request.issuer(), request.serviceAccount(),
                                caller.arn(), now);
                        return repository.insert(workload, secret == null ? null : sha256(secret))
                                .onFailure(failure -> String.valueOf(failure.getMessage()).contains("workloads_issuer_subject_key"))
                                .transform(failure -> new IamException(ErrorCode.ENTITY_ALREADY_EXISTS, "service account "
                                        + request.serviceAccount() + " of " + request.issuer() + " is already bound to a workload"))
                                .map(saved -> new Registered(workload, role.arn(), secret));
                    });
        });
    }

    /** A page of the caller's account's workloads, in id order ({@code marker} and {@code maxItems} as IAM's lists take them). */
    public Uni<Page<Workload>> list(CallerClaims caller, String marker, Integer maxItems, GlobalKeys.Call call) {
        PageRequest page = PageRequest.of(marker, maxItems);
        return decisions.require(caller, LIST_ACTION, call)
                .chain(() -> repository.list(caller.accountId(), page.after(), page.maxItems() + 1))
                .map(found -> page.page(found, Workload::workloadId));
    }

    /**
     * Deregisters workload {@code workloadId} of the caller's account (NoSuchEntity if it has none such): from the next
     * request on, its secret or service account finds nothing at the metadata endpoints of every replica, and this
     * replica forgets its cached credentials and IMDS tokens. Credentials already handed out last until they expire, as
     * an EC2 instance's do once its instance profile is disassociated.
     */
    public Uni<Workload> deregister(CallerClaims caller, String workloadId, GlobalKeys.Call call) {
        Rules.matching("workloadId", workloadId, 19, 19, WORKLOAD_ID);
        return decisions.require(caller, DEREGISTER_ACTION, call)
                .chain(() -> repository.delete(caller.accountId(), workloadId))
                .map(deleted -> {
                    if (deleted == null) {
                        throw new IamException(ErrorCode.NO_SUCH_ENTITY, "The workload with id " + workloadId + " cannot be found.");
                    }
                    credentials.forget(workloadId);
                    tokens.forget(workloadId);
                    return deleted;
                });
    }

    /** The workload whose secret this is, or {@code null}. */
    public Uni<Workload> bySecret(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 256) {
            return Uni.createFrom().nullItem();
        }
        return repository.bySecret(sha256(secret));
    }

    /**
     * The workload bound to the service account of a projected token, once the token checks out against the OIDC
     * provider of the workload's account ({@code null} if no workload is bound to it); InvalidIdentityToken if it does not.
     */
    public Uni<Workload> byServiceAccountToken(String token) {
        IdentityTokens.Unverified unverified = IdentityTokens.peek(token);
        String subject = unverified.subject();
        if (subject == null) {
            return Uni.createFrom().nullItem();
        }
        return repository.byServiceAccount(unverified.issuer(), subject).chain(workload -> workload == null
                ? Uni.createFrom().nullItem()
                : webIdentity.verify(token, workload.accountId()).map(verified ->
                        verified.token().subject().equals(workload.subject()) ? workload : null));
    }

    /** Whether a credential looks like a JWT (a service account's token) rather than a registration secret. */
    public static boolean isToken(String credential) {
        return credential != null && credential.chars().filter(c -> c == '.').count() == 2;
    }

    private String newId() {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return "i-" + HexFormat.of().formatHex(bytes).substring(0, 17);
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
