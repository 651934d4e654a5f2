package dev.openiam.sts.assumerole;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.glue.peers.DecisionClient;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import dev.openiam.model.rules.Rules;
import dev.openiam.sts.credentials.CredentialIssuer;
import dev.openiam.sts.credentials.PackedPolicy;
import dev.openiam.sts.credentials.SessionPolicyInput;
import dev.openiam.sts.peers.IdentityPeer;
import dev.openiam.sts.query.StsDecisions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AssumeRole as AWS does it: validate, find the role (read-your-writes), check MFA if a code is given, then ask the
 * decision point whether the caller may assume it — its own policies and the role's trust policy together, the
 * trust policy always required — and, when it passes session tags or a source identity, whether it may do that too.
 * The session gets the role's permissions, narrowed by the session policies; its tags become {@code aws:PrincipalTag/*}
 * over the role's. A role session assuming another role is chained: at most one hour, its transitive tags and source
 * identity carried on.
 */
@ApplicationScoped
public class AssumeRoleService {

    static final int MIN_DURATION = 900;
    static final int DEFAULT_DURATION = 3600;
    static final int MAX_DURATION = 43_200;
    static final int CHAINED_MAX = 3600;
    private static final String SESSION_NAME = "[\\w+=,.@-]*";

    private final IdentityPeer identity;
    private final CallerRoleLookup roles;
    private final StsDecisions decisions;
    private final CredentialIssuer issuer;
    private final Clock clock = Clock.systemUTC();

    public AssumeRoleService(IdentityPeer identity, CallerRoleLookup roles, StsDecisions decisions, CredentialIssuer issuer) {
        this.identity = identity;
        this.roles = roles;
        this.decisions = decisions;
        this.issuer = issuer;
    }

    public Uni<AssumedRole> assume(CallerClaims caller, AssumeRoleRequest request, GlobalKeys.Call call) {
        Rules.length("roleArn", request.roleArn(), 20, 2048);
        sessionName("roleSessionName", request.roleSessionName());
        int duration = duration(request.durationSeconds());
        SessionPolicyInput.of(request.policy(), request.policyArns());
        List<Tag> tags = Rules.tags(request.tags());
        if (request.transitiveTagKeys().size() > Rules.MAX_TAGS) {
            throw IamException.validation("1 validation error detected: Value at 'transitiveTagKeys' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + Rules.MAX_TAGS);
        }
        if (request.externalId() != null) {
            Rules.matching("externalId", request.externalId(), 2, 1224, "[\\w+=,.@:/-]*");
        }
        if (request.sourceIdentity() != null) {
            Rules.matching("sourceIdentity", request.sourceIdentity(), 2, 64, SESSION_NAME);
        }
        if ((request.serialNumber() == null) != (request.tokenCode() == null)) {
            throw IamException.validation("SerialNumber and TokenCode must be given together");
        }
        Arn roleArn = roleArn(request.roleArn());
        if (caller.root()) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "Roles may not be assumed by root accounts.");
        }
        SessionContext from = caller.session();
        if (from != null && "FederatedUser".equals(from.type())) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "Cannot call AssumeRole with federated user credentials");
        }
        boolean chained = from != null && "AssumedRole".equals(from.type());
        if (chained && duration > CHAINED_MAX) {
            throw IamException.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        Map<String, String> sessionTags = sessionTags(tags, chained ? from : null);
        List<String> transitive = transitiveKeys(request.transitiveTagKeys(), tags, chained ? from : null);
        String sourceIdentity = sourceIdentity(request.sourceIdentity(), from);
        int packed = PackedPolicy.check(request.policy(), request.policyArns(), sessionTags);

        Uni<Instant> mfa = request.tokenCode() == null ? Uni.createFrom().item(caller.mfaAuthenticatedAt())
                : identity.verifyMfa(caller.accountId(), request.serialNumber(), request.tokenCode()).map(owner -> {
                    if (!owner.arn().equals(from != null ? from.sourceArn() : caller.arn())) {
                        throw new IamException(ErrorCode.ACCESS_DENIED, IdentityPeer.MFA_FAILED);
                    }
                    return clock.instant();
                });
        return mfa.chain(mfaAt -> roles.role(roleArn.toString(), caller.accountId()).onFailure(IamException.class)
                .transform(failure -> ((IamException) failure).code() == ErrorCode.NO_SUCH_ENTITY ? denied(caller, roleArn.toString())
                        : failure)
                .chain(role -> {
                    withinRoleMaximum(duration, role);
                    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                    Map<String, Object> context = new LinkedHashMap<>(GlobalKeys.of(call, mfaAt, from != null, now));
                    context.put("sts:RoleSessionName", request.roleSessionName());
                    if (request.externalId() != null) {
                        context.put("sts:ExternalId", request.externalId());
                    }
                    if (sourceIdentity != null) {
                        context.put("sts:SourceIdentity", sourceIdentity);
                    }
                    if (!tags.isEmpty()) {
                        tags.forEach(tag -> context.put("aws:RequestTag/" + tag.key(), tag.value()));
                        context.put("aws:TagKeys", tags.stream().map(Tag::key).toList());
                    }
                    if (!request.transitiveTagKeys().isEmpty()) {
                        context.put("sts:TransitiveTagKeys", request.transitiveTagKeys());
                    }
                    String roleAccount = Arn.parse(role.arn()).account();
                    List<DecisionClient.Question> questions = new ArrayList<>();
                    questions.add(question("sts:AssumeRole", role, roleAccount, context));
                    if (!tags.isEmpty() || !request.transitiveTagKeys().isEmpty()) {
                        questions.add(question("sts:TagSession", role, roleAccount, context));
                    }
                    if (request.sourceIdentity() != null) {
                        questions.add(question("sts:SetSourceIdentity", role, roleAccount, context));
                    }
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (DecisionClient.Question question : questions) {
                        all = all.chain(() -> decisions.require(caller, question));
                    }
                    return all.chain(allowed -> session("AssumeRole", caller.arn(), null, role, request.roleSessionName(), now,
                            duration, mfaAt,
                            new SessionContext(role.arn(), "AssumedRole", now, now.plus(Duration.ofSeconds(duration)),
                                    request.policy(), request.policyArns(), sessionTags, transitive, sourceIdentity, null, chained),
                            packed));
                }));
    }

    /**
     * The role session every way of assuming a role ends in (AssumeRole, AssumeRoleWithWebIdentity): its ARN
     * {@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION}, principal id {@code AROA…:SESSION}, and credentials carrying
     * {@code session}.
     */
    public Uni<AssumedRole> session(String action, String requestedBy, String subject, IdentityPeer.RoleTarget role,
                                    String sessionName, Instant now, int duration, Instant mfaAt, SessionContext session, int packed) {
        String roleAccount = Arn.parse(role.arn()).account();
        String arn = "arn:aws:sts::" + roleAccount + ":assumed-role/" + role.roleName() + "/" + sessionName;
        String principalId = role.roleId() + ":" + sessionName;
        return issuer.issue(action, requestedBy, subject, roleAccount, arn, principalId, mfaAt, session)
                .map(credentials -> new AssumedRole(credentials, principalId, arn, packed, session.sourceIdentity()));
    }

    /** A role session's name: 2–64 characters of {@code [\w+=,.@-]}. */
    public static String sessionName(String field, String name) {
        return Rules.matching(field, name, 2, 64, SESSION_NAME);
    }

    /** {@code DurationSeconds} of a role session: 900 to 43,200 (3,600 by default), and at most the role's maximum. */
    public static int duration(Integer requested) {
        return Rules.range("durationSeconds", requested, MIN_DURATION, MAX_DURATION, DEFAULT_DURATION);
    }

    /** Refuses a duration past the role's {@code MaxSessionDuration}, as AWS words it. */
    public static void withinRoleMaximum(int duration, IdentityPeer.RoleTarget role) {
        if (duration > role.maxSessionDuration()) {
            throw IamException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
    }

    /** A question about assuming {@code role}: its trust policy must allow, with the caller's account's revisions. */
    public static DecisionClient.Question question(String action, IdentityPeer.RoleTarget role, String roleAccount,
                                                    Map<String, Object> context) {
        return new DecisionClient.Question(action, role.arn(), roleAccount, role.trustPolicy(), true, context,
                role.callerIdentityRevision(), role.callerPolicyRevision());
    }

    /** A role's ARN as a request names it; ValidationError otherwise. */
    public static Arn roleArn(String value) {
        Arn arn;
        try {
            arn = Arn.parse(value);
        } catch (IamException e) {
            throw IamException.validation(value + " is invalid");
        }
        if (!"iam".equals(arn.service()) || !arn.resource().startsWith("role/") || !arn.account().matches("\\d{12}")) {
            throw IamException.validation(value + " is invalid");
        }
        return arn;
    }

    /** The session's tags: the inherited transitive ones, then the request's, which may not override them. */
    private static Map<String, String> sessionTags(List<Tag> tags, SessionContext chainedFrom) {
        Map<String, String> merged = new LinkedHashMap<>();
        Set<String> inherited = new LinkedHashSet<>();
        if (chainedFrom != null) {
            for (String key : chainedFrom.transitiveTagKeys()) {
                String value = chainedFrom.tags().get(key);
                if (value != null) {
                    merged.put(key, value);
                    inherited.add(key.toLowerCase(Locale.ROOT));
                }
            }
        }
        for (Tag tag : tags) {
            if (inherited.contains(tag.key().toLowerCase(Locale.ROOT))) {
                throw new IamException(ErrorCode.INVALID_INPUT, "One or more session tags conflict with transitive tags of the "
                        + "calling session: " + tag.key());
            }
            merged.put(tag.key(), tag.value());
        }
        return merged;
    }

    /** The keys that stay transitive: those the request names (each must be one of its tags), and the inherited ones. */
    private static List<String> transitiveKeys(List<String> requested, List<Tag> tags, SessionContext chainedFrom) {
        Set<String> tagKeys = new LinkedHashSet<>();
        tags.forEach(tag -> tagKeys.add(tag.key().toLowerCase(Locale.ROOT)));
        List<String> keys = new ArrayList<>(chainedFrom == null ? List.of() : chainedFrom.transitiveTagKeys());
        for (String key : requested) {
            if (!tagKeys.contains(key.toLowerCase(Locale.ROOT))) {
                throw new IamException(ErrorCode.INVALID_INPUT, "The transitive tag key " + key + " is not one of the session tags.");
            }
            keys.add(key);
        }
        return keys;
    }

    /** Once a session has a source identity it keeps it: a chained request may repeat it, not change it. */
    private static String sourceIdentity(String requested, SessionContext from) {
        String inherited = from == null ? null : from.sourceIdentity();
        if (inherited != null && requested != null && !inherited.equals(requested)) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "The source identity of a session cannot be changed once set.");
        }
        return inherited != null ? inherited : requested;
    }

    private IamException denied(CallerClaims caller, String roleArn) {
        return decisions.denied(caller, "sts:AssumeRole", roleArn);
    }
}
