package dev.openiam.policy.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.Request;
import dev.openiam.policy.RequestContext;
import dev.openiam.policy.parse.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merged index (by action, then by the resource's literal prefix) must be sound: every statement of every slot
 * that applies to a request is among its candidates, each once, in slot and document order; and exact: the
 * candidates are just the statements whose action matches and whose resources can match the ARN.
 */
class MergedIndexTest {

    static final String[] ACTIONS = {"s3:GetObject", "s3:Get*", "s3:*", "*", "ec2:Run*", "ec2:?escribe*",
            "iam:CreateUser", "iam:*", "S3:PUTOBJECT", "sqs:SendMessage"};
    static final String[] RESOURCES = {"*", "arn:aws:s3:::b/*", "arn:aws:s3:::*", "arn:aws:ec2:*:1:instance/*",
            "arn:aws:iam::1:user/${aws:username}", "arn:aws:*:*:1:*", "arn:*", "arn:aws:s3", "arn:aws:sqs:*:1:q",
            "arn:aws:${aws:svc}:::x", "arn:aws:s3:::B/*", "arn:aws:s3:::b?k", "arn:aws:s3:::b/k",
            "arn:aws:iam::1:user/${aws:username}-*", "arn:aws:s3:::${*}*", "arn:aws:s3:::b"};
    static final String[] REQ_ACTIONS = {"s3:GetObject", "s3:PutObject", "ec2:RunInstances", "ec2:DescribeVpcs",
            "iam:CreateUser", "iam:GetUser", "sqs:SendMessage", "kms:Decrypt"};
    static final String[] REQ_RESOURCES = {"arn:aws:s3:::b/k", "arn:aws:s3:::c", "arn:aws:ec2:us-east-1:1:instance/i",
            "arn:aws:iam::1:user/alice", "arn:aws:sqs:eu:1:q", "*", "arn:aws:kms:eu:1:key/k", "arn:aws", "s3",
            "arn:aws:s3:::B/k", "arn:aws:s3:::bok", "arn:aws:s3:::*x", "arn:aws:iam::1:user/alice-1", "ARN:AWS:S3:::b/k",
            "alice", "arn:aws:s3:::b"};

    @Test
    void candidatesIncludeEveryApplicableStatement() {
        ObjectMapper m = new ObjectMapper();
        Random r = new Random(11);
        int pruned = 0;
        for (int c = 0; c < 1_000; c++) {
            int slots = 1 + r.nextInt(4);
            CompiledBody[] bodies = new CompiledBody[slots];
            for (int slot = 0; slot < slots; slot++) {
                ObjectNode doc = m.createObjectNode().put("Version", "2012-10-17");
                ArrayNode st = doc.putArray("Statement");
                int n = 1 + r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    ObjectNode s = st.addObject().put("Effect", r.nextBoolean() ? "Allow" : "Deny");
                    ArrayNode a = s.putArray(r.nextInt(5) == 0 ? "NotAction" : "Action");
                    a.add(ACTIONS[r.nextInt(ACTIONS.length)]);
                    ArrayNode res = s.putArray(r.nextInt(6) == 0 ? "NotResource" : "Resource");
                    int k = 1 + r.nextInt(2);
                    for (int j = 0; j < k; j++) {
                        res.add(RESOURCES[r.nextInt(RESOURCES.length)]);
                    }
                }
                bodies[slot] = new CompiledBody(PolicyParser.parse(doc.toString(), PolicyType.IDENTITY,
                        PolicyKind.MANAGED).document(), "p" + slot);
            }
            MergedIndex index = new MergedIndex(bodies, slots);
            for (int q = 0; q < 10; q++) {
                Request req = Request.builder().principal("arn:aws:iam::1:user/alice")
                        .action(REQ_ACTIONS[r.nextInt(REQ_ACTIONS.length)])
                        .resource(REQ_RESOURCES[r.nextInt(REQ_RESOURCES.length)])
                        .context(RequestContext.builder().put("aws:username", "alice").put("aws:svc", "s3").build())
                        .build();
                List<Integer> applicable = new ArrayList<>();
                List<Integer> possible = new ArrayList<>();
                int total = 0;
                for (int slot = 0; slot < slots; slot++) {
                    for (int i = 0; i < bodies[slot].statementCount(); i++) {
                        total++;
                        CompiledStatement s = bodies[slot].statement(i);
                        if (s.actionMatches(req.actionLower()) && (s.resourcePrefixes == null
                                || java.util.Arrays.stream(s.resourcePrefixes).anyMatch(req.resource()::startsWith))) {
                            possible.add((slot << MergedIndex.STATEMENT_BITS) | i);
                        }
                        if (bodies[slot].statement(i).applies(req, false) != Grant.NONE) {
                            applicable.add((slot << MergedIndex.STATEMENT_BITS) | i);
                        }
                    }
                }
                List<Integer> candidates = new ArrayList<>();
                for (int item : index.candidates(req)) {
                    candidates.add(item);
                }
                assertThat(candidates).as("case " + c + " " + req).containsAll(applicable).isSorted()
                        .isEqualTo(possible);
                Set<Integer> unique = new HashSet<>(candidates);
                assertThat(unique).hasSameSizeAs(candidates);
                if (candidates.size() < total) {
                    pruned++;
                }
            }
        }
        assertThat(pruned).as("the index must actually leave statements out").isGreaterThan(5_000);
    }

    private static CompiledBody body(String json) {
        return new CompiledBody(PolicyParser.parse(json, PolicyType.IDENTITY, PolicyKind.MANAGED).document(), "p");
    }

    private static Request request(String action, String resource) {
        return Request.builder().principal("arn:aws:iam::1:user/alice").action(action).resource(resource)
                .context(RequestContext.builder().put("aws:username", "alice").build()).build();
    }

    private static List<String> sids(MergedIndex index, CompiledBody body, Request req) {
        List<String> out = new ArrayList<>();
        for (int item : index.candidates(req)) {
            out.add(sid(body, item));
        }
        return out;
    }

    private static String sid(CompiledBody body, int item) {
        return body.statement(item & ((1 << MergedIndex.STATEMENT_BITS) - 1)).sid;
    }

    @Test
    void filesStatementsByTheLiteralTextOfTheirResources() {
        CompiledBody body = body("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Data", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"},
                  {"Sid": "UpperData", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::Data/*"},
                  {"Sid": "OneChar", "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::d?ta/x"},
                  {"Sid": "Home", "Effect": "Allow", "Action": "s3:GetObject",
                   "Resource": "arn:aws:s3:::data/home/${aws:username}/*"},
                  {"Sid": "Named", "Effect": "Allow", "Action": "s3:GetObject",
                   "Resource": "arn:aws:s3:::${aws:username}/*"},
                  {"Sid": "Logs", "Effect": "Allow", "Action": "s3:GetObject",
                   "Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::data/logs/*"]},
                  {"Sid": "Everything", "Effect": "Deny", "Action": "s3:*", "Resource": "*"},
                  {"Sid": "NotData", "Effect": "Deny", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::data/*"},
                  {"Sid": "Put", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::data/*"},
                  {"Sid": "Ec2", "Effect": "Allow", "NotAction": "ec2:*", "Resource": "arn:aws:ec2:*:1:instance/*"}
                ]}""");
        MergedIndex index = new MergedIndex(new CompiledBody[] {body}, 1);
        // the variable stops the literal prefix: ${aws:username} is resolved per request, never at compile time
        assertThat(sids(index, body, request("s3:GetObject", "arn:aws:s3:::data/home/alice/f")))
                .containsExactly("Data", "OneChar", "Home", "Named", "Everything", "NotData");
        assertThat(sids(index, body, request("s3:GetObject", "arn:aws:s3:::data/home/bob/f")))
                .containsExactly("Data", "OneChar", "Home", "Named", "Everything", "NotData");
        assertThat(sids(index, body, request("s3:GetObject", "arn:aws:s3:::data/logs/f")))
                .containsExactly("Data", "OneChar", "Named", "Logs", "Everything", "NotData");
        // ARNs match case-sensitively; `?` ends the literal text
        assertThat(sids(index, body, request("s3:GetObject", "arn:aws:s3:::Data/f")))
                .containsExactly("UpperData", "Named", "Everything", "NotData");
        assertThat(sids(index, body, request("s3:GetObject", "arn:aws:s3:::dxta/x")))
                .containsExactly("OneChar", "Named", "Everything", "NotData");
        assertThat(sids(index, body, request("s3:GetObject", "ARN:AWS:S3:::data/f")))
                .containsExactly("Everything", "NotData");
        assertThat(sids(index, body, request("S3:PUTOBJECT", "arn:aws:s3:::data/f")))
                .containsExactly("Everything", "Put");
        assertThat(sids(index, body, request("s3:GetObject", "arn:aws:ec2:eu:1:instance/i")))
                .containsExactly("Everything", "NotData", "Ec2");
        assertThat(sids(index, body, request("ec2:RunInstances", "arn:aws:ec2:eu:1:instance/i"))).isEmpty();
    }

    @Test
    void actionsBeyondTheBoundUseTheCoarseIndexAndStaySound() {
        CompiledBody body = body("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Any", "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::data/*"},
                  {"Sid": "Other", "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::other/*"}
                ]}""");
        MergedIndex index = new MergedIndex(new CompiledBody[] {body}, 1);
        for (int i = 0; i < MergedIndex.MAX_ACTIONS + 10; i++) {
            assertThat(sids(index, body, request("s3:Action" + i, "arn:aws:s3:::data/f"))).as("action " + i)
                    .contains("Any");
        }
        assertThat(sids(index, body, request("s3:GetObject", "arn:aws:s3:::data/f"))).containsExactly("Any", "Other");
        assertThat(sids(index, body, request("s3:Action1", "arn:aws:s3:::data/f"))).containsExactly("Any");
    }

    @Test
    void aFewCandidatesAreVisitedAsTheCoarseIndexGivesThemAndManyThroughTheExactIndex() {
        StringBuilder statements = new StringBuilder("""
                {"Sid": "Data", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"},
                {"Sid": "Other", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*"}""");
        CompiledBody few = body("{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}");
        MergedIndex fewIndex = new MergedIndex(new CompiledBody[] {few}, 1);
        Request req = request("s3:GetObject", "arn:aws:s3:::data/f");
        assertThat(fewIndex.visit(req)).containsExactly(0, 1);
        assertThat(sids(fewIndex, few, req)).containsExactly("Data");
        for (int i = 0; i < MergedIndex.SMALL; i++) {
            statements.append(",{\"Sid\": \"Other").append(i)
                    .append("\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::other/*\"}");
        }
        CompiledBody many = body("{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}");
        MergedIndex manyIndex = new MergedIndex(new CompiledBody[] {many}, 1);
        assertThat(manyIndex.visit(req)).containsExactly(0);
        assertThat(manyIndex.visit(request("s3:GetObject", "arn:aws:s3:::other/f"))).hasSize(MergedIndex.SMALL + 1);
    }

    @Test
    void anArnIsLookedUpAmongThePrefixesOfItsServiceAndThoseNamingNone() {
        CompiledBody body = body("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "S3", "Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::data/*"},
                  {"Sid": "AnyS", "Effect": "Allow", "Action": "*", "Resource": "arn:aws:s*"},
                  {"Sid": "Sqs", "Effect": "Deny", "Action": "*", "Resource": "arn:aws:sqs:*"},
                  {"Sid": "China", "Effect": "Allow", "Action": "*", "Resource": "arn:aws-cn:s3:::data/*"},
                  {"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"},
                  {"Sid": "AllDenied", "Effect": "Deny", "Action": "*", "Resource": "*",
                   "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
                ]}""");
        MergedIndex index = new MergedIndex(new CompiledBody[] {body}, 1);
        assertThat(sids(index, body, request("s3:GetObject", "arn:aws:s3:::data/f")))
                .containsExactly("S3", "AnyS", "All", "AllDenied");
        assertThat(sids(index, body, request("sqs:SendMessage", "arn:aws:sqs:eu:1:q")))
                .containsExactly("AnyS", "Sqs", "All", "AllDenied");
        assertThat(sids(index, body, request("s3:GetObject", "arn:aws-cn:s3:::data/f")))
                .containsExactly("China", "All", "AllDenied");
        assertThat(sids(index, body, request("dynamodb:GetItem", "arn:aws:dynamodb:eu:1:table/t")))
                .containsExactly("All", "AllDenied");
        assertThat(sids(index, body, request("s3:GetObject", "data/f"))).containsExactly("All", "AllDenied");
        // deciding only: the same statements in parts, those of every request first, denies before allows in each
        Request sqs = request("sqs:SendMessage", "arn:aws:sqs:eu:1:q");
        List<List<String>> parts = new ArrayList<>();
        for (ResourcePrefixIndex.Part part : index.indexed(sqs)) {
            if (part == null) {
                break;
            }
            List<String> sids = new ArrayList<>();
            for (int i = 0; i < part.items.length; i++) {
                sids.add((i < part.denies ? "deny " : "allow ") + sid(body, part.items[i]));
            }
            parts.add(sids);
        }
        assertThat(parts).containsExactly(List.of("deny AllDenied", "allow All"), List.of("allow AnyS"), List.of("deny Sqs"));
    }
}
