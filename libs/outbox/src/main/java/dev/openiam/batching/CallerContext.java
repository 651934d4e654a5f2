package dev.openiam.batching;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletionStage;

/**
 * Completion on the caller's Vert.x context: a caller goes on where it was (its request's context), not on the thread
 * that finished the work (a database connection's, Kafka's sender, another request's).
 */
public final class CallerContext {

    private CallerContext() {
    }

    /** {@code stage}'s outcome, delivered on the context current now (at once when there is none). */
    public static <T> Uni<T> resume(CompletionStage<T> stage) {
        Context caller = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> stage.whenComplete((value, failure) -> {
            Runnable resume = () -> {
                if (failure == null) {
                    emitter.complete(value);
                } else {
                    emitter.fail(failure);
                }
            };
            if (caller == null) {
                resume.run();
            } else {
                caller.runOnContext(v -> resume.run());
            }
        }));
    }
}
