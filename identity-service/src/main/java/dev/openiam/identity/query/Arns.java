package dev.openiam.identity.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.auth.Caller;

/** Resource ARNs of IAM actions, as AWS names them in authorization (paths are not known before lookup). */
public final class Arns {

    private Arns() {
    }

    public static IamAction.ResourceArn entity(String type, String parameter) {
        return (request, caller) -> of(caller, type + "/" + orStar(request, parameter, caller));
    }

    /** An entity created with a path: the ARN it will have. */
    public static IamAction.ResourceArn created(String type, String parameter) {
        return (request, caller) -> {
            String path = request.string("Path");
            return of(caller, type + (path == null ? "/" : path) + orStar(request, parameter, caller));
        };
    }

    /** Listing actions name the collection, e.g. {@code arn:aws:iam::<account>:user/} for ListUsers, as AWS does. */
    public static IamAction.ResourceArn collection(String type) {
        return (request, caller) -> of(caller, type + "/");
    }

    /** Actions on the account as a whole (GetAccountSummary, account aliases, …). */
    public static IamAction.ResourceArn any() {
        return (request, caller) -> "*";
    }

    /** Access-key actions act on a user; without UserName, on the caller. */
    public static IamAction.ResourceArn userOrCaller() {
        return (request, caller) -> {
            String user = request.string("UserName");
            return user == null ? caller.arn() : of(caller, "user/" + user);
        };
    }

    private static String orStar(QueryRequest request, String parameter, Caller caller) {
        String value = request.string(parameter);
        return value == null ? "*" : value;
    }

    private static String of(Caller caller, String resource) {
        return "arn:aws:iam::" + caller.accountId() + ":" + resource;
    }
}
