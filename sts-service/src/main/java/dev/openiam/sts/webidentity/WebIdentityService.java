package dev.openiam.sts.webidentity;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.glue.audit.AuditedCall;
import dev.openiam.glue.denial.AuthorizationMessages;
import dev.openiam.glue.peers.DecisionClient;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.model.rules.Rules;
import dev.openiam.sts.assumerole.AssumeRoleService;
import dev.openiam.sts.assumerole.AssumedRole;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AssumeRoleWithWebIdentity as AWS does it, for OpenID Connect ID tokens (Kubernetes service-account tokens among
 * them): no AWS credentials; the token's {@code iss} names the role account's OIDC provider, the token is checked
 * against the issuer's keys, its audience against the provider's client ids; then only the role's trust policy decides
 * (the provider is the {@code Federated} principal, the token's {@code sub}, {@code aud} and {@code amr} are the
 * {@code <provider>:sub}/{@code :aud}/{@code :amr} keys; session tags from the token's {@code https://aws.amazon.com/tags}
 * claim need {@code sts:TagSession}, its source identity {@code sts:SetSourceIdentity}), and the session is a role
 * session like AssumeRole's that carries its provider ({@code aws:FederatedProvider} in every later decision).
 */
@ApplicationScoped
public class WebIdentityService {

    static final String ACTION = "sts:AssumeRoleWithWebIdentity";
    static final String DENIED = "Not authorized to perform sts:AssumeRoleWithWebIdentity";

    public record Request(String roleArn, String roleSessionName, String webIdentityToken, String providerId,
                          Integer durationSeconds, String policy, List<String> policyArns) {
    }

    /** The role session, and what the answer tells of the token. */
    public record Result(AssumedRole session, String subject, String provider, String audience) {
    }

    private final IdentityPeer identity;
    private final ProviderKeys keys;
    private final StsDecisions decisions;
    private final AssumeRoleService roles;
    private final WebIdentityConfig config;
    private final Clock clock = Clock.systemUTC();

    public WebIdentityService(IdentityPeer identity, ProviderKeys keys, StsDecisions decisions, AssumeRoleService roles,
                              WebIdentityConfig config) {
        this.identity = identity;
        this.keys = keys;
        this.decisions = decisions;
        this.roles = roles;
        this.config = config;
    }

    public Uni<Result> assume(Request request, GlobalKeys.Call call) {
        Rules.length("roleArn", request.roleArn(), 20, 2048);
        AssumeRoleService.sessionName("roleSessionName", request.roleSessionName());
        Rules.length("webIdentityToken", request.webIdentityToken(), IdentityTokens.MIN_LENGTH, IdentityTokens.MAX_LENGTH);
        int duration = AssumeRoleService.duration(request.durationSeconds());
        SessionPolicyInput.of(request.policy(), request.policyArns());
        if (request.providerId() != null) {
            Rules.length("providerId", request.providerId(), 4, 2048);
            // AWS takes ProviderId only for OAuth 2.0 access tokens of www.amazon.com and graph.facebook.com
            throw IdentityTokens.invalid("ProviderId is for OAuth 2.0 access tokens, which are not supported; omit it for "
                    + "OpenID Connect ID tokens");
        }
        Arn roleArn = AssumeRoleService.roleArn(request.roleArn());
        int packed = PackedPolicy.check(request.policy(), request.policyArns(), Map.of());
        String account = roleArn.account();
        AuditedCall audit = AuditedCall.current();
        return verify(request.webIdentityToken(), account)
                .invoke(verified -> identified(audit, account, verified.provider(), verified.token()))
                .chain(verified -> identity.role(roleArn.toString(), account)
                        .onFailure(failure -> failure instanceof IamException e && e.code() == ErrorCode.NO_SUCH_ENTITY)
                        .transform(failure -> new IamException(ErrorCode.ACCESS_DENIED, DENIED))
                        .chain(role -> decideAndIssue(request, call, verified.provider(), verified.token(), role, duration, packed)));
    }

    /** A web identity token checked against the OIDC provider of {@code account} its {@code iss} names. */
    public record VerifiedIdentity(IdentityPeer.OidcProvider provider, IdentityTokens.Verified token) {
    }

    /**
     * Checks {@code webIdentityToken} as AssumeRoleWithWebIdentity does: its issuer must be an OIDC provider of
     * {@code account}, its signature one of the issuer's keys, its audience one of the provider's client ids, its times
     * current. InvalidIdentityToken (or ExpiredTokenException) otherwise.
     */
    public Uni<VerifiedIdentity> verify(String webIdentityToken, String account) {
        IdentityTokens.Unverified unverified = IdentityTokens.peek(webIdentityToken);
        String issuer = unverified.issuer();
        if (!issuer.startsWith("https://") || issuer.length() <= "https://".length()) {
            throw noProvider(issuer);
        }
        return identity.oidcProvider(account, issuer.substring("https://".length()))
                .onFailure(failure -> failure instanceof IamException e && e.code() == ErrorCode.NO_SUCH_ENTITY)
                .transform(failure -> noProvider(issuer))
                .invoke(provider -> {
                    if (!issuer.equals("https://" + provider.url())) {
                        throw noProvider(issuer); // another letter case of the same URL is another issuer
                    }
                })
                .chain(provider -> keys.keys(issuer, provider.thumbprints(), unverified.keyId())
                        .map(issuerKeys -> new VerifiedIdentity(provider, IdentityTokens.verify(webIdentityToken, issuer,
                                provider.clientIds(), issuerKeys, clock.instant(), config.clockSkew()))));
    }

    /** The call's record names the web identity, as CloudTrail does: {@code <provider ARN>:<aud>:<sub>}, {@code sub}. */
    private static void identified(AuditedCall audit, String account, IdentityPeer.OidcProvider provider, IdentityTokens.Verified token) {
        if (audit != null) {
            audit.identifiedAs(AuditRecord.UserIdentity.webIdentityUser(account,
                    provider.arn() + ":" + token.audience() + ":" + token.subject(), token.subject(), provider.arn()));
        }
    }

    private static IamException noProvider(String issuer) {
        return IdentityTokens.invalid("No OpenIDConnect provider found in your account for " + issuer);
    }

    private Uni<Result> decideAndIssue(Request request, GlobalKeys.Call call, IdentityPeer.OidcProvider provider,
                                       IdentityTokens.Verified token, IdentityPeer.RoleTarget role, int duration, int packed) {
        AssumeRoleService.withinRoleMaximum(duration, role);
        String sourceIdentity = token.sourceIdentity();
        if (sourceIdentity != null) {
            AssumeRoleService.sessionName("sourceIdentity", sourceIdentity);
        }
        List<Tag> tags = Rules.tags(token.tags());
        Map<String, String> sessionTags = new LinkedHashMap<>();
        tags.forEach(tag -> sessionTags.put(tag.key(), tag.value()));
        Set<String> tagKeys = new HashSet<>();
        tags.forEach(tag -> tagKeys.add(tag.key().toLowerCase(Locale.ROOT)));
        for (String key : token.transitiveTagKeys()) {
            if (!tagKeys.contains(key.toLowerCase(Locale.ROOT))) {
                throw IdentityTokens.invalid("The transitive tag key " + key + " is not one of the session tags.");
            }
        }
        int packedSize = sessionTags.isEmpty() ? packed : PackedPolicy.check(request.policy(), request.policyArns(), sessionTags);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> context = new LinkedHashMap<>(GlobalKeys.of(call, null, false, now));
        context.put(provider.url() + ":sub", token.subject());
        context.put(provider.url() + ":aud", token.audience());
        if (!token.amr().isEmpty()) {
            context.put(provider.url() + ":amr", token.amr());
        }
        context.put("sts:RoleSessionName", request.roleSessionName());
        if (sourceIdentity != null) {
            context.put("sts:SourceIdentity", sourceIdentity);
        }
        if (!tags.isEmpty()) {
            tags.forEach(tag -> context.put("aws:RequestTag/" + tag.key(), tag.value()));
            context.put("aws:TagKeys", tags.stream().map(Tag::key).toList());
        }
        if (!token.transitiveTagKeys().isEmpty()) {
            context.put("sts:TransitiveTagKeys", token.transitiveTagKeys());
        }
        String roleAccount = Arn.parse(role.arn()).account();
        // a web identity has no identity-based policies: the decision point lets only the role's trust policy allow it
        CallerClaims caller = new CallerClaims(provider.arn(), roleAccount,
                provider.url() + ":" + token.audience() + ":" + token.subject(), null, false);
        List<DecisionClient.Question> questions = new ArrayList<>();
        questions.add(AssumeRoleService.question(ACTION, role, roleAccount, context));
        if (!tags.isEmpty()) {
            questions.add(AssumeRoleService.question("sts:TagSession", role, roleAccount, context));
        }
        if (sourceIdentity != null) {
            questions.add(AssumeRoleService.question("sts:SetSourceIdentity", role, roleAccount, context));
        }
        Uni<Void> all = Uni.createFrom().voidItem();
        for (DecisionClient.Question question : questions) {
            all = all.chain(() -> decisions.require(caller, question));
        }
        return all.onFailure(failure -> failure instanceof IamException e && e.code() == ErrorCode.ACCESS_DENIED)
                .transform(failure -> AuthorizationMessages.reworded(DENIED, failure))
                .chain(allowed -> {
                    SessionContext session = new SessionContext(role.arn(), "AssumedRole", now, now.plus(Duration.ofSeconds(duration)),
                            request.policy(), request.policyArns(), sessionTags, token.transitiveTagKeys(), sourceIdentity, provider.arn(),
                            false);
                    return roles.session("AssumeRoleWithWebIdentity", provider.arn(), token.subject(), role, request.roleSessionName(),
                            now, duration, null, session, packedSize);
                })
                .map(session -> new Result(session, token.subject(), provider.arn(), token.audience()));
    }
}
