package dev.openiam.identity.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.policyforward.PolicyServiceClient;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import dev.openiam.identity.account.AccountRevisions;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Decides whether the caller may perform an action. The root user may do everything in its account;
 * every other principal is decided by policy-service's decision API, with the global condition keys AWS
 * documents for IAM calls and the account's current identity revision (so a user just created, or just
 * removed from a group, is seen as such). No clear Allow means no action (fail closed).
 */
@ApplicationScoped
public class QueryAuthorizer {

    /** What the HTTP request tells about the call, for condition keys. */
    public record CallContext(String sourceIp, boolean secureTransport, String userAgent) {
    }

    private final PolicyServiceClient decisions;
    private final AccountRevisions revisions;

    public QueryAuthorizer(PolicyServiceClient decisions, AccountRevisions revisions) {
        this.decisions = decisions;
        this.revisions = revisions;
    }

    public Uni<Void> authorize(Caller caller, IamAction action, QueryRequest request, CallContext call) {
        if (caller.root()) {
            return Uni.createFrom().voidItem();
        }
        String iamAction = "iam:" + action.name();
        String resource = action.resource().of(request, caller);
        return revisions.current(caller.accountId()).chain(revision -> decisions.authorize(caller, new JsonObject()
                        .put("principal", caller.arn())
                        .put("action", iamAction)
                        .put("resource", resource)
                        .put("context", context(request, call))
                        .put("atLeastRevision", new JsonObject().put("identity", revision.identity()).put("policy", revision.policy()))))
                .invoke(decision -> {
                    if (!decision.allowed()) {
                        throw new IamException(ErrorCode.ACCESS_DENIED, decision.message() != null ? decision.message()
                                : "User: " + caller.arn() + " is not authorized to perform: " + iamAction + " on resource: "
                                + resource + " because no identity-based policy allows the " + iamAction + " action");
                    }
                })
                .replaceWithVoid();
    }

    private static JsonObject context(QueryRequest request, CallContext call) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonObject context = new JsonObject()
                .put("aws:CurrentTime", now.toString())
                .put("aws:EpochTime", String.valueOf(now.getEpochSecond()))
                .put("aws:SecureTransport", String.valueOf(call.secureTransport()))
                .put("aws:MultiFactorAuthPresent", "false")
                .put("aws:RequestedRegion", "us-east-1");
        if (call.sourceIp() != null) {
            context.put("aws:SourceIp", call.sourceIp());
        }
        if (call.userAgent() != null) {
            context.put("aws:UserAgent", call.userAgent());
        }
        List<Tag> tags = request.tags("Tags");
        if (!tags.isEmpty()) {
            JsonArray keys = new JsonArray();
            tags.forEach(tag -> {
                context.put("aws:RequestTag/" + tag.key(), tag.value());
                keys.add(tag.key());
            });
            context.put("aws:TagKeys", keys);
        }
        List<String> removedKeys = request.list("TagKeys");
        if (!removedKeys.isEmpty()) {
            context.put("aws:TagKeys", new JsonArray(List.copyOf(removedKeys)));
        }
        return context;
    }

}
