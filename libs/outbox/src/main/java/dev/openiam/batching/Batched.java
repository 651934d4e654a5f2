package dev.openiam.batching;

import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One call made for many callers: at most {@code maxInFlight} calls at a time, and what arrives meanwhile goes into the
 * next one, so under load a caller waits for a shared call rather than making its own (a row written, a row read, a
 * question asked). An item only ever goes into a call that starts after it was submitted, so a read made for it sees
 * everything committed before it asked. Each caller is answered on its own Vert.x context; every item of a failed
 * call fails.
 *
 * @param <T> what a caller submits
 * @param <A> its answer: the call answers a list in the order of the items it was given
 */
public final class Batched<T, A> {

    private final Function<List<T>, Uni<List<A>>> call;
    private final int maxBatch;
    private final int maxInFlight;
    private final ConcurrentLinkedQueue<Pending<T, A>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    private record Pending<T, A>(T item, CompletableFuture<A> done) {
    }

    /**
     * @param call        makes one call for the given items (never more than {@code maxBatch}), answering each in order
     * @param maxBatch    the most items in one call
     * @param maxInFlight the most calls under way at once
     */
    public Batched(Function<List<T>, Uni<List<A>>> call, int maxBatch, int maxInFlight) {
        if (maxBatch < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("a batch and the calls in flight need room for one");
        }
        this.call = call;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
    }

    /** Rows written by {@code write}, one batch in flight at a time; each completes once its batch is stored. */
    public static <T> Batched<T, Void> writes(Function<List<T>, Uni<Void>> write, int maxBatch) {
        return new Batched<>(rows -> write.apply(rows).map(stored -> Collections.nCopies(rows.size(), null)),
                maxBatch, 1);
    }

    /** {@code item}'s answer from the next call that has room for it, on the caller's Vert.x context. */
    public Uni<A> submit(T item) {
        CompletableFuture<A> done = new CompletableFuture<>();
        queue.add(new Pending<>(item, done));
        drain();
        return CallerContext.resume(done);
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int calls = inFlight.get();
            if (calls >= maxInFlight) {
                return; // a call under way drains again when it ends
            }
            if (!inFlight.compareAndSet(calls, calls + 1)) {
                continue;
            }
            List<Pending<T, A>> batch = new ArrayList<>();
            for (Pending<T, A> next; batch.size() < maxBatch && (next = queue.poll()) != null; ) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet(); // another drain took them; look again, in case more came meanwhile
                continue;
            }
            start(batch);
        }
    }

    private void start(List<Pending<T, A>> batch) {
        Uni<List<A>> answered;
        try {
            answered = call.apply(batch.stream().map(Pending::item).toList());
        } catch (RuntimeException e) {
            answered = Uni.createFrom().failure(e);
        }
        answered.subscribe().with(answers -> finish(batch, answers, null), failure -> finish(batch, null, failure));
    }

    private void finish(List<Pending<T, A>> batch, List<A> answers, Throwable failure) {
        inFlight.decrementAndGet();
        if (failure == null && (answers == null || answers.size() != batch.size())) {
            failure = new IllegalStateException("a batched call answered " + (answers == null ? "nothing" : answers.size())
                    + " for " + batch.size() + " items");
        }
        for (int i = 0; i < batch.size(); i++) {
            if (failure == null) {
                batch.get(i).done().complete(answers.get(i));
            } else {
                batch.get(i).done().completeExceptionally(failure);
            }
        }
        drain();
    }
}
