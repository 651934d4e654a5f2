package dev.openiam.sts.assumerole;

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

/** AssumeRole on the STS front door: the request's parameters in, the session's credentials out. */
@ApplicationScoped
public class AssumeRoleActions implements StsActionGroup {

    private final AssumeRoleService service;
    private final CallerRoleLookup lookup;

    public AssumeRoleActions(AssumeRoleService service, CallerRoleLookup lookup) {
        this.service = service;
        this.lookup = lookup;
    }

    @Override
    public List<StsAction> actions() {
        return List.of(StsAction.authenticatedBy("AssumeRole", this::assumeRole, lookup::authenticate));
    }

    private Uni<Consumer<QueryXml.Element>> assumeRole(QueryRequest q, CallerClaims caller, GlobalKeys.Call call) {
        AssumeRoleRequest request = new AssumeRoleRequest(q.required("RoleArn"), q.required("RoleSessionName"),
                q.integer("DurationSeconds"), q.string("Policy"), q.memberFields("PolicyArns", "arn"), q.tags("Tags"),
                q.list("TransitiveTagKeys"), q.string("ExternalId"), q.string("SerialNumber"), q.string("TokenCode"),
                q.string("SourceIdentity"));
        return service.assume(caller, request, call).map(session -> e -> write(e, session));
    }

    /** A role session as STS answers it: Credentials, AssumedRoleUser, PackedPolicySize and SourceIdentity when set. */
    public static void write(QueryXml.Element e, AssumedRole session) {
        e.element("Credentials", c -> c.text("AccessKeyId", session.credentials().accessKeyId())
                .text("SecretAccessKey", session.credentials().secretAccessKey())
                .text("SessionToken", session.credentials().sessionToken())
                .date("Expiration", session.credentials().expiration()));
        e.element("AssumedRoleUser", u -> u.text("AssumedRoleId", session.assumedRoleId()).text("Arn", session.arn()));
        if (session.packedPolicySize() > 0) {
            // as AWS: only when the request passed session policies or tags
            e.text("PackedPolicySize", String.valueOf(session.packedPolicySize()));
        }
        if (session.sourceIdentity() != null) {
            e.text("SourceIdentity", session.sourceIdentity());
        }
    }
}
