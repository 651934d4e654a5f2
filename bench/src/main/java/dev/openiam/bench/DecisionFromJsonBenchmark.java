package dev.openiam.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.bench.ours.OpenIamEngine;
import dev.openiam.bench.workload.Principal;
import dev.openiam.bench.workload.RequestSpec;
import dev.openiam.bench.workload.Workload;
import dev.openiam.policy.PolicySet;
import dev.openiam.policy.Request;
import dev.openiam.policy.RequestContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One decision of {@link DecisionBenchmark}'s workload, either on a prebuilt {@link Request} ({@code input=prebuilt}:
 * parsed context values are cached inside it across calls, as in {@code DecisionBenchmark}) or on a request built
 * per call from the JSON body the decision API receives ({@code input=json}): the bytes read into a question, the
 * caller's context copied without the keys that describe the principal, the principal's own keys added from its
 * projection, a fresh {@link Request} built and evaluated — what policy-service does for {@code POST /v1/authorize}
 * but for HTTP and the projection lookup. Both must decide all 1,000 requests alike before they are measured.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DecisionFromJsonBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The decision API's body, as far as a decision on a user needs it. */
    public record Question(String principal, String action, String resource, String resourceAccount, Map<String, Object> context,
                           Map<String, Long> atLeastRevision) {
    }

    @Param({"prebuilt", "json"})
    public String input;

    private PolicySet policies;
    private List<Request> prebuilt;
    private List<byte[]> bodies;
    private Principal principal;
    private int next;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        Workload workload = Workload.standard();
        OpenIamEngine engine = new OpenIamEngine(workload);
        policies = engine.policies();
        prebuilt = engine.requests();
        principal = workload.principal();
        bodies = new ArrayList<>();
        for (RequestSpec spec : workload.requests()) {
            bodies.add(JSON.writeValueAsBytes(body(principal, spec)));
        }
        for (int i = 0; i < bodies.size(); i++) {
            if (policies.evaluate(prebuilt.get(i)).outcome() != fromJson(i).outcome()) {
                throw new IllegalStateException("request " + i + " is decided otherwise from its JSON: " + new String(bodies.get(i)));
            }
        }
    }

    /** The JSON a user's service sends for {@code spec}: principal, action, resource, and its own context keys. */
    static Map<String, Object> body(Principal principal, RequestSpec spec) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("principal", principal.arn());
        body.put("action", spec.action());
        body.put("resource", spec.resource());
        body.put("context", OpenIamEngine.callerContext(spec));
        return body;
    }

    @Benchmark
    public boolean decide() throws IOException {
        int i = next;
        next = i + 1 == prebuilt.size() ? 0 : i + 1;
        return input.equals("json") ? fromJson(i).isAllowed() : policies.evaluate(prebuilt.get(i)).isAllowed();
    }

    private dev.openiam.policy.Decision fromJson(int i) throws IOException {
        Question question = JSON.readValue(bodies.get(i), Question.class);
        RequestContext.Builder context = RequestContext.builder();
        if (question.context() != null) {
            for (Map.Entry<String, Object> entry : question.context().entrySet()) {
                String lower = entry.getKey().toLowerCase(Locale.ROOT);
                if (lower.startsWith("aws:principal") || lower.equals("aws:userid") || lower.equals("aws:username")) {
                    continue;
                }
                if (entry.getValue() instanceof List<?> list) {
                    context.put(entry.getKey(), list.stream().map(String::valueOf).toList());
                } else if (entry.getValue() != null) {
                    context.put(entry.getKey(), String.valueOf(entry.getValue()));
                }
            }
        }
        // what the projection says about the principal
        context.put("aws:PrincipalArn", principal.arn());
        context.put("aws:PrincipalAccount", principal.account());
        context.put("aws:PrincipalType", "User");
        context.put("aws:userid", "AIDAEXAMPLE");
        context.put("aws:username", principal.userName());
        context.put("aws:PrincipalTag/team", principal.team());
        return policies.evaluate(Request.builder().principal(question.principal()).action(question.action())
                .resource(question.resource()).resourceAccount(question.resourceAccount()).context(context.build()).build());
    }
}
