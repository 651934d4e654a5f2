package dev.openiam.policy.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.Request;
import dev.openiam.policy.model.PolicyDocument;
import dev.openiam.policy.model.Statement;
import dev.openiam.policy.parse.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The action index must be sound: every statement whose Action matches is among the candidates. */
class ActionIndexTest {

    static final String[] PATTERNS = {"s3:GetObject", "s3:Get*", "s3:*", "*", "iam:*User", "S3:PUTOBJECT",
            "ec2:?unInstances", "*:GetObject", "s?:GetObject", "iam:CreateUser", "sts:AssumeRole", "s3:GetObjectAcl"};
    static final String[] ACTIONS = {"s3:GetObject", "S3:getobject", "s3:PutObject", "s3:GetObjectAcl",
            "iam:CreateUser", "iam:DeleteUser", "ec2:RunInstances", "sts:AssumeRole", "dynamodb:GetItem", "sqs:x"};

    @Test
    void candidatesIncludeEveryStatementWhoseActionMatches() {
        ObjectMapper m = new ObjectMapper();
        Random r = new Random(5);
        int narrowed = 0;
        for (int c = 0; c < 2_000; c++) {
            ObjectNode doc = m.createObjectNode().put("Version", "2012-10-17");
            ArrayNode st = doc.putArray("Statement");
            int n = 1 + r.nextInt(8);
            for (int i = 0; i < n; i++) {
                ObjectNode s = st.addObject().put("Effect", r.nextBoolean() ? "Allow" : "Deny").put("Resource", "*");
                ArrayNode a = s.putArray(r.nextInt(5) == 0 ? "NotAction" : "Action");
                int k = 1 + r.nextInt(3);
                for (int j = 0; j < k; j++) {
                    a.add(PATTERNS[r.nextInt(PATTERNS.length)]);
                }
            }
            PolicyDocument d = PolicyParser.parse(doc.toString(), PolicyType.IDENTITY, PolicyKind.MANAGED).document();
            CompiledBody body = new CompiledBody(d);
            for (String action : ACTIONS) {
                Request req = Request.builder().principal("arn:aws:iam::111122223333:user/a").action(action)
                        .resource("*").build();
                List<Integer> expected = new ArrayList<>();
                for (Statement s : d.statements()) {
                    if (new CompiledStatement(s, true).actionMatches(req.actionLower())) {
                        expected.add(s.index());
                    }
                }
                List<Integer> candidates = body.candidateList(req);
                assertThat(candidates).as(doc + " " + action).containsAll(expected).isSorted().doesNotHaveDuplicates();
                if (candidates.size() < n) {
                    narrowed++;
                }
            }
        }
        assertThat(narrowed).as("the index must actually leave statements out").isGreaterThan(1_000);
    }
}
