package dev.openiam.sts.workload;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.audittrail.ApiCall;
import dev.openiam.audittrail.IamCalls;
import dev.openiam.model.IamException;
import dev.openiam.model.audit.AuditRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The CloudTrail record of a workload's credential fetch, as AWS records an EC2 instance getting its role's
 * credentials: {@code AssumeRole} by {@code userIdentity {type: AWSService, invokedBy: ec2.amazonaws.com}} (or
 * {@code ecs-tasks.amazonaws.com}) from that service, in the role's account, the session named after the workload
 * ({@code roleSessionName} is the workload id). Each fetch is one record — a fetch served from the cache shows the same
 * {@code accessKeyId} again — so the trail tells which workload got which role's credentials when.
 */
final class WorkloadAudit {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private WorkloadAudit() {
    }

    static AuditRecord succeeded(Workload workload, WorkloadCredentials.Served served, boolean cached) {
        ObjectNode response = JSON.objectNode();
        ObjectNode credentials = response.putObject("credentials");
        credentials.put("accessKeyId", served.session().credentials().accessKeyId());
        credentials.put("expiration", served.session().credentials().expiration().toString());
        response.putObject("assumedRoleUser").put("assumedRoleId", served.session().assumedRoleId())
                .put("arn", served.session().arn());
        return record(workload, parameters(workload, served.roleArn(), cached), response, served.roleArn(), null, null);
    }

    static AuditRecord failed(Workload workload, IamException failure) {
        // a role workload names its role even when it could not be assumed; an instance profile's role may be unknown
        String roleArn = workload.kind() == Workload.Kind.ROLE ? workload.roleArn() : null;
        return record(workload, parameters(workload, roleArn, false), null, roleArn, failure.code().awsCode(), failure.getMessage());
    }

    private static ObjectNode parameters(Workload workload, String roleArn, boolean cached) {
        ObjectNode parameters = JSON.objectNode();
        if (roleArn != null) {
            parameters.put("roleArn", roleArn);
        }
        parameters.put("roleSessionName", workload.workloadId());
        if (workload.kind() == Workload.Kind.INSTANCE_PROFILE) {
            parameters.put("instanceProfileName", workload.targetName());
        }
        parameters.put("credentialsFromCache", cached);
        return parameters;
    }

    private static AuditRecord record(Workload workload, ObjectNode parameters, ObjectNode response, String roleArn, String errorCode,
                                      String errorMessage) {
        String service = workload.kind().servicePrincipal();
        List<AuditRecord.Resource> resources = new ArrayList<>();
        AuditRecord.Resource role = roleArn == null ? null : IamCalls.resource(roleArn);
        if (role != null) {
            resources.add(role);
        }
        AuditRecord.UserIdentity identity = new AuditRecord.UserIdentity("AWSService", null, null, null, null, null, null, service);
        return new AuditRecord(AuditRecord.EVENT_VERSION, identity, Instant.now(), ApiCall.STS, "AssumeRole", ApiCall.GLOBAL_REGION,
                service, service, errorCode, errorMessage, parameters, response, UUID.randomUUID().toString(), UUID.randomUUID(), true,
                resources, AuditRecord.API_CALL, true, workload.accountId(), AuditRecord.MANAGEMENT);
    }
}
