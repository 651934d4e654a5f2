package dev.openiam.sts.workload;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IMDSv2 session tokens ({@code PUT /latest/api/token}): random, each tied to the workload whose metadata path asked
 * for it and valid for the TTL it asked (1 to 21,600 seconds), as EC2's are tied to one instance. Held in this
 * replica's memory, as EC2 holds them on the instance's host: an SDK asks for a token and uses it at the same
 * endpoint, so several replicas need session affinity (or a node-local replica per host).
 */
@ApplicationScoped
public class ImdsTokens {

    /** EC2's bounds of {@code X-aws-ec2-metadata-token-ttl-seconds}. */
    public static final int MIN_TTL = 1;
    public static final int MAX_TTL = 21_600;

    private record Held(String workloadId, Instant expires) {
    }

    private final Map<String, Held> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final int max;

    public ImdsTokens(WorkloadConfig config) {
        this.max = config.maxImdsTokens();
    }

    /** A new token for {@code workloadId}, valid {@code ttlSeconds}. */
    public String issue(String workloadId, int ttlSeconds) {
        Instant now = clock.instant();
        if (tokens.size() >= max) {
            tokens.values().removeIf(held -> !held.expires().isAfter(now));
            if (tokens.size() >= max) {
                // still full of live tokens: the oldest to expire goes first
                tokens.entrySet().stream().min(Map.Entry.comparingByValue((a, b) -> a.expires().compareTo(b.expires())))
                        .ifPresent(oldest -> tokens.remove(oldest.getKey()));
            }
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, new Held(workloadId, now.plusSeconds(ttlSeconds)));
        return token;
    }

    /** Drops every token of a deregistered workload. */
    public void forget(String workloadId) {
        tokens.values().removeIf(held -> held.workloadId().equals(workloadId));
    }

    /** Whether {@code token} is a live token of {@code workloadId}. */
    public boolean valid(String token, String workloadId) {
        if (token == null) {
            return false;
        }
        Held held = tokens.get(token);
        if (held == null) {
            return false;
        }
        if (!held.expires().isAfter(clock.instant())) {
            tokens.remove(token, held);
            return false;
        }
        return held.workloadId().equals(workloadId);
    }
}
