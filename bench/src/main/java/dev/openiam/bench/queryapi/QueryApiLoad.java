package dev.openiam.bench.queryapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load generator for the IAM Query API front door (identity-service), through the unchanged AWS SDK for
 * Java v2 (every call SigV4-signed by the SDK). Against a running system, it
 * <ol>
 *   <li>sets up, as the account's root (idempotent, so it can run again on the same system): the user
 *       {@code bench-caller} with a fresh access key and the attached managed policy {@code bench-caller-iam-all}
 *       ({@code Allow iam:*} on {@code *}), one target user {@code bench-target-N} per worker, and the managed
 *       policy {@code bench-attached} that the attach phase attaches and detaches;</li>
 *   <li>proves that bench-caller's calls are decided by policy (not the root shortcut): with its policy
 *       detached, GetUser is AccessDenied; attached again, it is allowed;</li>
 *   <li>as bench-caller, for each concurrency: GetUser (UserName = the worker's target) and AttachUserPolicy
 *       (each worker alternates Attach and Detach of bench-attached on its own target, so every attach is a
 *       real change; DetachUserPolicy is reported too), in a closed loop, after a warm-up (every operation at
 *       the highest concurrency first, then a few calls before each measured phase);</li>
 *   <li>prints count, errors, p50, p90, p99, max, mean and throughput per operation and concurrency, and the
 *       CPU time the system's processes used per call during the phase ({@link ProcessCpu}, when the system's
 *       {@code run/} pid files are beside local.env), then the same as JSON lines (also appended to
 *       {@code --json FILE}).</li>
 * </ol>
 * The endpoint and root credentials come from {@code local.env} as {@code deploy/local/iam-local start} writes
 * it ({@code --env FILE}, default {@code $IAM_HOME/local.env}). Run {@code --help} for the options. The SDK
 * does not retry (a failed call counts as an error and is not timed).
 */
public final class QueryApiLoad {

    /**
     * The operations: IAM's GetUser and AttachUserPolicy; STS's AssumeRole (of {@code bench-role}, which trusts the
     * caller), GetCallerIdentity signed with the caller's long-term key (checked by identity-service, one hop) and
     * SessionGetCallerIdentity signed with temporary credentials (checked offline by sts-service); CreateUser (each worker
     * creates a user of a fresh name and deletes it again: DeleteUser is reported too); HealthLive, the same service's
     * trivial endpoint ({@code GET /q/health/live}, unsigned) through the same HTTP client, the baseline of the run;
     * LookupEvents, CloudTrail's (audit-service) as root: the account's 50 newest records.
     */
    static final List<String> OPS = List.of("GetUser", "AttachUserPolicy", "CreateUser", "HealthLive", "AssumeRole", "GetCallerIdentity",
            "SessionGetCallerIdentity", "LookupEvents");
    /** The load generator's own CPU per call, beside the system's components (not in their total). */
    static final String CLIENT = "client";
    static final String ROLE = "bench-role";
    static final String CALLER = "bench-caller";
    static final String CALLER_POLICY = "bench-caller-iam-all";
    static final String ATTACHED_POLICY = "bench-attached";
    static final String TARGET_PREFIX = "bench-target-";
    static final String IAM_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}";
    static final String ATTACHED_DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bench-bucket/${aws:username}/*\"}]}";

    /** The command line. */
    record Options(Path env, String label, int round, String rev, int[] concurrency, int warmup, int rewarmup, int requests,
                   List<String> ops, Path json) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    usage(System.out);
                    System.exit(0);
                }
                if (!arg.startsWith("--") || i + 1 >= args.length) {
                    usage(System.err);
                    throw new IllegalArgumentException("unexpected argument: " + arg);
                }
                values.put(arg.substring(2), args[++i]);
            }
            String home = System.getenv().getOrDefault("IAM_HOME", System.getProperty("user.home") + "/.iam-local");
            Path env = Path.of(values.getOrDefault("env", home + "/local.env"));
            int[] concurrency = Arrays.stream(values.getOrDefault("concurrency", "1,4").split(","))
                    .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
            List<String> ops = List.of(values.getOrDefault("ops", "GetUser,AttachUserPolicy").split(","));
            for (String op : ops) {
                if (!OPS.contains(op)) {
                    throw new IllegalArgumentException("unknown operation " + op + " " + OPS);
                }
            }
            if (Arrays.stream(concurrency).anyMatch(c -> c < 1 || c > 64)) {
                throw new IllegalArgumentException("concurrency must be 1..64");
            }
            return new Options(env, values.getOrDefault("label", "run"), Integer.parseInt(values.getOrDefault("round", "1")),
                    values.getOrDefault("rev", ""), concurrency, Integer.parseInt(values.getOrDefault("warmup", "1000")),
                    Integer.parseInt(values.getOrDefault("rewarmup", "50")), Integer.parseInt(values.getOrDefault("requests", "500")), ops,
                    values.containsKey("json") ? Path.of(values.get("json")) : null);
        }

        static void usage(PrintStream out) {
            out.println("""
                    usage: java -cp … dev.openiam.bench.queryapi.QueryApiLoad [options]
                      --env FILE          local.env of the system (default $IAM_HOME/local.env, else ~/.iam-local/local.env)
                      --concurrency 1,4   closed-loop workers, one phase per value
                      --warmup 1000       calls per operation at the highest concurrency before any measured phase
                      --rewarmup 50       calls per operation before each measured phase, at its concurrency
                      --requests 500      measured calls per operation and concurrency (AttachUserPolicy: attaches)
                      --ops GetUser,AttachUserPolicy   (also CreateUser, HealthLive; AssumeRole, GetCallerIdentity,
                                                        SessionGetCallerIdentity: STS_ENDPOINT;
                                                        LookupEvents: AWS_ENDPOINT_URL_CLOUDTRAIL)
                      --label run --round 1 --rev ''   copied into every JSON line
                      --json FILE         append the JSON lines to FILE""");
        }
    }

    /** One measured operation at one concurrency. */
    record Result(String op, int concurrency, LatencyStats stats, long errors, String firstError, double wallSeconds,
                  Map<String, Double> cpuMsPerCall) {
        double throughput() {
            return wallSeconds > 0 ? stats.count() / wallSeconds : 0;
        }
    }

    private final Options options;
    private final Map<String, String> env;
    private final IamClient root;
    private CloudTrailClient trail;
    private final String account;
    private final ProcessCpu cpu;
    private IamClient caller;
    private StsClient callerSts;
    private StsClient sessionSts;
    private String roleArn;
    private String attachedPolicyArn;
    private final AtomicLong phases = new AtomicLong(System.currentTimeMillis() % 1_000_000);
    private final software.amazon.awssdk.http.SdkHttpClient http = UrlConnectionHttpClient.create();

    QueryApiLoad(Options options, Map<String, String> env) {
        this.options = options;
        this.env = env;
        this.account = required("IAM_ACCOUNT_ID");
        this.root = client(required("AWS_ACCESS_KEY_ID"), required("AWS_SECRET_ACCESS_KEY"));
        this.cpu = ProcessCpu.of(options.env());
    }

    public static void main(String[] args) throws Exception {
        // keep-alive connections per destination kept by HttpURLConnection (default 5): one per worker at least
        System.setProperty("http.maxConnections", "128");
        Options options = Options.parse(args);
        QueryApiLoad load = new QueryApiLoad(options, readEnv(options.env()));
        load.setUp();
        List<Result> results = load.measure();
        load.report(results);
        if (results.stream().anyMatch(r -> r.errors() > 0)) {
            System.exit(3);
        }
    }

    // --- setup -------------------------------------------------------------------------------------

    void setUp() throws InterruptedException {
        int workers = Arrays.stream(options.concurrency()).max().orElse(1);
        ensureUser(CALLER);
        String callerPolicyArn = ensurePolicy(CALLER_POLICY, IAM_ALL);
        attachedPolicyArn = ensurePolicy(ATTACHED_POLICY, ATTACHED_DOCUMENT);
        for (int w = 1; w <= workers; w++) {
            ensureUser(target(w));
            detachQuietly(target(w), attachedPolicyArn);
        }
        // a fresh key each run (a user has at most two)
        for (AccessKeyMetadata key : root.listAccessKeys(r -> r.userName(CALLER)).accessKeyMetadata()) {
            root.deleteAccessKey(r -> r.userName(CALLER).accessKeyId(key.accessKeyId()));
        }
        AccessKey key = root.createAccessKey(r -> r.userName(CALLER)).accessKey();
        caller = client(key.accessKeyId(), key.secretAccessKey());

        // The caller is decided by policy: denied without its policy, allowed with it.
        detachQuietly(CALLER, callerPolicyArn);
        String denied = awaitGetUser(false);
        root.attachUserPolicy(r -> r.userName(CALLER).policyArn(callerPolicyArn));
        awaitGetUser(true);
        if (options.ops().stream().anyMatch(op -> op.contains("AssumeRole") || op.contains("CallerIdentity"))) {
            setUpSts(key);
        }
        System.out.printf("setup: %s with key %s; without %s GetUser answered %s; with it, allowed%n",
                CALLER, key.accessKeyId(), CALLER_POLICY, denied);
    }

    /** Calls GetUser as the caller until it is allowed (or denied), for up to 10 s; returns the error code seen. */
    private String awaitGetUser(boolean allowed) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last;
        while (true) {
            try {
                caller.getUser(r -> r.userName(target(1)));
                last = "OK";
                if (allowed) {
                    return last;
                }
            } catch (AwsServiceException e) {
                last = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : e.getMessage();
                if (!allowed && "AccessDenied".equals(last)) {
                    return last;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("GetUser as " + CALLER + " should have been " + (allowed ? "allowed" : "AccessDenied")
                        + " but answered " + last);
            }
            Thread.sleep(50);
        }
    }

    /** {@code bench-role}, trusting the caller by its ARN; the caller's STS clients, long-term and temporary. */
    private void setUpSts(AccessKey key) throws InterruptedException {
        String callerArn = "arn:aws:iam::" + account + ":user/" + CALLER;
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + callerArn + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        try {
            roleArn = root.createRole(r -> r.roleName(ROLE).assumeRolePolicyDocument(trust)).role().arn();
        } catch (EntityAlreadyExistsException e) {
            roleArn = "arn:aws:iam::" + account + ":role/" + ROLE;
        }
        callerSts = sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        var credentials = callerSts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("bench")).credentials();
        sessionSts = sts(AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
        System.out.printf("setup: %s assumes %s (session key %s)%n", CALLER, ROLE, credentials.accessKeyId());
    }

    /** The root user's CloudTrail client, made on first use. */
    private synchronized CloudTrailClient trail() {
        if (trail == null) {
            trail = CloudTrailClient.builder()
                    .endpointOverride(URI.create(required("AWS_ENDPOINT_URL_CLOUDTRAIL")))
                    .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(required("AWS_ACCESS_KEY_ID"), required("AWS_SECRET_ACCESS_KEY"))))
                    .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build();
        }
        return trail;
    }

    private StsClient sts(software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(URI.create(required("STS_ENDPOINT")))
                .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private void ensureUser(String name) {
        try {
            root.createUser(r -> r.userName(name));
        } catch (EntityAlreadyExistsException e) {
            // from an earlier run
        }
    }

    private String ensurePolicy(String name, String document) {
        try {
            return root.createPolicy(r -> r.policyName(name).policyDocument(document)).policy().arn();
        } catch (EntityAlreadyExistsException e) {
            return "arn:aws:iam::" + account + ":policy/" + name;
        }
    }

    private void detachQuietly(String user, String policyArn) {
        try {
            root.detachUserPolicy(r -> r.userName(user).policyArn(policyArn));
        } catch (NoSuchEntityException e) {
            // not attached
        }
    }

    static String target(int worker) {
        return TARGET_PREFIX + worker;
    }

    // --- measurement -------------------------------------------------------------------------------

    List<Result> measure() throws Exception {
        // Warm-up first: every operation at the highest concurrency (the JITs of the SDK here and of both services
        // there need thousands of calls to settle), then a few calls before each measured phase at its concurrency.
        int top = Arrays.stream(options.concurrency()).max().orElse(1);
        for (String op : options.ops()) {
            warm(op, top, options.warmup());
        }
        List<Result> results = new ArrayList<>();
        for (int c : options.concurrency()) {
            for (String op : options.ops()) {
                warm(op, c, options.rewarmup());
                results.addAll(phase(op, c, options.requests()));
            }
        }
        return results;
    }

    /** {@code calls} unrecorded calls (an AttachUserPolicy warm-up's calls are its attaches and detaches). */
    private void warm(String op, int c, int calls) throws Exception {
        int n = op.equals("AttachUserPolicy") || op.equals("CreateUser") ? calls / 2 : calls;
        if (n > 0) {
            phase(op, c, Math.max(n, c));
        }
    }

    /** {@code calls} calls of {@code op} by {@code c} closed-loop workers; AttachUserPolicy also yields DetachUserPolicy. */
    private List<Result> phase(String op, int c, int calls) throws Exception {
        boolean attach = op.equals("AttachUserPolicy");
        boolean create = op.equals("CreateUser");
        List<String> recorded = attach ? List.of("AttachUserPolicy", "DetachUserPolicy")
                : create ? List.of("CreateUser", "DeleteUser") : List.of(op);
        long phaseId = phases.incrementAndGet();
        Map<String, AtomicLong> errors = new LinkedHashMap<>();
        Map<String, AtomicReference<String>> firstError = new LinkedHashMap<>();
        recorded.forEach(name -> {
            errors.put(name, new AtomicLong());
            firstError.put(name, new AtomicReference<>());
        });
        ExecutorService pool = Executors.newFixedThreadPool(c);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map<String, long[]>>> futures = new ArrayList<>();
        try {
            for (int w = 1; w <= c; w++) {
                int share = calls / c + (w <= calls % c ? 1 : 0);
                String target = target(w);
                futures.add(pool.submit(() -> {
                    Map<String, long[]> nanos = new LinkedHashMap<>();
                    Map<String, Integer> counts = new HashMap<>();
                    recorded.forEach(name -> {
                        nanos.put(name, new long[share]);
                        counts.put(name, 0);
                    });
                    go.await();
                    for (int i = 0; i < share; i++) {
                        if (attach) {
                            call("AttachUserPolicy", () -> caller.attachUserPolicy(r -> r.userName(target).policyArn(attachedPolicyArn)),
                                    nanos, counts, errors, firstError);
                            call("DetachUserPolicy", () -> caller.detachUserPolicy(r -> r.userName(target).policyArn(attachedPolicyArn)),
                                    nanos, counts, errors, firstError);
                        } else if (create) {
                            String name = "bench-new-" + phaseId + "-" + target.substring(TARGET_PREFIX.length()) + "-" + i;
                            call("CreateUser", () -> caller.createUser(r -> r.userName(name)), nanos, counts, errors, firstError);
                            call("DeleteUser", () -> caller.deleteUser(r -> r.userName(name)), nanos, counts, errors, firstError);
                        } else {
                            int worker = i;
                            Runnable request = switch (op) {
                                case "GetUser" -> () -> caller.getUser(r -> r.userName(target));
                                case "AssumeRole" -> () -> callerSts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("bench-" + worker % 64));
                                case "GetCallerIdentity" -> callerSts::getCallerIdentity;
                                case "HealthLive" -> this::healthLive;
                                case "LookupEvents" -> () -> trail().lookupEvents(r -> r.maxResults(50));
                                default -> sessionSts::getCallerIdentity;
                            };
                            call(op, request, nanos, counts, errors, firstError);
                        }
                    }
                    nanos.replaceAll((name, all) -> Arrays.copyOf(all, counts.get(name)));
                    return nanos;
                }));
            }
            Map<String, Double> cpuBefore = cpu.sample();
            long clientBefore = ProcessCpu.own();
            long start = System.nanoTime();
            go.countDown();
            Map<String, List<long[]>> merged = new LinkedHashMap<>();
            for (Future<Map<String, long[]>> future : futures) {
                future.get().forEach((name, nanos) -> merged.computeIfAbsent(name, k -> new ArrayList<>()).add(nanos));
            }
            double wall = (System.nanoTime() - start) / 1e9;
            Map<String, Double> cpuAfter = cpu.sample();
            long clientUsed = ProcessCpu.own() - clientBefore;
            List<Result> results = new ArrayList<>();
            long callsInPhase = 0;
            for (String name : recorded) {
                callsInPhase += merged.get(name).stream().mapToLong(a -> a.length).sum() + errors.get(name).get();
            }
            // CPU per call of the phase (an attach phase's calls are its attaches and detaches alike)
            Map<String, Double> cpuPerCall = new LinkedHashMap<>();
            double total = 0;
            for (Map.Entry<String, Double> entry : cpuAfter.entrySet()) {
                double used = entry.getValue() - cpuBefore.getOrDefault(entry.getKey(), entry.getValue());
                cpuPerCall.put(entry.getKey(), callsInPhase == 0 ? 0 : used * 1000 / callsInPhase);
                total += used;
            }
            if (!cpuPerCall.isEmpty()) {
                cpuPerCall.put("total", callsInPhase == 0 ? 0 : total * 1000 / callsInPhase);
                // this load generator's own CPU (the SDK signing, sending and parsing), apart from the system's total: on
                // a machine it shares with the system, the calls per second cannot exceed cores / (total + client)
                cpuPerCall.put(CLIENT, callsInPhase == 0 ? 0 : clientUsed / 1e6 / callsInPhase);
            }
            for (String name : recorded) {
                long[] all = merged.get(name).stream().flatMapToLong(Arrays::stream).toArray();
                results.add(new Result(name, c, new LatencyStats(all), errors.get(name).get(), firstError.get(name).get(), wall,
                        cpuPerCall));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code GET /q/health/live} of the front door, with the SDK's own HTTP client (no signing, no decision). */
    private void healthLive() {
        try {
            var response = http.prepareRequest(software.amazon.awssdk.http.HttpExecuteRequest.builder()
                    .request(software.amazon.awssdk.http.SdkHttpRequest.builder().method(software.amazon.awssdk.http.SdkHttpMethod.GET)
                            .uri(URI.create(required("IAM_ENDPOINT") + "/q/health/live")).build()).build()).call();
            try (var body = response.responseBody().orElseThrow()) {
                body.readAllBytes();
            }
            if (response.httpResponse().statusCode() != 200) {
                throw new IllegalStateException("/q/health/live answered " + response.httpResponse().statusCode());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void call(String name, Runnable request, Map<String, long[]> nanos, Map<String, Integer> counts,
                             Map<String, AtomicLong> errors, Map<String, AtomicReference<String>> firstError) {
        long start = System.nanoTime();
        try {
            request.run();
        } catch (RuntimeException e) {
            errors.get(name).incrementAndGet();
            firstError.get(name).compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        long elapsed = System.nanoTime() - start;
        int n = counts.get(name);
        nanos.get(name)[n] = elapsed;
        counts.put(name, n + 1);
    }

    // --- output ------------------------------------------------------------------------------------

    void report(List<Result> results) throws IOException {
        ObjectMapper json = new ObjectMapper();
        System.out.printf("%-8s %-5s %-18s %4s %7s %6s %9s %9s %9s %9s %9s %10s  %s%n", "label", "round", "operation", "conc",
                "calls", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms", "calls/s",
                "system CPU ms per call of the phase (total: component…)");
        List<String> lines = new ArrayList<>();
        String now = Instant.now().toString();
        for (Result r : results) {
            LatencyStats s = r.stats();
            System.out.printf("%-8s %-5d %-18s %4d %7d %6d %9.2f %9.2f %9.2f %9.2f %9.2f %10.1f  %s%n", options.label(), options.round(),
                    r.op(), r.concurrency(), s.count(), r.errors(), s.percentileMillis(50), s.percentileMillis(90),
                    s.percentileMillis(99), s.maxMillis(), s.meanMillis(), r.throughput(), cpuText(r.cpuMsPerCall()));
            if (r.firstError() != null) {
                System.out.printf("         first error of %s: %s%n", r.op(), r.firstError());
            }
            ObjectNode line = json.createObjectNode()
                    .put("label", options.label()).put("round", options.round()).put("rev", options.rev())
                    .put("time", now).put("op", r.op()).put("concurrency", r.concurrency())
                    .put("calls", s.count()).put("errors", r.errors())
                    .put("p50_ms", round(s.percentileMillis(50))).put("p90_ms", round(s.percentileMillis(90)))
                    .put("p99_ms", round(s.percentileMillis(99))).put("max_ms", round(s.maxMillis()))
                    .put("mean_ms", round(s.meanMillis())).put("throughput_per_s", round(r.throughput()))
                    .put("wall_s", round(r.wallSeconds()));
            if (!r.cpuMsPerCall().isEmpty()) {
                ObjectNode cpuNode = line.putObject("cpu_ms_per_call");
                r.cpuMsPerCall().forEach((name, ms) -> cpuNode.put(name, round(ms)));
            }
            lines.add(json.writeValueAsString(line));
        }
        lines.forEach(System.out::println);
        if (options.json() != null) {
            Files.write(options.json(), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static String cpuText(Map<String, Double> perCall) {
        if (perCall.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%.2f:", perCall.get("total")));
        perCall.forEach((name, ms) -> {
            if (!name.equals("total") && !name.equals(CLIENT)) {
                text.append(String.format(Locale.ROOT, " %s %.2f", name, ms));
            }
        });
        if (perCall.containsKey(CLIENT)) {
            text.append(String.format(Locale.ROOT, "; load generator %.2f", perCall.get(CLIENT)));
        }
        return text.toString();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    // --- plumbing ----------------------------------------------------------------------------------

    private IamClient client(String accessKeyId, String secret) {
        return IamClient.builder()
                .endpointOverride(URI.create(required("IAM_ENDPOINT")))
                .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private String required(String key) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " is missing from " + options.env());
        }
        return value;
    }

    /** KEY=VALUE lines (optionally "export ", optionally quoted), as iam-local writes local.env. */
    static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("export ")) {
                trimmed = trimmed.substring(7);
            }
            int equals = trimmed.indexOf('=');
            if (equals > 0) {
                String value = trimmed.substring(equals + 1);
                if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(trimmed.substring(0, equals), value);
            }
        }
        return values;
    }
}
