package dev.openiam.sts.webidentity;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.sts.assumerole.AssumeRoleActions;
import dev.openiam.sts.query.StsAction;
import dev.openiam.sts.query.StsActionGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Consumer;

/** AssumeRoleWithWebIdentity on the STS front door: unsigned, as AWS serves it; the token is the credential. */
@ApplicationScoped
public class WebIdentityActions implements StsActionGroup {

    private final WebIdentityService service;

    public WebIdentityActions(WebIdentityService service) {
        this.service = service;
    }

    @Override
    public List<StsAction> actions() {
        return List.of(StsAction.unsigned("AssumeRoleWithWebIdentity", this::assumeRoleWithWebIdentity));
    }

    private Uni<Consumer<QueryXml.Element>> assumeRoleWithWebIdentity(QueryRequest q, CallerClaims unsigned, GlobalKeys.Call call) {
        WebIdentityService.Request request = new WebIdentityService.Request(q.required("RoleArn"), q.required("RoleSessionName"),
                q.required("WebIdentityToken"), q.string("ProviderId"), q.integer("DurationSeconds"), q.string("Policy"),
                q.memberFields("PolicyArns", "arn"));
        return service.assume(request, call).map(result -> e -> {
            e.text("SubjectFromWebIdentityToken", result.subject());
            AssumeRoleActions.write(e, result.session());
            e.text("Provider", result.provider()).text("Audience", result.audience());
        });
    }
}
