package dev.openiam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.policy.cli.PolicyCli;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Generated and mutated documents and requests (issue 14's policy-engine fuzzing): nothing but a {@link PolicyException}
 * with an AWS error code and a message may come out of {@code compile}; {@code validate} and {@code evaluate} never
 * throw; and no input hangs (each is given {@link #HANG}, watched from another thread). Seeded, so a failure is
 * reproducible from the seed and input it prints. {@code -Diam.fuzz.inputs}: the pom's bounded count in every build,
 * 1,000,000 with {@code -Pfuzz}.
 */
class RobustnessTest {

    static final int TOTAL_INPUTS = Integer.getInteger("iam.fuzz.inputs", 1_000_000);
    /** Far longer than any one input may take, even on a loaded machine: an input still running then is a hang. */
    static final Duration HANG = Duration.ofSeconds(10);
    static final String[] TOKENS = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "0", "-1",
            "1e999999999", "\"\"", "\"*\"", "\"\\u0000\"", "\\", "${", "${aws:username", "${*}", "'", "\u4e00",
            "\u00ff", "\t", "\n", "\"Statement\"", "\"Effect\":\"Deny\"", "\"Principal\":\"*\"", "\"Condition\":{}",
            "\"StringLike\"", "\"ForAllValues:\"", "\"arn:\"", "\"arn:aws:s3:::*\"", "\"Version\":\"2008-10-17\"",
            "\uD83D\uDE00", "\"\\uD800\"", "::", "/", "?", "*", "IfExists"};
    static final String[] WEIRD = {"", " ", "*", "?", ":", "arn:", "arn:aws", "arn:aws:s3:::", "${", "${}", "${ }",
            "${a,'b}", "${aws:username, 'x''y'}", "${$}", "1.2.3", "1.2.3.4/33", "::1/129", ":::", "2001:db8:::1",
            "1e99999999", "-0", "NaN", "2020-13-45", "2020-02-30T25:61:00Z", "99999999999999999999", "QQ==",
            "not base64!", "true", "TRUE", "tru", "s3:", ":GetObject", "s3:Get:Object", "\u0000", "\u00ff\u00fe",
            "a".repeat(3000), "arn:aws:iam::111122223333:user/alice", "123456789012", "ec2.amazonaws.com"};

    /** The input being worked on and since when (nanoTime), for the watchdog. */
    private volatile String current = "";
    private volatile long startedAt;

    @Test
    void nothingButPolicyExceptionsEscapeAndNothingHangs() throws Throwable {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "policy-fuzz");
            thread.setDaemon(true); // a hung input must not keep the test JVM alive
            return thread;
        });
        startedAt = System.nanoTime();
        Future<?> run = worker.submit(() -> {
            fuzz();
            return null;
        });
        worker.shutdown();
        while (true) {
            try {
                run.get(100, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                long running = System.nanoTime() - startedAt;
                if (running > HANG.toNanos()) {
                    fail("an input ran for more than " + HANG + " (a hang): " + current);
                }
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        }
    }

    /** Starts the watch of one input. */
    private void watch(String what) {
        current = what;
        startedAt = System.nanoTime();
    }

    private void fuzz() throws Exception {
        List<String> seeds = seedDocuments();
        Random random = new Random(20261124L);
        PolicyGen gen = new PolicyGen(7L);
        int inputs = 0;
        int compiled = 0;
        int rejected = 0;
        PolicyType[] types = PolicyType.values();
        PolicyKind[] kinds = PolicyKind.values();
        while (inputs < TOTAL_INPUTS) {
            String text = mutate(seeds.get(random.nextInt(seeds.size())), random);
            PolicyType type = types[random.nextInt(types.length)];
            PolicyKind kind = kinds[random.nextInt(kinds.length)];
            inputs++;
            watch("input " + inputs + ", a " + type + " document:\n" + abbreviate(text));
            CompiledPolicy policy = null;
            try {
                policy = PolicyEngine.compile("p", text, type, kind);
                compiled++;
            } catch (PolicyException e) {
                rejected++;
                assertThat(e.errorCode()).as(text).isIn(PolicyException.MALFORMED_POLICY_DOCUMENT,
                        PolicyException.LIMIT_EXCEEDED);
                assertThat(e.getMessage()).as(text).isNotBlank().doesNotEndWith(".");
                assertThat(e.findings()).as(text).isNotEmpty().allMatch(Finding::isError);
            } catch (Throwable t) {
                fail("compile threw " + t + " for a " + type + " document:\n" + abbreviate(text), t);
            }
            if (inputs % 25 == 0) {
                try {
                    List<Finding> findings = PolicyEngine.validate(text, type, kind);
                    assertThat(findings.stream().anyMatch(Finding::isError)).as(text).isEqualTo(policy == null);
                } catch (Throwable t) {
                    fail("validate threw " + t + " for:\n" + abbreviate(text), t);
                }
            }
            if (policy != null) {
                PolicySet set = set(policy);
                for (int r = 0; r < 2 && inputs < TOTAL_INPUTS; r++) {
                    int how = random.nextInt(3);
                    Request req = how == 0 ? weirdRequest(random) : how == 1 ? mutateRequest(gen.request(), random) : gen.request();
                    inputs++;
                    watch("input " + inputs + ", " + abbreviate(req.toString()) + " against:\n" + abbreviate(text));
                    try {
                        Decision d = set.evaluate(req);
                        assertThat(d.outcome()).isNotNull();
                        assertThat(d.message(req.principal(), req.action(), req.resource())).isNotBlank();
                    } catch (Throwable t) {
                        fail("evaluate threw " + t + " for " + abbreviate(req.toString()) + " against:\n" + abbreviate(text), t);
                    }
                }
            }
        }
        assertThat(inputs).isGreaterThanOrEqualTo(TOTAL_INPUTS);
        // the mutations must exercise both paths, or the test proves little
        assertThat(compiled).isGreaterThan(TOTAL_INPUTS / 20);
        assertThat(rejected).isGreaterThan(TOTAL_INPUTS / 20);
        System.out.printf("policy-engine fuzz: %d inputs, %d documents compiled, %d rejected%n", inputs, compiled, rejected);
    }

    @Test
    void theCliAnswersEveryLine() {
        Random random = new Random(99L);
        PolicyGen gen = new PolicyGen(98L);
        for (int i = 0; i < 5_000; i++) {
            ObjectNode line = PolicyGen.MAPPER.createObjectNode();
            line.put("id", i);
            ArrayNode ids = line.putArray("identityPolicies");
            ids.add(gen.document(false, "S"));
            line.set("resourcePolicy", gen.document(true, "R"));
            ObjectNode req = line.putObject("request");
            req.put("principal", PolicyGen.ALICE).put("action", "s3:GetObject").put("resource", "arn:aws:s3:::bucket/key");
            req.putObject("context").put("aws:username", "alice");
            String text = mutate(line.toString(), random);
            String answer = PolicyCli.answer(text);
            try {
                JsonNode a = PolicyGen.MAPPER.readTree(answer);
                assertThat(a.has("id")).as(text).isTrue();
                assertThat(a.has("decision") != a.has("error")).as(text + "\n" + answer).isTrue();
            } catch (Exception e) {
                fail("unreadable answer " + answer + " to " + text, e);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 3000 ? s : s.substring(0, 1500) + " … " + s.substring(s.length() - 1500);
    }

    private static PolicySet set(CompiledPolicy p) {
        return switch (p.type()) {
            case IDENTITY -> PolicySet.builder().identityPolicy(p).build();
            case PERMISSION_BOUNDARY -> PolicySet.builder().identityPolicy(p).permissionBoundary(p).build();
            case SESSION -> PolicySet.builder().identityPolicy(p).sessionPolicy(p).build();
            case RESOURCE, TRUST -> PolicySet.builder().resourcePolicy(p).build();
        };
    }

    private static Request weirdRequest(Random r) {
        RequestContext.Builder ctx = RequestContext.builder();
        String[] keys = {"aws:username", "aws:SourceIp", "aws:CurrentTime", "s3:max-keys", "aws:SecureTransport",
                "aws:TagKeys", "aws:SourceArn", "aws:PrincipalTag/team", "aws:RequestTag/blob", "s3:prefix"};
        for (String k : keys) {
            if (r.nextBoolean()) {
                if (r.nextInt(4) == 0) {
                    ctx.put(k, List.of(WEIRD[r.nextInt(WEIRD.length)], WEIRD[r.nextInt(WEIRD.length)]));
                } else {
                    ctx.put(k, WEIRD[r.nextInt(WEIRD.length)]);
                }
            }
        }
        String action = WEIRD[r.nextInt(WEIRD.length)];
        return Request.builder()
                .principal(WEIRD[r.nextInt(WEIRD.length)])
                .action(action.isEmpty() ? "x" : action)
                .resource(WEIRD[r.nextInt(WEIRD.length)])
                .resourceAccount(r.nextBoolean() ? null : WEIRD[r.nextInt(WEIRD.length)])
                .context(ctx.build())
                .build();
    }

    /** A valid request with one or two of its parts replaced by odd values (principal, action, resource, context). */
    private static Request mutateRequest(Request valid, Random r) {
        Request.Builder b = valid.toBuilder();
        for (int i = 1 + r.nextInt(2); i > 0; i--) {
            String weird = WEIRD[r.nextInt(WEIRD.length)];
            switch (r.nextInt(5)) {
                case 0 -> b.principal(weird);
                case 1 -> b.action(weird.isEmpty() ? "x" : weird);
                case 2 -> b.resource(weird);
                case 3 -> b.resourceAccount(weird);
                default -> b.context(RequestContext.builder().put("aws:username", weird)
                        .put("aws:SourceIp", List.of(weird, "10.0.0.1")).put("s3:prefix", weird).build());
            }
        }
        return b.build();
    }

    /** Documents to mutate: every policy of the scenario corpus plus generated ones. */
    private static List<String> seedDocuments() throws Exception {
        List<String> out = new ArrayList<>();
        for (Path f : ScenarioCorpusTest.files()) {
            JsonNode p = PolicyGen.MAPPER.readTree(Files.readString(f)).path("policies");
            for (JsonNode d : p.findValues("Statement")) {
                ObjectNode doc = PolicyGen.MAPPER.createObjectNode();
                doc.put("Version", "2012-10-17");
                doc.set("Statement", d);
                out.add(doc.toString());
            }
        }
        PolicyGen gen = new PolicyGen(3L);
        for (int i = 0; i < 300; i++) {
            out.add(gen.document(i % 2 == 0, "S").toString());
        }
        return out;
    }

    /** One to three random text or tree mutations. */
    static String mutate(String text, Random r) {
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            text = r.nextInt(3) == 0 ? mutateTree(text, r) : mutateText(text, r);
        }
        return text;
    }

    private static String mutateText(String s, Random r) {
        int len = s.length();
        int at = len == 0 ? 0 : r.nextInt(len + 1);
        switch (r.nextInt(6)) {
            case 0: { // delete a run
                int end = Math.min(len, at + 1 + r.nextInt(8));
                return s.substring(0, at) + s.substring(end);
            }
            case 1: // insert a token
                return s.substring(0, at) + TOKENS[r.nextInt(TOKENS.length)] + s.substring(at);
            case 2: { // duplicate a run
                int end = Math.min(len, at + 1 + r.nextInt(40));
                return s.substring(0, end) + s.substring(at, end) + s.substring(end);
            }
            case 3: // truncate
                return s.substring(0, at);
            case 4: { // replace a character
                if (len == 0) {
                    return s;
                }
                int i = r.nextInt(len);
                char c = (char) (r.nextBoolean() ? 32 + r.nextInt(95) : r.nextInt(0x3000));
                return s.substring(0, i) + c + s.substring(i + 1);
            }
            default: // grow past size limits
                return s.replace("\"Resource\":\"", "\"Resource\":\"" + "x".repeat(r.nextInt(12_000)));
        }
    }

    private static String mutateTree(String text, Random r) {
        JsonNode root;
        try {
            root = PolicyGen.MAPPER.readTree(text);
        } catch (Exception e) {
            return text;
        }
        if (root == null || !root.isContainerNode()) {
            return text;
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(r.nextInt(containers.size()));
        JsonNode value = randomValue(r, 0);
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            int op = r.nextInt(4);
            if (names.isEmpty() || op == 0) {
                o.set(r.nextBoolean() ? WEIRD[r.nextInt(WEIRD.length)] : TOKENS[r.nextInt(TOKENS.length)], value);
            } else if (op == 1) {
                o.remove(names.get(r.nextInt(names.size())));
            } else {
                o.set(names.get(r.nextInt(names.size())), value);
            }
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty() || r.nextBoolean()) {
                a.add(value);
            } else {
                a.set(r.nextInt(a.size()), value);
            }
        }
        return root.toString();
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private static JsonNode randomValue(Random r, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (r.nextInt(depth > 3 ? 6 : 9)) {
            case 0:
                return f.textNode(WEIRD[r.nextInt(WEIRD.length)]);
            case 1:
                return f.numberNode(r.nextInt());
            case 2:
                return f.booleanNode(r.nextBoolean());
            case 3:
                return f.nullNode();
            case 4:
                return f.numberNode(new java.math.BigDecimal(r.nextGaussian() * 1e6));
            case 5:
                return f.textNode(PolicyGen.ACTION_PATTERNS[r.nextInt(PolicyGen.ACTION_PATTERNS.length)]);
            case 6: {
                ArrayNode a = f.arrayNode();
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    a.add(randomValue(r, depth + 1));
                }
                return a;
            }
            default: {
                ObjectNode o = f.objectNode();
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    o.set(WEIRD[r.nextInt(WEIRD.length)], randomValue(r, depth + 1));
                }
                return o;
            }
        }
    }
}
