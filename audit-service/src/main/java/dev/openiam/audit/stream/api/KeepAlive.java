package dev.openiam.audit.stream.api;

import io.smallrye.mutiny.Multi;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Keeps an idle stream open through proxies and clients that drop silent connections: a beat whenever nothing was sent
 * for {@code interval}. A clock ticks five times per interval, so a silence lasts at most 1.2 intervals; the beats end
 * when the items do.
 */
final class KeepAlive {

    private KeepAlive() {
    }

    static <T> Multi<T> beat(Multi<T> items, Duration interval, Supplier<T> beat) {
        AtomicLong lastSent = new AtomicLong(System.nanoTime());
        AtomicBoolean ended = new AtomicBoolean();
        Multi<T> sent = items.onItem().invoke(() -> lastSent.set(System.nanoTime()))
                .onTermination().invoke(() -> ended.set(true));
        // a tick the subscriber has no room for is dropped, never a failure: a slow reader is ended by its buffer alone
        Multi<T> beats = Multi.createFrom().ticks().every(interval.dividedBy(5)).onOverflow().drop()
                .select().first(tick -> !ended.get())
                .select().where(tick -> System.nanoTime() - lastSent.get() >= interval.toNanos())
                .map(tick -> {
                    lastSent.set(System.nanoTime());
                    return beat.get();
                });
        return Multi.createBy().merging().streams(sent, beats);
    }
}
