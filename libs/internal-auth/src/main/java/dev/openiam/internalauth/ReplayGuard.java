package dev.openiam.internalauth;

import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The token ids this receiver has accepted, each remembered until the token could no longer be accepted anyway.
 * Memory is bounded: when {@code capacity} live ids are held, every further token is refused until some expire
 * (fail closed; a burst above capacity is refused, never let through unchecked).
 */
final class ReplayGuard {

    private record Seen(long forgetAt, String jti) {
    }

    private final int capacity;
    private final Set<String> ids = new HashSet<>();
    private final PriorityQueue<Seen> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.forgetAt(), b.forgetAt()));

    ReplayGuard(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the replay guard needs room for at least one token id");
        }
        this.capacity = capacity;
    }

    /**
     * Records {@code jti} and answers {@code true} if it was not seen before and there is room; {@code forgetAt}
     * (epoch seconds) is when the token stops being acceptable, {@code now} the current time.
     */
    synchronized boolean firstUse(String jti, long forgetAt, long now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().forgetAt() < now) {
            ids.remove(byExpiry.poll().jti());
        }
        if (ids.contains(jti) || ids.size() >= capacity) {
            return false;
        }
        ids.add(jti);
        byExpiry.add(new Seen(forgetAt, jti));
        return true;
    }

    synchronized int size() {
        return ids.size();
    }
}
