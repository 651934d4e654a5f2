package dev.openiam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the evaluation logic over seeded random policy sets and requests (deterministic: a failure names
 * its seed and case). Plain JUnit: see the README for why not jqwik.
 */
class PolicyPropertiesTest {

    static final int CASES = 3_000;
    static final int REQUESTS = 8;

    @Test
    void addingADenyNeverTurnsADenyIntoAnAllow() {
        for (int c = 0; c < CASES; c++) {
            PolicyGen gen = new PolicyGen(1_000L + c);
            ObjectNode policies = gen.policies();
            ObjectNode widened = policies.deepCopy();
            addDeny(gen, widened);
            PolicySet before = ScenarioCorpusTest.policies(policies);
            PolicySet after = ScenarioCorpusTest.policies(widened);
            for (int r = 0; r < REQUESTS; r++) {
                Request req = gen.request();
                Outcome a = before.evaluate(req).outcome();
                Outcome b = after.evaluate(req).outcome();
                String why = "case " + c + " " + req + "\nbefore " + policies + "\nafter " + widened;
                if (a != Outcome.ALLOW) {
                    assertThat(b).as(why).isNotEqualTo(Outcome.ALLOW);
                }
                if (a == Outcome.EXPLICIT_DENY) {
                    assertThat(b).as(why).isEqualTo(Outcome.EXPLICIT_DENY);
                }
            }
        }
    }

    private static void addDeny(PolicyGen gen, ObjectNode policies) {
        List<ObjectNode> docs = new ArrayList<>();
        policies.path("identity").forEach(d -> docs.add((ObjectNode) d));
        if (policies.has("permissionBoundary")) {
            docs.add((ObjectNode) policies.get("permissionBoundary"));
        }
        policies.path("session").forEach(d -> docs.add((ObjectNode) d));
        boolean resource = policies.has("resource");
        int choice = gen.random.nextInt(docs.size() + (resource ? 2 : 1));
        if (choice < docs.size()) {
            ((ArrayNode) docs.get(choice).get("Statement")).add(gen.statement("AddedDeny", false, true));
        } else if (resource && choice == docs.size()) {
            ((ArrayNode) policies.get("resource").get("Statement")).add(gen.statement("AddedDeny", true, true));
        } else {
            ObjectNode d = PolicyGen.MAPPER.createObjectNode();
            d.put("Version", "2012-10-17");
            d.putArray("Statement").add(gen.statement("AddedDeny", false, true));
            ((ArrayNode) policies.withArray("identity")).add(d);
        }
    }

    @Test
    void statementOrderNeverMatters() {
        for (int c = 0; c < CASES; c++) {
            PolicyGen gen = new PolicyGen(50_000L + c);
            ObjectNode policies = gen.policies();
            ObjectNode shuffled = policies.deepCopy();
            Random rnd = new Random(c);
            shuffled.findParents("Statement").forEach(d -> shuffle((ArrayNode) d.get("Statement"), rnd));
            PolicySet a = ScenarioCorpusTest.policies(policies);
            PolicySet b = ScenarioCorpusTest.policies(shuffled);
            for (int r = 0; r < REQUESTS; r++) {
                Request req = gen.request();
                Decision x = a.evaluate(req);
                Decision y = b.evaluate(req);
                String why = "case " + c + " " + req + "\n" + policies + "\n" + shuffled;
                assertThat(y.outcome()).as(why).isEqualTo(x.outcome());
                assertThat(y.missingAllow()).as(why).isEqualTo(x.missingAllow());
                assertThat(sids(y)).as(why).isEqualTo(sids(x));
            }
        }
    }

    private static void shuffle(ArrayNode statements, Random rnd) {
        List<JsonNode> list = new ArrayList<>();
        statements.forEach(list::add);
        Collections.shuffle(list, rnd);
        statements.removeAll();
        list.forEach(statements::add);
    }

    private static Set<String> sids(Decision d) {
        Set<String> s = new HashSet<>();
        d.statements().forEach(ref -> s.add(ref.policyId() + ":" + ref.sid()));
        return s;
    }

    @Test
    void aBoundaryNeverWidensPermissions() {
        int checked = 0;
        for (int c = 0; c < CASES; c++) {
            PolicyGen gen = new PolicyGen(90_000L + c);
            ObjectNode policies = gen.policies();
            ObjectNode bounded = policies.deepCopy();
            bounded.set("permissionBoundary", gen.document(false, "NB"));
            ObjectNode unbounded = policies.deepCopy();
            unbounded.remove("permissionBoundary");
            PolicySet with = ScenarioCorpusTest.policies(bounded);
            PolicySet without = ScenarioCorpusTest.policies(unbounded);
            for (int r = 0; r < REQUESTS; r++) {
                Request req = gen.request();
                if (with.evaluate(req).isAllowed()) {
                    checked++;
                    assertThat(without.evaluate(req).outcome()).as("case " + c + " " + req + "\n" + bounded)
                            .isEqualTo(Outcome.ALLOW);
                }
            }
        }
        assertThat(checked).as("the generator produces allowed requests under a boundary").isGreaterThan(500);
    }

    @Test
    void parsingThenPrintingEvaluatesTheSame() {
        for (int c = 0; c < CASES; c++) {
            PolicyGen gen = new PolicyGen(130_000L + c);
            ObjectNode policies = gen.policies();
            ObjectNode printed = policies.deepCopy();
            reprint(printed, "identity", PolicyType.IDENTITY);
            reprint(printed, "session", PolicyType.SESSION);
            reprintOne(printed, "permissionBoundary", PolicyType.PERMISSION_BOUNDARY);
            reprintOne(printed, "resource", PolicyType.RESOURCE);
            PolicySet a = ScenarioCorpusTest.policies(policies);
            PolicySet b = ScenarioCorpusTest.policies(printed);
            for (int r = 0; r < REQUESTS; r++) {
                Request req = gen.request();
                Decision x = a.evaluate(req);
                Decision y = b.evaluate(req);
                assertThat(y).as("case " + c + " " + req + "\n" + policies + "\n" + printed).isEqualTo(x);
            }
        }
    }

    @Test
    void manyCandidatesDecideAndExplainAsFew() {
        // enough statements that never apply (for every action and resource, under a condition no request meets) to
        // put every request above the evaluator's few-candidates path: the exact index, the memo and denies first
        List<ObjectNode> padding = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (i % 25 == 0) { // four policies, each within a managed policy's size limit
                padding.add(PolicyGen.MAPPER.createObjectNode().put("Version", "2012-10-17"));
                padding.get(padding.size() - 1).putArray("Statement");
            }
            ObjectNode s = ((ArrayNode) padding.get(padding.size() - 1).get("Statement")).addObject()
                    .put("Sid", "Never" + i).put("Effect", i % 3 == 0 ? "Deny" : "Allow");
            s.put(i % 5 == 0 ? "NotAction" : "Action", i % 5 == 0 ? "ec2:TerminateInstances" : "*");
            s.put("Resource", i % 2 == 0 ? "*" : "arn:aws:s3:::*");
            s.putObject("Condition").putObject("StringEquals").put("openiam:never", "x" + (i % 7));
        }
        List<CompiledPolicy> never = new ArrayList<>();
        for (int i = 0; i < padding.size(); i++) {
            never.add(PolicyEngine.compile("never[" + i + "]", padding.get(i).toString(), PolicyType.IDENTITY));
        }
        int allowed = 0;
        for (int c = 0; c < CASES; c++) {
            PolicyGen gen = new PolicyGen(170_000L + c);
            ObjectNode policies = gen.policies();
            PolicySet few = ScenarioCorpusTest.policies(policies);
            PolicySet.Builder builder = PolicySet.builder().identityPolicies(few.identityPolicies())
                    .identityPolicies(never).permissionBoundary(few.permissionBoundary())
                    .resourcePolicy(few.resourcePolicy());
            few.sessionPolicies().forEach(builder::sessionPolicy);
            PolicySet many = builder.build();
            for (int r = 0; r < REQUESTS; r++) {
                Request req = gen.request();
                Decision x = few.explain(req);
                String why = "case " + c + " " + req + "\n" + policies;
                // decided with early exit, its statements found when read: the same decision
                assertThat(few.evaluate(req)).as(why).isEqualTo(x);
                // twice: the first request of an action builds its exact index, later ones use it
                for (int pass = 0; pass < 2; pass++) {
                    assertThat(many.evaluate(req)).as(why).isEqualTo(x);
                    assertThat(many.explain(req)).as(why).isEqualTo(x);
                }
                allowed += x.isAllowed() ? 1 : 0;
            }
        }
        assertThat(allowed).as("the generator produces allowed requests").isGreaterThan(500);
    }

    private static void reprint(ObjectNode policies, String field, PolicyType type) {
        JsonNode list = policies.get(field);
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            ((ArrayNode) list).set(i, print(list.get(i), type));
        }
    }

    private static void reprintOne(ObjectNode policies, String field, PolicyType type) {
        if (policies.has(field)) {
            policies.set(field, print(policies.get(field), type));
        }
    }

    private static JsonNode print(JsonNode doc, PolicyType type) {
        try {
            String canonical = PolicyEngine.compile("p", doc.toString(), type).toCanonicalJson();
            return PolicyGen.MAPPER.readTree(canonical);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
