package dev.openiam.sts.authorizationmessage;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.glue.denial.AuthorizationMessages;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.rules.Rules;
import dev.openiam.sts.query.StsAction;
import dev.openiam.sts.query.StsActionGroup;
import dev.openiam.sts.query.StsDecisions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Consumer;

/**
 * DecodeAuthorizationMessage: what the encoded authorization message of an AccessDenied answer says (AWS's
 * DecodedMessage document), for a caller its policies allow {@code sts:DecodeAuthorizationMessage}. Only messages of
 * denials in the caller's own account are decoded; any other, altered, expired or made-up message is
 * InvalidAuthorizationMessageException, with nothing said about why.
 */
@ApplicationScoped
public class DecodeAuthorizationMessageActions implements StsActionGroup {

    static final String ACTION = "sts:DecodeAuthorizationMessage";
    /** botocore's encodedMessageType: 1 to 10,240 characters. */
    static final int MAX_LENGTH = 10_240;

    private final StsDecisions decisions;
    private final AuthorizationMessages messages;

    public DecodeAuthorizationMessageActions(StsDecisions decisions, AuthorizationMessages messages) {
        this.decisions = decisions;
        this.messages = messages;
    }

    @Override
    public List<StsAction> actions() {
        return List.of(new StsAction("DecodeAuthorizationMessage", this::decode));
    }

    private Uni<Consumer<QueryXml.Element>> decode(QueryRequest q, CallerClaims caller, GlobalKeys.Call call) {
        String encoded = q.required("EncodedMessage");
        Rules.length("encodedMessage", encoded, 1, MAX_LENGTH);
        return decisions.require(caller, ACTION, call)
                .map(allowed -> {
                    String decoded = messages.decode(encoded, caller.accountId()).decodedMessage();
                    return (Consumer<QueryXml.Element>) e -> e.text("DecodedMessage", decoded);
                });
    }
}
