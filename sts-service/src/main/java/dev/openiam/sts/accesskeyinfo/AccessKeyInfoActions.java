package dev.openiam.sts.accesskeyinfo;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.AccessKeyIds;
import dev.openiam.model.EntityType;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Rules;
import dev.openiam.sts.peers.IdentityPeer;
import dev.openiam.sts.query.StsAction;
import dev.openiam.sts.query.StsActionGroup;
import dev.openiam.sts.query.StsDecisions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Consumer;

/**
 * GetAccessKeyInfo: the account an access key id belongs to, for a caller its policies allow
 * {@code sts:GetAccessKeyInfo}. Whatever the key's status, as AWS documents ("active, inactive, or deleted"):
 * <ul>
 *   <li>a long-term key ({@code AKIA…}) is looked up at identity-service, which holds every one; one it does not hold
 *   (never made, or deleted: its row is gone) is the error AWS documents for a key that does not exist;</li>
 *   <li>a temporary key ({@code ASIA…}) carries its account in its id, laid out as AWS lays out its own
 *   ({@link AccessKeyIds}): sts-service keeps no record of the credentials it issues (every front door checks the
 *   session token alone), so the id is the only place the account can come from without adding state and a write per
 *   issue. Anyone could make up an id that decodes to some account — as on AWS, the answer says which account such a
 *   key would belong to, never that it exists.</li>
 * </ul>
 */
@ApplicationScoped
public class AccessKeyInfoActions implements StsActionGroup {

    static final String ACTION = "sts:GetAccessKeyInfo";

    private final IdentityPeer identity;
    private final StsDecisions decisions;

    public AccessKeyInfoActions(IdentityPeer identity, StsDecisions decisions) {
        this.identity = identity;
        this.decisions = decisions;
    }

    @Override
    public List<StsAction> actions() {
        return List.of(new StsAction("GetAccessKeyInfo", this::getAccessKeyInfo));
    }

    private Uni<Consumer<QueryXml.Element>> getAccessKeyInfo(QueryRequest q, CallerClaims caller, GlobalKeys.Call call) {
        String keyId = Rules.matching("accessKeyId", q.required("AccessKeyId"), 16, 128, "[\\w]*");
        return decisions.require(caller, ACTION, call)
                .chain(() -> account(keyId))
                .map(account -> e -> e.text("Account", account));
    }

    private Uni<String> account(String keyId) {
        if (EntityType.TEMPORARY_ACCESS_KEY.isValid(keyId)) {
            String account = AccessKeyIds.accountOf(EntityType.TEMPORARY_ACCESS_KEY, keyId);
            return account != null ? Uni.createFrom().item(account) : Uni.createFrom().failure(noSuchKey(keyId));
        }
        if (!EntityType.ACCESS_KEY.isValid(keyId)) {
            return Uni.createFrom().failure(noSuchKey(keyId));
        }
        return identity.accessKeyAccount(keyId)
                .onFailure(failure -> failure instanceof IamException e && e.code() == ErrorCode.NO_SUCH_ENTITY)
                .transform(failure -> noSuchKey(keyId));
    }

    private static IamException noSuchKey(String keyId) {
        return new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID, "The access key ID " + keyId + " does not exist.");
    }
}
