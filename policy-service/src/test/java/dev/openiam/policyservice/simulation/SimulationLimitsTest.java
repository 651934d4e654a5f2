package dev.openiam.policyservice.simulation;

import dev.openiam.policyservice.Iam;
import dev.openiam.policyservice.IdentityStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.openiam.policyservice.Iam.doc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps one simulation request from exhausting policy-service: a cap on ActionNames × ResourceArns, every
 * document of the request held to the customer limit of the policy it stands for, botocore's lengths on each
 * member, and context values read once, by their declared type, before anything is evaluated.
 */
@QuarkusTest
class SimulationLimitsTest {

    /** An identity policy of exactly {@code size} characters (it has no white space). */
    static String sized(int size) {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::";
        String tail = "\"}]}";
        return head + "a".repeat(size - head.length() - tail.length()) + tail;
    }

    /** A policy for any bucket, allowing {@code caller}, of exactly {@code size} characters (a long Sid). */
    static String sizedResourcePolicy(String caller, int size) {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"";
        String tail = "\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + caller
                + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
        return head + "a".repeat(size - head.length() - tail.length()) + tail;
    }

    static String[] custom(int actions, int resources, String... more) {
        List<String> params = new ArrayList<>(List.of("PolicyInputList.member.1", doc("s3:*")));
        for (int i = 1; i <= actions; i++) {
            params.addAll(List.of("ActionNames.member." + i, "s3:Action" + i));
        }
        for (int i = 1; i <= resources; i++) {
            params.addAll(List.of("ResourceArns.member." + i, "arn:aws:s3:::bucket/" + i));
        }
        params.addAll(List.of(more));
        return params.toArray(String[]::new);
    }

    @Test
    void actionsTimesResourcesIsCappedAtAThousandEvaluations() {
        Iam iam = Iam.freshAccount();
        iam.fails(400, "InvalidInput", "The simulation of 7 actions on 143 resources (1001 evaluations) exceeds the limit of "
                + "1000 evaluations per request.", "SimulateCustomPolicy", custom(7, 143));
        IdentityStandIn.user(iam.accountId(), "alice");
        List<String> principal = new ArrayList<>(List.of(custom(1001, 0)));
        principal.addAll(List.of("PolicySourceArn", iam.arn("user/alice")));
        iam.fails(400, "InvalidInput", "The simulation of 1001 actions on 1 resources (1001 evaluations) exceeds the limit of "
                + "1000 evaluations per request.", "SimulatePrincipalPolicy", principal.toArray(String[]::new));

        XmlPath first = iam.ok("SimulateCustomPolicy", custom(8, 125, "MaxItems", "1000"));
        assertThat(first.getList("EvaluationResults.member.EvalDecision")).hasSize(1000).containsOnly("allowed");
        assertThat(first.getBoolean("IsTruncated")).isFalse();
    }

    @Test
    void aMarkerResumesAtItsPositionAndOnlyThatPageIsEvaluated() {
        Iam iam = Iam.freshAccount();
        XmlPath first = iam.ok("SimulateCustomPolicy", custom(3, 2, "MaxItems", "4"));
        assertThat(first.getList("EvaluationResults.member.EvalActionName")).containsExactly("s3:Action1", "s3:Action1",
                "s3:Action2", "s3:Action2");
        assertThat(first.getBoolean("IsTruncated")).isTrue();
        XmlPath rest = iam.ok("SimulateCustomPolicy", custom(3, 2, "MaxItems", "4", "Marker", first.getString("Marker")));
        assertThat(rest.getList("EvaluationResults.member.EvalActionName")).containsExactly("s3:Action3", "s3:Action3");
        assertThat(rest.getList("EvaluationResults.member.EvalResourceName")).containsExactly("arn:aws:s3:::bucket/1",
                "arn:aws:s3:::bucket/2");
        assertThat(rest.getBoolean("IsTruncated")).isFalse();
        iam.fails(400, "ValidationError", "Invalid Marker: `bm90LWEtcG9zaXRpb24`", "SimulateCustomPolicy",
                custom(3, 2, "Marker", "bm90LWEtcG9zaXRpb24"));
    }

    @Test
    void documentsOfTheRequestAreHeldToTheLimitsOfThePoliciesTheyStandFor() {
        Iam iam = Iam.freshAccount();
        IdentityStandIn.user(iam.accountId(), "alice");
        String caller = iam.arn("user/alice");
        // identity documents and boundaries are managed policies: 6,144 characters
        iam.ok("SimulateCustomPolicy", "PolicyInputList.member.1", sized(6144), "ActionNames.member.1", "s3:GetObject");
        assertThat(iam.failsWithCode(400, "InvalidInput", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"),
                "PolicyInputList.member.2", sized(6145), "ActionNames.member.1", "s3:GetObject"))
                .isEqualTo("PolicyInputList.2: the policy has 6145 characters without white space, more than the 6144 allowed "
                        + "for a managed policy");
        assertThat(iam.failsWithCode(400, "InvalidInput", "SimulatePrincipalPolicy", "PolicySourceArn", caller,
                "PolicyInputList.member.1", sized(6145), "ActionNames.member.1", "s3:GetObject")).startsWith("PolicyInputList.1: ");
        assertThat(iam.failsWithCode(400, "InvalidInput", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"),
                "PermissionsBoundaryPolicyInputList.member.1", sized(6145), "ActionNames.member.1", "s3:GetObject"))
                .startsWith("PermissionsBoundaryPolicyInputList.1: ");
        assertThat(iam.failsWithCode(400, "InvalidInput", "GetContextKeysForCustomPolicy", "PolicyInputList.member.1", sized(6145)))
                .startsWith("PolicyInputList.1: ");
        assertThat(iam.failsWithCode(400, "InvalidInput", "GetContextKeysForPrincipalPolicy", "PolicySourceArn", caller,
                "PolicyInputList.member.1", sized(6145))).startsWith("PolicyInputList.1: ");
        // white space does not count, as IAM counts
        iam.ok("SimulateCustomPolicy", "PolicyInputList.member.1", sized(6144).replace(",", ",\n    "), "ActionNames.member.1",
                "s3:GetObject");

        // a resource policy is a resource-based one: larger than a managed policy, up to 20,480
        XmlPath bucket = iam.ok("SimulateCustomPolicy", "PolicyInputList.member.1", doc("sqs:*"), "ActionNames.member.1",
                "s3:GetObject", "ResourcePolicy", sizedResourcePolicy(caller, 10_000), "CallerArn", caller);
        assertThat(bucket.getString("EvaluationResults.member.EvalDecision")).isEqualTo("allowed");
        assertThat(iam.failsWithCode(400, "InvalidInput", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("sqs:*"),
                "ActionNames.member.1", "s3:GetObject", "ResourcePolicy", sizedResourcePolicy(caller, 20_481), "CallerArn", caller))
                .startsWith("ResourcePolicy: the policy has 20481 characters");

        // botocore's policyDocumentType: AWS's characters, at most 131,072 with white space
        iam.fails(400, "ValidationError", "1 validation error detected: Value '" + doc("s3:\u0100") + "' at "
                        + "'policyInputList.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+", "SimulateCustomPolicy", "PolicyInputList.member.1",
                doc("s3:\u0100"), "ActionNames.member.1", "s3:GetObject");
        assertThat(iam.failsWithCode(400, "ValidationError", "SimulateCustomPolicy", "PolicyInputList.member.1",
                sized(200).replace(",", "," + " ".repeat(131_072)), "ActionNames.member.1", "s3:GetObject"))
                .endsWith("at 'policyInputList.1.member' failed to satisfy constraint: Member must have length less than or equal to 131072");
    }

    @Test
    void everyMemberIsWithinBotocoresLengths() {
        Iam iam = Iam.freshAccount();
        iam.fails(400, "ValidationError", "1 validation error detected: Value 's3' at 'actionNames' failed to satisfy constraint: "
                + "Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length "
                + "greater than or equal to 3]", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"),
                "ActionNames.member.1", "s3");
        iam.failsWithCode(400, "ValidationError", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"),
                "ActionNames.member.1", "s3:" + "A".repeat(126));
        assertThat(iam.failsWithCode(400, "ValidationError", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"),
                "ActionNames.member.1", "s3:GetObject", "ResourceArns.member.1", "arn:aws:s3:::" + "b".repeat(2036)))
                .contains("at 'resourceArns' failed").contains("less than or equal to 2048");
        assertThat(iam.failsWithCode(400, "ValidationError", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"),
                "ActionNames.member.1", "s3:GetObject", "ContextEntries.member.1.ContextKeyName", "a:b",
                "ContextEntries.member.1.ContextKeyValues.member.1", "x"))
                .contains("at 'contextEntries.1.member.contextKeyName'").contains("greater than or equal to 5");
        assertThat(iam.failsWithCode(400, "ValidationError", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"),
                "ActionNames.member.1", "s3:GetObject", "CallerArn", "arn:aws:iam::123456789012:user/" + "c".repeat(2030)))
                .contains("at 'callerArn'");
        iam.ok("SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"), "ActionNames.member.1", "s3:" + "A".repeat(125));
    }

    @Test
    void contextValuesAreReadOnceByTheirTypeAndServeEveryEvaluation() {
        Iam iam = Iam.freshAccount();
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
                + "\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":\"10\"},\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01\"},"
                + "\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}}";
        XmlPath r = iam.ok("SimulateCustomPolicy", "PolicyInputList.member.1", policy, "ActionNames.member.1", "s3:GetObject",
                "ResourceArns.member.1", "arn:aws:s3:::a/1", "ResourceArns.member.2", "arn:aws:s3:::a/2",
                "ResourceArns.member.3", "arn:aws:s3:::a/3",
                "ContextEntries.member.1.ContextKeyName", "s3:max-keys", "ContextEntries.member.1.ContextKeyType", "numeric",
                "ContextEntries.member.1.ContextKeyValues.member.1", "5",
                "ContextEntries.member.2.ContextKeyName", "aws:CurrentTime", "ContextEntries.member.2.ContextKeyType", "date",
                "ContextEntries.member.2.ContextKeyValues.member.1", "2026-12-02T10:00:00Z",
                "ContextEntries.member.3.ContextKeyName", "aws:SourceIp", "ContextEntries.member.3.ContextKeyType", "ip",
                "ContextEntries.member.3.ContextKeyValues.member.1", "10.1.2.3");
        assertThat(r.getList("EvaluationResults.member.EvalDecision")).containsExactly("allowed", "allowed", "allowed");
        assertThat(r.getList("EvaluationResults.member.MissingContextValues.member")).isEmpty();

        String[][] invalid = {{"numeric", "five"}, {"numericList", "NaN"}, {"date", "yesterday"}, {"ip", "10.0.0.300"},
                {"boolean", "yes"}, {"binary", "%%%"}};
        for (String[] entry : invalid) {
            iam.fails(400, "InvalidInput", "Invalid value `" + entry[1] + "` for context key s3:max-keys of type " + entry[0] + ".",
                    "SimulateCustomPolicy", "PolicyInputList.member.1", policy, "ActionNames.member.1", "s3:GetObject",
                    "ContextEntries.member.1.ContextKeyName", "s3:max-keys", "ContextEntries.member.1.ContextKeyType", entry[0],
                    "ContextEntries.member.1.ContextKeyValues.member.1", entry[1]);
        }
    }
}
