package dev.openiam.policyservice.simulation;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.ValidationErrors;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Rules;
import dev.openiam.policy.RequestContext;
import dev.openiam.policy.condition.IpRange;
import dev.openiam.policy.condition.Values;

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

    /**
     * Every parameter of a simulation, checked before anything is loaded or evaluated: each list member within
     * botocore's lengths, at most {@code maxEvaluations} action–resource pairs, the context entries read once
     * into one context whose values match their declared types.
     */
    static SimulationRequest read(QueryRequest q, int maxEvaluations) {
        List<String> actions = requiredList(q, "ActionNames");
        members("ActionNames", actions, 3, 128);
        List<String> resources = q.list("ResourceArns");
        members("ResourceArns", resources, 1, 2048);
        long evaluations = (long) actions.size() * Math.max(1, resources.size());
        if (evaluations > maxEvaluations) {
            // InvalidInput: the one client error the operations declare for an out-of-range value
            throw new IamException(ErrorCode.INVALID_INPUT, "The simulation of " + actions.size() + " actions on "
                    + Math.max(1, resources.size()) + " resources (" + evaluations + " evaluations) exceeds the limit of "
                    + maxEvaluations + " evaluations per request.");
        }
        length("ResourceHandlingOption", q.string("ResourceHandlingOption"), 1, 64);
        length("ResourceOwner", q.string("ResourceOwner"), 1, 2048);
        length("CallerArn", q.string("CallerArn"), 1, 2048);
        length("Marker", q.string("Marker"), 1, 320);
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
            length(prefix + "ContextKeyName", name, 5, 256);
            if (type != null && !KEY_TYPES.contains(type)) {
                throw ValidationErrors.of(type, ValidationErrors.memberName(prefix + "ContextKeyType"),
                        "Member must satisfy enum value set: " + KEY_TYPES);
            }
            for (String value : values) {
                typed(name, type, value);
            }
            // the engine reads each value as its operator needs, once per request: this one context serves every evaluation
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

    /** A value that cannot be read as its declared type would only ever fail to match: refuse it up front. */
    private static void typed(String name, String type, String value) {
        String base = type == null ? "string" : type.replace("List", "");
        boolean valid = switch (base) {
            case "numeric" -> Values.parseNumber(value) != null;
            case "boolean" -> Values.parseBool(value) != null;
            case "date" -> Values.parseDate(value) != Values.NOT_A_DATE;
            case "ip" -> IpRange.parse(value) != null;
            case "binary" -> Values.parseBase64(value) != null;
            default -> true;
        };
        if (!valid) {
            throw new IamException(ErrorCode.INVALID_INPUT, "Invalid value `" + shown(value) + "` for context key " + name
                    + " of type " + type + ".");
        }
    }

    /** Each member of a list within botocore's lengths, as AWS reports a list member's violation. */
    private static void members(String name, List<String> values, int min, int max) {
        for (String value : values) {
            int length = value.codePointCount(0, value.length());
            if (length < min || length > max) {
                throw ValidationErrors.of(shown(value), ValidationErrors.memberName(name), "Member must satisfy constraint: "
                        + "[Member must have length less than or equal to " + max + ", Member must have length greater than or "
                        + "equal to " + min + "]");
            }
        }
    }

    private static void length(String name, String value, int min, int max) {
        if (value != null) {
            Rules.length(ValidationErrors.memberName(name), value, min, max);
        }
    }

    private static String shown(String value) {
        return value.length() > 128 ? value.substring(0, 128) + "…" : value;
    }
}
