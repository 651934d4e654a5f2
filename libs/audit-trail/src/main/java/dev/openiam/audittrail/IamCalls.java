package dev.openiam.audittrail;

import dev.openiam.authorization.ActionDescription;
import dev.openiam.authorization.CallerRef;
import dev.openiam.authorization.Check;
import dev.openiam.authorization.IamAuthorizations;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.IamException;
import dev.openiam.model.audit.AuditRecord;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The calls of the IAM API: read-only when the Service Authorization Reference calls the action Read or List, and the
 * resources its authorization description names, by the ARNs the request gives them.
 */
public final class IamCalls {

    private IamCalls() {
    }

    /** The call of IAM action {@code action} (one with an authorization description) by {@code caller}. */
    public static ApiCall of(String action, QueryRequest request, CallerClaims caller, String requestId, String sourceIp,
                             String userAgent) {
        ActionDescription description = IamAuthorizations.get().find(action);
        boolean readOnly = description != null && isReadOnly(description.reference().accessLevel());
        return ApiCall.query(ApiCall.IAM, action, request.all(), caller, requestId, sourceIp, userAgent, readOnly,
                description == null ? List.of() : resources(description, request, caller));
    }

    public static boolean isReadOnly(String accessLevel) {
        return "Read".equalsIgnoreCase(accessLevel) || "List".equalsIgnoreCase(accessLevel);
    }

    /** The ARNs the description derives from the request (as named, not as stored), typed as CloudTrail types them. */
    static List<AuditRecord.Resource> resources(ActionDescription description, QueryRequest request, CallerClaims caller) {
        List<Check> checks;
        try {
            checks = description.checks(request, new CallerRef(caller.accountId(), caller.arn()), ref -> null);
        } catch (IamException | IllegalArgumentException e) {
            return List.of(); // a parameter the action needs is missing: the call fails, naming nothing
        }
        Set<String> arns = new LinkedHashSet<>();
        checks.forEach(check -> arns.add(check.resource()));
        List<AuditRecord.Resource> resources = new ArrayList<>();
        for (String arn : arns) {
            AuditRecord.Resource resource = resource(arn);
            if (resource != null) {
                resources.add(resource);
            }
        }
        return resources;
    }

    /** {@code AWS::IAM::User} and so on for an IAM ARN of an entity; {@code null} for {@code *} and an account's root. */
    public static AuditRecord.Resource resource(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length < 6 || !"iam".equals(parts[2]) || !parts[5].contains("/")) {
            return null;
        }
        String kind = parts[5].substring(0, parts[5].indexOf('/'));
        String type = switch (kind) {
            case "user" -> "User";
            case "group" -> "Group";
            case "role" -> "Role";
            case "policy" -> "Policy";
            case "instance-profile" -> "InstanceProfile";
            case "mfa" -> "VirtualMFADevice";
            case "oidc-provider" -> "OIDCProvider";
            case "saml-provider" -> "SAMLProvider";
            default -> null;
        };
        return type == null ? null : new AuditRecord.Resource(parts[4].isEmpty() ? null : parts[4], "AWS::IAM::" + type, arn);
    }
}
