package dev.openiam.policyservice.simulation;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.ValidationErrors;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policy.RequestContext;

import java.util.List;
import java.util.Set;

/** Reads the simulation parameters of a Query request, with AWS's errors for what is missing or invalid. */
final class SimulationInput {

    private static final List<String> KEY_TYPES = List.of("string", "stringList", "numeric", "numericList", "boolean",
            "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList");
    private static final Set<String> HANDLING_OPTIONS = Set.of("EC2-VPC-InstanceStore", "EC2-VPC-InstanceStore-Subnet",
            "EC2-VPC-EBS", "EC2-VPC-EBS-Subnet");

    private SimulationInput() {
    }

    /** A required list parameter: absent or empty is the ValidationError AWS gives for a missing member. */
    static List<String> requiredList(QueryRequest q, String name) {
        List<String> values = q.list(name);
        if (values.isEmpty()) {
            throw ValidationErrors.missing(ValidationErrors.memberName(name));
        }
        return values;
    }

    static SimulationRequest read(QueryRequest q) {
        List<String> actions = requiredList(q, "ActionNames");
        List<String> resources = q.list("ResourceArns");
        String handling = q.string("ResourceHandlingOption");
        if (handling != null && !HANDLING_OPTIONS.contains(handling)) {
            // the EC2 scenarios only name which resources a RunInstances call involves; ResourceArns lists them here
            throw new IamException(ErrorCode.INVALID_INPUT, "Invalid ResourceHandlingOption: " + handling);
        }
        String owner = q.string("ResourceOwner");
        String resourceAccount = null;
        if (owner != null) {
            Arn arn = SimulationPolicies.parse(owner);
            if (!arn.account().matches("\\d{12}")) {
                throw new IamException(ErrorCode.INVALID_INPUT, "ARN " + owner + " is not valid.");
            }
            resourceAccount = arn.account();
        }
        String callerArn = q.string("CallerArn");
        if (callerArn != null) {
            Arn arn = SimulationPolicies.parse(callerArn);
            // AWS simulates only IAM users as callers (not roles, sessions or services)
            if (!arn.service().equals("iam") || !arn.resource().startsWith("user/") || !arn.account().matches("\\d{12}")) {
                throw new IamException(ErrorCode.INVALID_INPUT, "CallerArn " + callerArn + " is not the ARN of an IAM user.");
            }
        }
        return new SimulationRequest(actions, resources.isEmpty() ? List.of("*") : resources, q.string("ResourcePolicy"),
                resourceAccount, callerArn, context(q), q.string("Marker"), q.integer("MaxItems"));
    }

    /** {@code ContextEntries.member.N.{ContextKeyName, ContextKeyValues.member.M, ContextKeyType}}. */
    private static RequestContext context(QueryRequest q) {
        RequestContext.Builder context = RequestContext.builder();
        for (int n = 1; ; n++) {
            String prefix = "ContextEntries.member." + n + ".";
            String name = q.string(prefix + "ContextKeyName");
            List<String> values = q.list(prefix + "ContextKeyValues");
            String type = q.string(prefix + "ContextKeyType");
            if (name == null && values.isEmpty() && type == null) {
                return context.build();
            }
            if (name == null || name.isBlank()) {
                throw ValidationErrors.missing(ValidationErrors.memberName(prefix + "ContextKeyName"));
            }
            if (type != null && !KEY_TYPES.contains(type)) {
                throw ValidationErrors.of(type, ValidationErrors.memberName(prefix + "ContextKeyType"),
                        "Member must satisfy enum value set: " + KEY_TYPES);
            }
            // the type only says single- or multivalued; the engine reads each value as its operator needs
            if (type != null && type.endsWith("List")) {
                context.put(name, values);
            } else if (values.size() == 1) {
                context.put(name, values.get(0));
            } else if (!values.isEmpty()) {
                throw new IamException(ErrorCode.INVALID_INPUT, "Context key " + name + " of type " + (type == null ? "string" : type)
                        + " takes one value, not " + values.size() + ".");
            }
        }
    }
}
