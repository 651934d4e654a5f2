package dev.openiam.outbox;

import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Rows written on their own (not in a caller's transaction), batched: one write in flight at a time, and what
 * arrives meanwhile goes into the next one, so under load a call waits for one shared write rather than its own.
 * A submitted row completes once its batch is stored; every row of a failed batch fails.
 */
final class BatchedWrites<T> {

    private static final int MAX_BATCH = 500;

    private final Function<List<T>, Uni<Void>> write;
    private final Runnable stored;
    private final ConcurrentLinkedQueue<Pending<T>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    private record Pending<T>(T row, CompletableFuture<Void> done) {
    }

    /**
     * @param write  stores one batch (in one statement or one transaction)
     * @param stored called after each batch is stored (to wake the relay)
     */
    BatchedWrites(Function<List<T>, Uni<Void>> write, Runnable stored) {
        this.write = write;
        this.stored = stored;
    }

    /** Stores {@code row} with the next batch; completes, on the caller's Vert.x context, once it is stored. */
    Uni<Void> submit(T row) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending<>(row, done));
        drain();
        return CallerContext.resume(done);
    }

    private void drain() {
        if (!writing.compareAndSet(false, true)) {
            return;
        }
        List<Pending<T>> batch = new ArrayList<>();
        for (Pending<T> next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            if (!queue.isEmpty()) {
                drain();
            }
            return;
        }
        Uni<Void> written;
        try {
            written = write.apply(batch.stream().map(Pending::row).toList());
        } catch (RuntimeException e) {
            written = Uni.createFrom().failure(e);
        }
        written.subscribe().with(done -> finish(batch, null), failure -> finish(batch, failure));
    }

    private void finish(List<Pending<T>> batch, Throwable failure) {
        writing.set(false);
        if (failure == null) {
            stored.run();
            batch.forEach(pending -> pending.done().complete(null));
        } else {
            batch.forEach(pending -> pending.done().completeExceptionally(failure));
        }
        drain();
    }
}
