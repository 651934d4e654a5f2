package dev.openiam.policyservice.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.policyservice.internal.Caller;
import io.smallrye.mutiny.Uni;

import java.util.function.Consumer;

/**
 * One IAM action of policy-service: its name and its handler. How it is authorized is its description in
 * {@code libs/authorization}.
 */
public record IamAction(String name, Handler handler) {

    /** Performs the action; the answer writes the {@code <ActionResult>} content, or is an empty result. */
    @FunctionalInterface
    public interface Handler {
        Uni<Result> handle(QueryRequest request, Caller caller);
    }

    /** The result content and the revision a write committed at ({@code null} for reads). */
    public record Result(Consumer<QueryXml.Element> content, Long revision) {

        public static Result of(Consumer<QueryXml.Element> content) {
            return new Result(content, null);
        }

        public static Result written(Consumer<QueryXml.Element> content, long revision) {
            return new Result(content, revision);
        }

        /** An action without output, e.g. DeletePolicy. */
        public static Result empty(long revision) {
            return new Result(null, revision);
        }
    }
}
