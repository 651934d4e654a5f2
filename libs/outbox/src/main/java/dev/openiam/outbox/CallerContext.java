package dev.openiam.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletionStage;

/**
 * Completion on the caller's Vert.x context: a caller goes on where it was (its request's context), not on the thread
 * that finished the work (a database connection's, Kafka's sender).
 */
final class CallerContext {

    private CallerContext() {
    }

    /** {@code stage}, completed on the context current now (at once when there is none). */
    static Uni<Void> resume(CompletionStage<Void> stage) {
        Context caller = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> stage.whenComplete((ignored, failure) -> {
            Runnable resume = () -> {
                if (failure == null) {
                    emitter.complete(null);
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
