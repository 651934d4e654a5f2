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
 * The merged index (by action, then by the resource's service) must be sound: every statement of every slot
 * that applies to a request is among its candidates, each once, in slot and document order.
 */
class MergedIndexTest {

    static final String[] ACTIONS = {"s3:GetObject", "s3:Get*", "s3:*", "*", "ec2:Run*", "ec2:?escribe*",
            "iam:CreateUser", "iam:*", "S3:PUTOBJECT", "sqs:SendMessage"};
    static final String[] RESOURCES = {"*", "arn:aws:s3:::b/*", "arn:aws:s3:::*", "arn:aws:ec2:*:1:instance/*",
            "arn:aws:iam::1:user/${aws:username}", "arn:aws:*:*:1:*", "arn:*", "arn:aws:s3", "arn:aws:sqs:*:1:q",
            "arn:aws:${aws:svc}:::x"};
    static final String[] REQ_ACTIONS = {"s3:GetObject", "s3:PutObject", "ec2:RunInstances", "ec2:DescribeVpcs",
            "iam:CreateUser", "iam:GetUser", "sqs:SendMessage", "kms:Decrypt"};
    static final String[] REQ_RESOURCES = {"arn:aws:s3:::b/k", "arn:aws:s3:::c", "arn:aws:ec2:us-east-1:1:instance/i",
            "arn:aws:iam::1:user/alice", "arn:aws:sqs:eu:1:q", "*", "arn:aws:kms:eu:1:key/k", "arn:aws", "s3"};

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
                int total = 0;
                for (int slot = 0; slot < slots; slot++) {
                    for (int i = 0; i < bodies[slot].statementCount(); i++) {
                        total++;
                        if (bodies[slot].statement(i).applies(req, false) != Grant.NONE) {
                            applicable.add((slot << MergedIndex.STATEMENT_BITS) | i);
                        }
                    }
                }
                List<Integer> candidates = new ArrayList<>();
                for (int item : index.candidates(req)) {
                    candidates.add(item);
                }
                assertThat(candidates).as("case " + c + " " + req).containsAll(applicable).isSorted();
                Set<Integer> unique = new HashSet<>(candidates);
                assertThat(unique).hasSameSizeAs(candidates);
                if (candidates.size() < total) {
                    pruned++;
                }
            }
        }
        assertThat(pruned).as("the index must actually leave statements out").isGreaterThan(5_000);
    }
}
