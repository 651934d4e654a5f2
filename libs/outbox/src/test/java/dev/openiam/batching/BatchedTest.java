package dev.openiam.batching;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchedTest {

    /** Each call the batcher makes, held until the test answers it. */
    private static final class Calls {
        final List<List<String>> items = new ArrayList<>();
        final List<CompletableFuture<List<String>>> answers = new ArrayList<>();

        synchronized Uni<List<String>> call(List<String> batch) {
            CompletableFuture<List<String>> answer = new CompletableFuture<>();
            items.add(batch);
            answers.add(answer);
            return Uni.createFrom().completionStage(answer);
        }

        synchronized void answer(int call) {
            answers.get(call).complete(items.get(call).stream().map(String::toUpperCase).toList());
        }
    }

    private final Calls calls = new Calls();
    private final Batched<String, String> batched = new Batched<>(calls::call, 100, 1);

    /** a, b and c submitted to {@link #batched}, one call at a time. */
    private List<CompletableFuture<String>> submitABC() {
        return List.of("a", "b", "c").stream().map(item -> submit(batched, item)).toList();
    }

    private static CompletableFuture<String> submit(Batched<String, String> batched, String item) {
        return batched.submit(item).subscribeAsCompletionStage();
    }

    @Test
    void whatArrivesWhileACallIsUnderWayGoesIntoTheNextOneWhichStartsAfterIt() {
        List<CompletableFuture<String>> abc = submitABC();
        CompletableFuture<String> a = abc.get(0), b = abc.get(1), c = abc.get(2);
        assertThat(calls.items).containsExactly(List.of("a"));
        assertThat(b).isNotDone();

        calls.answer(0);
        assertThat(a).isCompletedWithValue("A");
        assertThat(calls.items).containsExactly(List.of("a"), List.of("b", "c"));
        assertThat(b).isNotDone();

        calls.answer(1);
        assertThat(b).isCompletedWithValue("B");
        assertThat(c).isCompletedWithValue("C");
    }

    @Test
    void callsRunSideBySideUpToTheLimitAndABatchHoldsAtMostMaxBatch() {
        Batched<String, String> twoAtATime = new Batched<>(calls::call, 2, 2);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (String item : List.of("a", "b", "c", "d", "e", "f")) {
            answers.add(submit(twoAtATime, item));
        }
        assertThat(calls.items).containsExactly(List.of("a"), List.of("b"));

        calls.answer(1);
        assertThat(calls.items).containsExactly(List.of("a"), List.of("b"), List.of("c", "d"));
        calls.answer(0);
        calls.answer(2);
        assertThat(calls.items).containsExactly(List.of("a"), List.of("b"), List.of("c", "d"), List.of("e", "f"));
        calls.answer(3);
        assertThat(answers).allSatisfy(answer -> assertThat(answer).isDone());
        assertThat(answers.stream().map(CompletableFuture::join)).containsExactly("A", "B", "C", "D", "E", "F");
    }

    @Test
    void everyItemOfAFailedCallFailsAndTheNextCallStillRuns() {
        List<CompletableFuture<String>> abc = submitABC();
        CompletableFuture<String> a = abc.get(0), b = abc.get(1), c = abc.get(2);
        calls.answer(0);
        CompletableFuture<String> d = submit(batched, "d");
        calls.answers.get(1).completeExceptionally(new IllegalStateException("refused"));

        assertThat(a).isCompletedWithValue("A");
        assertThatThrownBy(b::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("refused");
        assertThatThrownBy(c::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("refused");
        assertThat(calls.items.get(2)).containsExactly("d");
        calls.answer(2);
        assertThat(d).isCompletedWithValue("D");
    }

    @Test
    void aCallThatAnswersTooFewOrThrowsFailsItsItems() {
        Batched<String, String> short_ = new Batched<>(batch -> Uni.createFrom().item(List.of()), 100, 1);
        assertThatThrownBy(() -> submit(short_, "a").join()).hasRootCauseMessage("a batched call answered 0 for 1 items");

        Batched<String, String> throwing = new Batched<>(batch -> {
            throw new IllegalArgumentException("bad batch");
        }, 100, 1);
        assertThatThrownBy(() -> submit(throwing, "a").join()).hasRootCauseMessage("bad batch");
        // the failed call gave back its place: the next item gets a call of its own
        assertThatThrownBy(() -> submit(throwing, "b").join()).hasRootCauseMessage("bad batch");
    }

    @Test
    void underConcurrentSubmittersEveryItemIsAnsweredOnceAndNoMoreCallsRunThanAllowed() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger items = new AtomicInteger();
        ExecutorService answering = Executors.newFixedThreadPool(3);
        Batched<Integer, Integer> batched = new Batched<>(batch -> Uni.createFrom().completionStage(() -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            items.addAndGet(batch.size());
            return CompletableFuture.supplyAsync(() -> {
                running.decrementAndGet();
                return batch.stream().map(i -> i * 2).toList();
            }, answering);
        }), 50, 3);
        ExecutorService submitters = Executors.newFixedThreadPool(8);
        int each = 5_000;
        CountDownLatch done = new CountDownLatch(8);
        List<CompletableFuture<Integer>> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            int base = t * each;
            submitters.execute(() -> {
                for (int i = 0; i < each; i++) {
                    answers.add(batched.submit(base + i).subscribeAsCompletionStage());
                }
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(answers.stream().mapToInt(CompletableFuture::join).sum())
                .isEqualTo(2 * java.util.stream.IntStream.range(0, 8 * each).sum());
        assertThat(items).hasValue(8 * each);
        assertThat(most.get()).isBetween(1, 3);
        submitters.shutdown();
        answering.shutdown();
        assertThat(answering.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }
}
