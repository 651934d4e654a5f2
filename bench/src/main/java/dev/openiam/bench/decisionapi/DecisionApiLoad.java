package dev.openiam.bench.decisionapi;

import dev.openiam.internalauth.TrustedKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.bench.queryapi.LatencyStats;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TokenIssuer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for policy-service's decision API over many distinct principals and requests: {@code principals}
 * users in ten groups (a managed policy of three statements per group — wildcards, NotAction, a policy variable, tag and
 * IP conditions — and a team tag per user), and every call a new question (a principal, action, resource and source IP
 * drawn at random), with its own decide token minted for its exact body as identity-service does (a token is accepted
 * once). In the same run and with the same bodies and tokens, {@code POST /v1/authorize:baseline} (same service, token
 * check and body record, constant answer; policy-service started with {@code IAM_BENCH_BASELINE_ENDPOINT=true}); the
 * order of the two alternates by round. Per round and endpoint: decisions per second, p50, p99, the decisions' mix.
 *
 * <pre>java -cp … dev.openiam.bench.decisionapi.DecisionApiLoad IAM_HOME [principals] [rounds] [seconds] [concurrency]</pre>
 */
public final class DecisionApiLoad {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] ACTIONS = {"s3:GetObject", "s3:ListBucket", "s3:PutObject", "dynamodb:GetItem", "dynamodb:PutItem",
            "ec2:StartInstances", "iam:GetUser", "sqs:SendMessage"};
    static final String[] IPS = {"10.3.1.2", "10.7.9.9", "192.168.1.1", "203.0.113.5", "10.1.0.1"};

    record Phase(String endpoint, int round, long calls, long errors, double seconds, LatencyStats stats, Map<String, Long> mix) {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int principals = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        Map<String, String> env = env(home.resolve("local.env"));
        String account = env.get("IAM_ACCOUNT_ID");
        URI policy = URI.create(env.get("IAM_POLICY_ENDPOINT"));
        TokenIssuer issuer = new TokenIssuer(ServiceKey.read("identity-service", home.resolve("keys/identity-service.pem")),
                TrustedKeys.fromDirectory(home.resolve("keys")));
        setUp(env, account, principals);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Phase> phases = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = round % 2 == 1 ? List.of("/v1/authorize:baseline", "/v1/authorize")
                    : List.of("/v1/authorize", "/v1/authorize:baseline");
            for (String endpoint : order) {
                run(http, issuer, policy, endpoint, account, principals, Math.max(2, seconds / 3), concurrency, round); // warm-up
                Phase phase = run(http, issuer, policy, endpoint, account, principals, seconds, concurrency, round);
                phases.add(phase);
                System.out.printf("round %d %-24s %,8.0f calls/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  %s%n", round, endpoint,
                        phase.calls() / phase.seconds(), phase.stats().percentileMillis(50), phase.stats().percentileMillis(99),
                        phase.errors(), phase.mix());
            }
        }
        System.out.println();
        System.out.println("| endpoint | calls/s (median of rounds) | p50 ms | p99 ms | rounds: calls/s |");
        System.out.println("|---|---:|---:|---:|---|");
        for (String endpoint : List.of("/v1/authorize:baseline", "/v1/authorize")) {
            List<Phase> of = phases.stream().filter(p -> p.endpoint().equals(endpoint)).toList();
            System.out.printf("| `%s` | %,.0f | %.2f | %.2f | %s |%n", endpoint,
                    LatencyStats.median(of.stream().mapToDouble(p -> p.calls() / p.seconds()).toArray()),
                    LatencyStats.median(of.stream().mapToDouble(p -> p.stats().percentileMillis(50)).toArray()),
                    LatencyStats.median(of.stream().mapToDouble(p -> p.stats().percentileMillis(99)).toArray()),
                    of.stream().map(p -> String.format("%,.0f", p.calls() / p.seconds())).toList());
        }
        for (Phase p : phases) {
            System.out.println(JSON.writeValueAsString(Map.of("endpoint", p.endpoint(), "round", p.round(), "calls", p.calls(),
                    "errors", p.errors(), "seconds", p.seconds(), "p50Ms", p.stats().percentileMillis(50), "p99Ms",
                    p.stats().percentileMillis(99), "mix", p.mix(), "principals", principals, "concurrency", concurrency)));
        }
        if (phases.stream().anyMatch(p -> p.errors() > 0)) {
            System.exit(3);
        }
    }

    /** {@code concurrency} closed-loop workers for {@code seconds}, each call a fresh question with its own token. */
    static Phase run(HttpClient http, TokenIssuer issuer, URI policy, String endpoint, String account, int principals, int seconds,
                     int concurrency, int round) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong errors = new AtomicLong();
        Map<String, Long> mix = new ConcurrentHashMap<>();
        List<Future<long[]>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            Random random = new Random(round * 1000L + w);
            workers.add(pool.submit(() -> {
                long[] nanos = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    byte[] body = JSON.writeValueAsBytes(question(account, principals, random));
                    String token = issuer.issue("policy-service", Purpose.DECIDE, "POST", endpoint, body, null, null);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(policy + endpoint)).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long began = System.nanoTime();
                    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - began;
                    if (answer.statusCode() != 200) {
                        if (errors.incrementAndGet() == 1) {
                            System.err.println(endpoint + " answered " + answer.statusCode() + ": " + answer.body());
                        }
                        continue;
                    }
                    JsonNode decision = JSON.readTree(answer.body()).path("decision");
                    mix.merge(decision.isMissingNode() ? "answered" : decision.asText(), 1L, Long::sum);
                    if (n == nanos.length) {
                        nanos = java.util.Arrays.copyOf(nanos, n * 2);
                    }
                    nanos[n++] = took;
                }
                return java.util.Arrays.copyOf(nanos, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            all.add(worker.get());
        }
        double took = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        return new Phase(endpoint, round, merged.length, errors.get(), took, new LatencyStats(merged), new java.util.TreeMap<>(mix));
    }

    static Map<String, Object> question(String account, int principals, Random random) {
        int user = random.nextInt(principals);
        String action = ACTIONS[random.nextInt(ACTIONS.length)];
        String resource = switch (action.substring(0, action.indexOf(':'))) {
            case "s3" -> "arn:aws:s3:::bucket-" + random.nextInt(10) + "/dp-" + user + "/k" + random.nextInt(1000);
            case "dynamodb" -> "arn:aws:dynamodb:us-east-1:" + account + ":table/t" + random.nextInt(100);
            default -> "*";
        };
        Map<String, Object> question = new LinkedHashMap<>();
        // the users are made under the path /dp/, which their ARNs carry (arn:aws:iam::ACCT:user/dp/dp-N)
        question.put("principal", "arn:aws:iam::" + account + ":user/dp/dp-" + user);
        question.put("action", action);
        question.put("resource", resource);
        question.put("context", Map.of("aws:SourceIp", IPS[random.nextInt(IPS.length)]));
        return question;
    }

    /** Ten groups with a managed policy each, and {@code principals} users spread over them (idempotent: reused). */
    static void setUp(Map<String, String> env, String account, int principals) throws Exception {
        try (IamClient root = IamClient.builder().endpointOverride(URI.create(env.get("IAM_ENDPOINT"))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"),
                        env.get("AWS_SECRET_ACCESS_KEY")))).httpClient(UrlConnectionHttpClient.create()).build()) {
            if (root.listUsers(b -> b.pathPrefix("/dp/").maxItems(1)).users().isEmpty()) {
                for (int g = 0; g < 10; g++) {
                    int i = g;
                    String doc = String.format("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A%d\",\"Effect\":\"Allow\","
                            + "\"Action\":[\"s3:Get*\",\"s3:List*\"],\"Resource\":\"arn:aws:s3:::bucket-%d/${aws:username}/*\"},"
                            + "{\"Sid\":\"D%d\",\"Effect\":\"Deny\",\"NotAction\":[\"s3:*\",\"dynamodb:*\"],\"Resource\":\"*\","
                            + "\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalTag/team\":\"core\"}}},{\"Sid\":\"C%d\","
                            + "\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":"
                            + "{\"aws:SourceIp\":\"10.%d.0.0/16\"}}}]}", i, i, i, i, i);
                    String arn = root.createPolicy(b -> b.policyName("dp-" + i).policyDocument(doc)).policy().arn();
                    root.createGroup(b -> b.groupName("dp-" + i));
                    root.attachGroupPolicy(b -> b.groupName("dp-" + i).policyArn(arn));
                }
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<?>> made = new ArrayList<>();
                for (int u = 0; u < principals; u++) {
                    int i = u;
                    made.add(pool.submit(() -> {
                        root.createUser(b -> b.userName("dp-" + i).path("/dp/").tags(Tag.builder().key("team")
                                .value(i % 3 == 0 ? "core" : "web").build()));
                        root.addUserToGroup(b -> b.userName("dp-" + i).groupName("dp-" + i % 10));
                    }));
                }
                for (Future<?> f : made) {
                    f.get();
                }
                pool.shutdown();
            }
        }
        System.out.printf("setup: %d users in 10 groups with a managed policy each%n", principals);
    }

    static Map<String, String> env(Path file) throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                env.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return env;
    }
}
