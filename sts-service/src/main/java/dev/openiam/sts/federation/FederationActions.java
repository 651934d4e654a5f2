package dev.openiam.sts.federation;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.glue.peers.DecisionClient;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import dev.openiam.model.rules.Rules;
import dev.openiam.sts.credentials.CredentialIssuer;
import dev.openiam.sts.credentials.PackedPolicy;
import dev.openiam.sts.credentials.SessionCredentials;
import dev.openiam.sts.credentials.SessionPolicyInput;
import dev.openiam.sts.peers.IdentityPeer;
import dev.openiam.sts.query.StsAction;
import dev.openiam.sts.query.StsActionGroup;
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
import java.util.function.Consumer;

/**
 * GetFederationToken: a federated user's session ({@code arn:aws:sts::ACCT:federated-user/NAME}) for an IAM user
 * signing with its long-term keys, 900 to 129,600 seconds (the root user is refused here). The caller needs
 * {@code sts:GetFederationToken} on the federated user's ARN (and {@code sts:TagSession} to pass tags). The session may
 * do what the caller's policies and its session policies both allow — and nothing without a session policy, as AWS
 * documents; like AWS's, it cannot call IAM or other STS actions than GetCallerIdentity.
 */
@ApplicationScoped
public class FederationActions implements StsActionGroup {

    static final int MIN = 900;
    static final int DEFAULT = 43_200;
    static final int MAX = 129_600;

    private final StsDecisions decisions;
    private final IdentityPeer identity;
    private final CredentialIssuer issuer;
    private final Clock clock = Clock.systemUTC();

    public FederationActions(StsDecisions decisions, IdentityPeer identity, CredentialIssuer issuer) {
        this.decisions = decisions;
        this.identity = identity;
        this.issuer = issuer;
    }

    @Override
    public List<StsAction> actions() {
        return List.of(new StsAction("GetFederationToken", this::getFederationToken));
    }

    private Uni<Consumer<QueryXml.Element>> getFederationToken(QueryRequest q, CallerClaims caller, GlobalKeys.Call call) {
        String name = Rules.matching("name", q.required("Name"), 2, 32, "[\\w+=,.@-]*");
        int duration = Rules.range("durationSeconds", q.integer("DurationSeconds"), MIN, MAX, DEFAULT);
        SessionPolicyInput policies = SessionPolicyInput.of(q.string("Policy"), q.memberFields("PolicyArns", "arn"));
        List<Tag> tags = Rules.tags(q.tags("Tags"));
        if (caller.session() != null) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "Cannot call GetFederationToken with session credentials");
        }
        if (caller.root()) {
            // AWS allows it and advises against it; here a federated user always acts for an IAM user
            throw new IamException(ErrorCode.ACCESS_DENIED, "GetFederationToken is for IAM users: call it with an IAM user's access key");
        }
        Map<String, String> sessionTags = new LinkedHashMap<>();
        tags.forEach(tag -> sessionTags.put(tag.key(), tag.value()));
        int packed = PackedPolicy.check(policies.policy(), policies.policyArns(), sessionTags);
        int seconds = duration;
        String arn = "arn:aws:sts::" + caller.accountId() + ":federated-user/" + name;
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> context = new LinkedHashMap<>(GlobalKeys.of(call, caller.mfaAuthenticatedAt(), false, now));
        if (!tags.isEmpty()) {
            tags.forEach(tag -> context.put("aws:RequestTag/" + tag.key(), tag.value()));
            context.put("aws:TagKeys", tags.stream().map(Tag::key).toList());
        }
        // the caller needs sts:GetFederationToken on the federated user (and sts:TagSession to pass tags)
        Uni<Void> allowed = identity.revisions(caller.accountId()).chain(revisions -> {
            Uni<Void> checks = decisions.require(caller, DecisionClient.Question.of("sts:GetFederationToken", arn, context,
                    revisions.identity(), revisions.policy()));
            return tags.isEmpty() ? checks : checks.chain(() -> decisions.require(caller, DecisionClient.Question.of("sts:TagSession",
                    arn, context, revisions.identity(), revisions.policy())));
        });
        return allowed.chain(ok -> {
            SessionContext session = new SessionContext(caller.arn(), "FederatedUser", now, now.plus(Duration.ofSeconds(seconds)),
                    policies.policy(), policies.policyArns(), sessionTags, List.of(), null, null, false);
            return issuer.issue("GetFederationToken", caller.arn(), null, caller.accountId(), arn, caller.accountId() + ":" + name,
                    caller.mfaAuthenticatedAt(), session);
        }).map(credentials -> {
            return e -> {
                e.element("Credentials", c -> c.text("AccessKeyId", credentials.accessKeyId())
                        .text("SecretAccessKey", credentials.secretAccessKey())
                        .text("SessionToken", credentials.sessionToken())
                        .date("Expiration", credentials.expiration()));
                e.element("FederatedUser", u -> u.text("FederatedUserId", caller.accountId() + ":" + name).text("Arn", arn));
                if (packed > 0) {
                    e.text("PackedPolicySize", String.valueOf(packed));
                }
            };
        });
    }
}
