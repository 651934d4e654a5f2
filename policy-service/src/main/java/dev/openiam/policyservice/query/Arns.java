package dev.openiam.policyservice.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.policyservice.internal.Caller;

/** Resource ARNs of policy-service's IAM actions, as AWS names them in authorization. */
public final class Arns {

    private Arns() {
    }

    /** A principal named by a parameter, e.g. {@code user/alice} for AttachUserPolicy. */
    public static IamAction.ResourceArn principal(String type, String parameter) {
        return (request, caller) -> of(caller, type + "/" + orStar(request, parameter));
    }

    /** A managed policy named by its ARN ({@code PolicyArn}). */
    public static IamAction.ResourceArn policy() {
        return (request, caller) -> orStar(request, "PolicyArn");
    }

    /** A policy created with a path: the ARN it will have. */
    public static IamAction.ResourceArn createdPolicy() {
        return (request, caller) -> {
            String path = request.string("Path");
            return of(caller, "policy" + (path == null ? "/" : path) + orStar(request, "PolicyName"));
        };
    }

    /** Listing policies acts on the account's policies as a whole. */
    public static IamAction.ResourceArn any() {
        return (request, caller) -> "*";
    }

    private static String orStar(QueryRequest request, String parameter) {
        String value = request.string(parameter);
        return value == null ? "*" : value;
    }

    private static String of(Caller caller, String resource) {
        return "arn:aws:iam::" + caller.accountId() + ":" + resource;
    }
}
