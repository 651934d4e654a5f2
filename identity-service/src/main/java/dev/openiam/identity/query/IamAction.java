package dev.openiam.identity.query;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.identity.auth.Caller;
import io.smallrye.mutiny.Uni;

import java.util.function.Consumer;

/**
 * One IAM action of the Query front door: its name and its handler (here, or the service it is forwarded
 * to). How it is authorized is its description in {@code libs/authorization}.
 */
public record IamAction(String name, Handler handler, Forward forward) {

    /** An action this service performs. */
    public IamAction(String name, Handler handler) {
        this(name, handler, null);
    }

    /** An action another service performs (and authorizes); it answers under this request's id. */
    public static IamAction forwarded(String name, Forward forward) {
        return new IamAction(name, null, forward);
    }

    public boolean isForwarded() {
        return forward != null;
    }

    /** Runs the action, here or where it is forwarded. */
    public Uni<Result> perform(QueryRequest request, Caller caller, String requestId, GlobalKeys.Call call) {
        return handler != null ? handler.handle(request, caller) : forward.handle(request, caller, requestId, call);
    }

    /** Performs the action; the answer writes the {@code <ActionResult>} content, or is an empty result. */
    @FunctionalInterface
    public interface Handler {
        Uni<Result> handle(QueryRequest request, Caller caller);
    }

    /** Sends the action to the service that owns it. */
    @FunctionalInterface
    public interface Forward {
        Uni<Result> handle(QueryRequest request, Caller caller, String requestId, GlobalKeys.Call call);
    }

    /**
     * The result content and the revision a write committed at ({@code null} for reads); or, for a forwarded
     * action, the complete answer of the service that performed it ({@code status}, {@code rawXml}).
     */
    public record Result(Consumer<QueryXml.Element> content, Long revision, int status, String rawXml) {

        public static Result of(Consumer<QueryXml.Element> content) {
            return new Result(content, null, 200, null);
        }

        public static Result written(Consumer<QueryXml.Element> content, long revision) {
            return new Result(content, revision, 200, null);
        }

        /** An action without output, e.g. DeleteUser. */
        public static Result empty(long revision) {
            return new Result(null, revision, 200, null);
        }

        /** Another service's complete Query answer, relayed as it is. */
        public static Result raw(int status, String xml) {
            return new Result(null, null, status, xml);
        }
    }
}
