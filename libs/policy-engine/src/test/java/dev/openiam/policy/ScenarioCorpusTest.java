package dev.openiam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every scenario in {@code src/test/resources/scenarios}: one JSON file each, with the policies by type,
 * the request, and the decision AWS documents for it.
 */
class ScenarioCorpusTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static Path root() throws URISyntaxException {
        return Path.of(ScenarioCorpusTest.class.getResource("/scenarios").toURI());
    }

    static List<Path> files() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException, URISyntaxException {
        Path root = root();
        return files().stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(),
                () -> run(MAPPER.readTree(f.toFile()))));
    }

    @Test
    void theCorpusIsLargeAndEveryScenarioIsExplained() throws Exception {
        List<Path> files = files();
        assertThat(files).hasSizeGreaterThanOrEqualTo(300);
        for (Path f : files) {
            JsonNode s = MAPPER.readTree(f.toFile());
            assertThat(s.path("description").asText()).as(f.toString()).hasSizeGreaterThan(15);
            assertThat(s.has("request") && s.has("expected")).as(f.toString()).isTrue();
        }
    }

    /** The policies of a scenario as a policy set; ids are identity[i], boundary, session[i], resource, trust. */
    static PolicySet policies(JsonNode p) {
        PolicySet.Builder b = PolicySet.builder();
        JsonNode identity = p.path("identity");
        for (int i = 0; i < identity.size(); i++) {
            b.identityPolicy(PolicyEngine.compile("identity[" + i + "]", identity.get(i).toString(), PolicyType.IDENTITY));
        }
        if (p.hasNonNull("permissionBoundary")) {
            b.permissionBoundary(PolicyEngine.compile("boundary", p.get("permissionBoundary").toString(),
                    PolicyType.PERMISSION_BOUNDARY));
        }
        JsonNode session = p.path("session");
        for (int i = 0; i < session.size(); i++) {
            b.sessionPolicy(PolicyEngine.compile("session[" + i + "]", session.get(i).toString(), PolicyType.SESSION));
        }
        if (p.hasNonNull("resource")) {
            b.resourcePolicy(PolicyEngine.compile("resource", p.get("resource").toString(), PolicyType.RESOURCE));
        }
        if (p.hasNonNull("trust")) {
            b.resourcePolicy(PolicyEngine.compile("trust", p.get("trust").toString(), PolicyType.TRUST));
        }
        return b.build();
    }

    static Request request(JsonNode r) {
        RequestContext.Builder ctx = RequestContext.builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("context").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isArray()) {
                List<String> vs = new ArrayList<>();
                e.getValue().forEach(v -> vs.add(v.asText()));
                ctx.put(e.getKey(), vs);
            } else {
                ctx.put(e.getKey(), e.getValue().asText());
            }
        }
        return Request.builder()
                .principal(r.path("principal").asText())
                .action(r.path("action").asText())
                .resource(r.path("resource").asText())
                .resourceAccount(r.hasNonNull("resourceAccount") ? r.get("resourceAccount").asText() : null)
                .roleArn(r.hasNonNull("roleArn") ? r.get("roleArn").asText() : null)
                .context(ctx.build())
                .build();
    }

    static void run(JsonNode scenario) {
        Decision d = policies(scenario.path("policies")).evaluate(request(scenario.path("request")));
        JsonNode expected = scenario.path("expected");
        String why = scenario.path("description").asText();
        assertThat(d.outcome().wireName()).as(why).isEqualTo(expected.path("decision").asText());
        List<String> statements = new ArrayList<>();
        expected.path("statements").forEach(s -> statements.add(s.asText()));
        assertThat(d.statements()).extracting(StatementRef::toString).as(why).containsExactlyElementsOf(statements);
        if (expected.has("missingAllow")) {
            assertThat(d.missingAllow()).as(why).isNotNull();
            assertThat(d.missingAllow().phrase()).as(why).isEqualTo(expected.get("missingAllow").asText());
        } else {
            assertThat(d.missingAllow()).as(why).isNull();
        }
    }
}
