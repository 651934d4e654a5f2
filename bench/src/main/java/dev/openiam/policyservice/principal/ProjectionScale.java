package dev.openiam.policyservice.principal;

import dev.openiam.bench.queryapi.LatencyStats;
import dev.openiam.policy.CompiledPolicy;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicySet;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.Request;
import dev.openiam.policy.RequestContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One account with many principals (100,000 by default: 90 % users in 50 groups, 10 % roles, two tags each) in
 * policy-service's identity projection, in-process, with policy-service's own classes: the snapshot rebuilt from the
 * JSON identity-service's snapshot endpoint answers (parsed, then {@code IdentityServiceClient.parse} — what a replica
 * does on first use of an account or after a gap), the heap the rebuilt projection keeps per principal, and a
 * cold-cache decision (the principal looked up, its policy set compiled from its documents — an inline policy of its
 * own and its group's — and evaluated) beside a warm one (the set already compiled). Not measured: the database reads
 * a cache miss also costs in policy-service (the policy documents), and HTTP. Medians of {@code runs} rebuilds.
 *
 * <pre>java -Xmx2g -cp bench/target/benchmarks.jar dev.openiam.policyservice.principal.ProjectionScale [principals] [runs]</pre>
 *
 * Lives in policy-service's package to call its package-private snapshot parser.
 */
public final class ProjectionScale {

    static final String ACCOUNT = "111122223333";

    private ProjectionScale() {
    }

    public static void main(String[] args) {
        int principals = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String snapshot = snapshot(principals).encode();
        System.out.printf("snapshot of %,d principals: %,d bytes of JSON%n", principals, snapshot.length());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Double> rebuildMs = new ArrayList<>();
        List<Double> bytesPerPrincipal = new ArrayList<>();
        AccountPrincipals kept = null;
        for (int run = 0; run < runs + 1; run++) {
            kept = null;
            long before = settledHeap(memory);
            long start = System.nanoTime();
            AccountPrincipals rebuilt = IdentityServiceClient.parse(ACCOUNT, new JsonObject(snapshot));
            long took = System.nanoTime() - start;
            kept = rebuilt;
            long after = settledHeap(memory);
            if (run > 0) { // the first is the JIT's warm-up
                rebuildMs.add(took / 1e6);
                bytesPerPrincipal.add((after - before) / (double) principals);
            }
            System.out.printf("run %d: rebuilt in %.0f ms, %,d bytes kept (%.0f per principal)%n", run, took / 1e6, after - before,
                    (after - before) / (double) principals);
        }
        System.out.printf("rebuild: median %.0f ms %s; heap kept per principal: median %.0f bytes %s%n", median(rebuildMs),
                rebuildMs, median(bytesPerPrincipal), bytesPerPrincipal);
        decisions(kept, principals);
    }

    /** Cold (compile, then decide) and warm (decide) decisions for distinct principals drawn at random. */
    static void decisions(AccountPrincipals projection, int principals) {
        Random random = new Random(14);
        Map<String, CompiledPolicy> groupPolicies = new HashMap<>();
        List<Long> cold = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        int allowed = 0;
        int asked = Math.min(20_000, principals * 9 / 10);
        for (int i = 0; i < asked; i++) {
            String name = "user-" + random.nextInt(principals * 9 / 10);
            long start = System.nanoTime();
            AccountPrincipals.User user = projection.userByName(name);
            String group = user.groupIds().iterator().next();
            PolicySet set = PolicySet.builder()
                    .identityPolicy(PolicyEngine.compile("arn:aws:iam::" + ACCOUNT + ":user/" + name + "#inline", inline(name),
                            PolicyType.IDENTITY, PolicyKind.INLINE_USER))
                    .identityPolicy(groupPolicies.computeIfAbsent(group, g -> PolicyEngine.compile("arn:aws:iam::" + ACCOUNT
                            + ":group/" + g + "#inline", groupPolicy(), PolicyType.IDENTITY, PolicyKind.INLINE_GROUP)))
                    .build();
            Request request = request(user, i);
            boolean decided = set.evaluate(request).isAllowed();
            long coldNanos = System.nanoTime() - start;
            start = System.nanoTime();
            boolean again = set.evaluate(request(user, i)).isAllowed();
            long warmNanos = System.nanoTime() - start;
            if (decided != again) {
                throw new IllegalStateException("cold and warm decisions differ for " + name);
            }
            allowed += decided ? 1 : 0;
            if (i >= asked / 4) { // the first quarter warms the JIT up
                cold.add(coldNanos);
                warm.add(warmNanos);
            }
        }
        System.out.printf("decisions for %,d distinct principals drawn at random (%d allowed): cold (looked up, compiled, decided)"
                        + " p50 %.1f µs p99 %.1f µs; warm (decided) p50 %.1f µs p99 %.1f µs%n", cold.size(), allowed,
                micros(cold, 50), micros(cold, 99), micros(warm, 50), micros(warm, 99));
    }

    static double micros(List<Long> nanos, double percentile) {
        return new LatencyStats(nanos.stream().mapToLong(Long::longValue).toArray()).percentileNanos(percentile) / 1e3;
    }

    static double median(List<Double> values) {
        return LatencyStats.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static Request request(AccountPrincipals.User user, int i) {
        RequestContext.Builder context = RequestContext.builder().put("aws:username", user.name())
                .put("aws:PrincipalArn", user.arn()).put("aws:PrincipalType", "User").put("aws:userid", user.id())
                .put("aws:SourceIp", "10.0." + (i % 250) + ".7");
        user.tags().forEach(tag -> context.put("aws:PrincipalTag/" + tag.key(), tag.value()));
        String[] actions = {"s3:GetObject", "s3:PutObject", "dynamodb:GetItem", "ec2:StartInstances"};
        return Request.builder().principal(user.arn()).action(actions[i % actions.length])
                .resource("arn:aws:s3:::data/home/" + user.name() + "/f" + i).context(context.build()).build();
    }

    static String inline(String name) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
                + "\"Resource\":\"arn:aws:s3:::data/home/" + name + "/*\"},{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/16\"}}}]}";
    }

    static String groupPolicy() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:Get*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"${aws:PrincipalTag/team}\"}}}]}";
    }

    /** What identity-service's snapshot endpoint answers for such an account. */
    static JsonObject snapshot(int principals) {
        JsonArray users = new JsonArray();
        JsonArray roles = new JsonArray();
        JsonArray groups = new JsonArray();
        for (int g = 0; g < 50; g++) {
            groups.add(new JsonObject().put("groupId", String.format("AGPA%016d", g)).put("groupName", "group-" + g).put("path", "/")
                    .put("arn", "arn:aws:iam::" + ACCOUNT + ":group/group-" + g));
        }
        for (int i = 0; i < principals; i++) {
            JsonArray tags = new JsonArray().add(new JsonObject().put("key", "team").put("value", "team-" + i % 20))
                    .add(new JsonObject().put("key", "cost-center").put("value", "cc-" + i % 300));
            if (i < principals * 9 / 10) {
                users.add(new JsonObject().put("userId", String.format("AIDA%016d", i)).put("userName", "user-" + i).put("path", "/")
                        .put("arn", "arn:aws:iam::" + ACCOUNT + ":user/user-" + i).put("tags", tags)
                        .put("groupIds", new JsonArray().add(String.format("AGPA%016d", i % 50))));
            } else {
                roles.add(new JsonObject().put("roleId", String.format("AROA%016d", i)).put("roleName", "role-" + i).put("path", "/")
                        .put("arn", "arn:aws:iam::" + ACCOUNT + ":role/role-" + i).put("tags", tags).put("maxSessionDuration", 3600));
            }
        }
        return new JsonObject().put("accountId", ACCOUNT).put("revision", 1L).put("users", users).put("groups", groups).put("roles", roles);
    }

    private static long settledHeap(MemoryMXBean memory) {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
