package dev.openiam.sts.audit;

import dev.openiam.audittrail.ApiCall;
import dev.openiam.audittrail.IamCalls;
import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.glue.audit.AuditedCall;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.audit.AuditRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit record of an STS call: event source {@code sts.amazonaws.com}, read-only as CloudTrail marks every STS
 * call (nothing it does is a change of stored state), the role it names as its resource. Session tokens, token codes
 * and web-identity tokens among its parameters are hidden when the record is encoded.
 */
public final class StsCalls {

    private StsCalls() {
    }

    /** Starts auditing the call of {@code action} by {@code caller} for the current request. */
    public static AuditedCall audited(QueryRequest query, String action, CallerClaims caller, String requestId, GlobalKeys.Call call) {
        List<AuditRecord.Resource> resources = new ArrayList<>();
        AuditRecord.Resource role = IamCalls.resource(query.string("RoleArn"));
        if (role != null) {
            resources.add(role);
        }
        return AuditedCall.begin(ApiCall.query(ApiCall.STS, action, query.all(), caller, requestId, call.sourceIp(), call.userAgent(),
                true, resources));
    }
}
