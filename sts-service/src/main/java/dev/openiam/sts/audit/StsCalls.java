package dev.openiam.sts.audit;

import dev.openiam.audittrail.ApiCall;
import dev.openiam.audittrail.IamCalls;
import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.glue.audit.AuditedCall;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.IamException;
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
        return AuditedCall.begin(ApiCall.query(ApiCall.STS, action, query.all(), caller, requestId, call.sourceIp(), call.userAgent(),
                true, resources(query)));
    }

    /**
     * Starts auditing an unsigned call (AssumeRoleWithWebIdentity) in the account of the role it names, as CloudTrail
     * records it there, by a {@code WebIdentityUser} the handler names once it has verified the token
     * ({@link AuditedCall#identifiedAs}); {@code null} when the call names no role ARN, so no account to record it in.
     */
    public static AuditedCall unsigned(QueryRequest query, String action, String requestId, GlobalKeys.Call call) {
        String account;
        try {
            String roleArn = query.string("RoleArn");
            account = roleArn == null ? null : Arn.parse(roleArn).account();
        } catch (IamException e) {
            account = null;
        }
        if (account == null || !AccountId.isValid(account)) {
            return null;
        }
        return AuditedCall.begin(ApiCall.unsigned(ApiCall.STS, action, query.all(),
                AuditRecord.UserIdentity.webIdentityUser(account, null, null, null), requestId, call.sourceIp(), call.userAgent(), true,
                resources(query)));
    }

    private static List<AuditRecord.Resource> resources(QueryRequest query) {
        List<AuditRecord.Resource> resources = new ArrayList<>();
        AuditRecord.Resource role = IamCalls.resource(query.string("RoleArn"));
        if (role != null) {
            resources.add(role);
        }
        return resources;
    }
}
