package dev.openiam.sts.calleridentity;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.sts.query.StsAction;
import dev.openiam.sts.query.StsActionGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Consumer;

/**
 * GetCallerIdentity: who signed the request — its unique id ({@code AIDA…}, {@code AROA…:SESSION}, or the account id
 * for root), account and ARN. No permission is needed, as on AWS: even an explicit deny does not stop it.
 */
@ApplicationScoped
public class CallerIdentityActions implements StsActionGroup {

    @Override
    public List<StsAction> actions() {
        return List.of(new StsAction("GetCallerIdentity", this::getCallerIdentity));
    }

    private Uni<Consumer<QueryXml.Element>> getCallerIdentity(QueryRequest q, CallerClaims caller, GlobalKeys.Call call) {
        return Uni.createFrom().item(e -> e.text("UserId", caller.principalId()).text("Account", caller.accountId())
                .text("Arn", caller.arn()));
    }
}
