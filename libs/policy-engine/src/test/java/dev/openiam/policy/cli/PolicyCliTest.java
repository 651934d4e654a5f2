package dev.openiam.policy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyCliTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PolicyCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path file(String json) throws Exception {
        Path p = dir.resolve("policy.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void validateAcceptsAGoodPolicy() throws Exception {
        Path p = file("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
                  "Resource":"arn:aws:s3:::bucket/*"}]}""");
        Run r = run("", "validate", p.toString(), "--type", "identity");
        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotContain("error ");
    }

    @Test
    void validateIgnoresAByteOrderMark() throws Exception {
        Path p = file("\uFEFF{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::bucket/*\"}]}");
        assertThat(run("", "validate", p.toString(), "--type", "identity").code()).isZero();
    }

    @Test
    void validateReportsErrorsWithPositionAndExitsOne() throws Exception {
        Path p = file("""
                {"Version":"2012-10-17",
                 "Statement":[{"Effect":"Alow","Action":"s3:GetObject","Resource":"*"}]}""");
        Run r = run("", "validate", p.toString(), "--type", "identity");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("error INVALID_EFFECT at Statement[0].Effect (line 2, column 25): invalid `Effect` `Alow`");
    }

    @Test
    void validateKnowsEveryTypeAndKind() throws Exception {
        Path p = file("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},
                  "Action":"sts:AssumeRole"}]}""");
        assertThat(run("", "validate", p.toString(), "--type", "trust").code()).isZero();
        assertThat(run("", "validate", p.toString(), "--type", "resource").code()).isEqualTo(1);
        assertThat(run("", "validate", p.toString(), "--type", "identity").code()).isEqualTo(1);
        assertThat(run("", "validate", p.toString(), "--type", "boundary").code()).isEqualTo(1);
        assertThat(run("", "validate", p.toString(), "--type", "session").code()).isEqualTo(1);
        assertThat(run("", "validate", p.toString(), "--type", "trust", "--kind", "inline-role").code()).isZero();
    }

    @Test
    void validateReportsLimitExceeded() throws Exception {
        Path p = file("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::b/" + "k".repeat(3000) + "\"}]}");
        Run r = run("", "validate", p.toString(), "--type", "session");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("error POLICY_SIZE").contains("2048 allowed for a session policy");
        assertThat(run("", "validate", p.toString(), "--type", "identity").code()).isZero();
    }

    @Test
    void badUsageExitsTwo() throws Exception {
        assertThat(run("").code()).isEqualTo(2);
        assertThat(run("", "frobnicate").code()).isEqualTo(2);
        assertThat(run("", "validate").code()).isEqualTo(2);
        assertThat(run("", "validate", "x.json", "--type", "nonsense").err()).contains("unknown policy type `nonsense`");
        assertThat(run("", "validate", dir.resolve("missing.json").toString(), "--type", "identity").code()).isEqualTo(2);
    }

    @Test
    void evaluateAnswersEachLineInOrder() throws Exception {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"},"
                + "\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}}]}";
        String req = "\"request\":{\"principal\":\"arn:aws:iam::111122223333:user/alice\",\"action\":\"s3:GetObject\","
                + "\"resource\":\"arn:aws:s3:::bucket/key\",\"resourceAccount\":\"111122223333\",";
        String input = String.join("\n",
                "{\"id\":1,\"identityPolicies\":[" + policy + "]," + req
                        + "\"context\":{\"aws:SourceIp\":\"10.1.2.3\",\"aws:TagKeys\":[\"a\",\"b\"]}}}",
                "{\"id\":\"two\",\"identityPolicies\":[" + policy + "]," + req
                        + "\"context\":{\"aws:SourceIp\":\"192.0.2.1\"}}}",
                "this is not json",
                "",
                "{\"id\":4,\"identityPolicies\":[{\"Statement\":[{\"Effect\":\"Maybe\"}]}]," + req + "\"context\":{}}}",
                "{\"id\":5,\"identityPolicies\":[" + policy + "],\"permissionBoundary\":null,\"sessionPolicy\":null,"
                        + "\"resourcePolicy\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"No\",\"Effect\":\"Deny\","
                        + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}," + req + "\"context\":{}}}",
                "{\"id\":6,\"identityPolicies\":[" + MAPPER.writeValueAsString(policy) + "]," + req
                        + "\"context\":{\"aws:SourceIp\":\"10.9.9.9\"}}}",
                "{\"id\":7}");
        Run r = run(input, "evaluate");
        assertThat(r.code()).isZero();
        List<JsonNode> lines = r.lines().stream().map(PolicyCliTest::json).toList();
        assertThat(lines).hasSize(7);

        assertThat(lines.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(lines.get(0).get("decision").asText()).isEqualTo("Allow");
        assertThat(lines.get(0).get("reasons").get(0).asText()).isEqualTo("identityPolicies[0]:Read");

        assertThat(lines.get(1).get("id").asText()).isEqualTo("two");
        assertThat(lines.get(1).get("decision").asText()).isEqualTo("ImplicitDeny");
        assertThat(lines.get(1).get("reasons").get(0).asText())
                .isEqualTo("no identity-based policy allows the s3:GetObject action");
        assertThat(lines.get(1).get("message").asText()).isEqualTo("User: arn:aws:iam::111122223333:user/alice is not "
                + "authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/key because no identity-based "
                + "policy allows the s3:GetObject action");

        assertThat(lines.get(2).get("id").isNull()).isTrue();
        assertThat(lines.get(2).get("error").asText()).isEqualTo("the line is not valid JSON");

        assertThat(lines.get(3).get("id").asInt()).isEqualTo(4);
        assertThat(lines.get(3).get("error").asText()).startsWith("`identityPolicies[0]`: MalformedPolicyDocument: ")
                .contains("`Maybe`");
        assertThat(lines.get(3).has("decision")).isFalse();

        assertThat(lines.get(4).get("decision").asText()).isEqualTo("ExplicitDeny");
        assertThat(lines.get(4).get("reasons").get(0).asText()).isEqualTo("resourcePolicy:No");
        assertThat(lines.get(4).get("message").asText()).endsWith("with an explicit deny in a resource-based policy");

        // a policy may also be given as a string holding JSON; absent aws:TagKeys satisfies ForAllValues
        assertThat(lines.get(5).get("decision").asText()).isEqualTo("Allow");

        assertThat(lines.get(6).get("error").asText()).isEqualTo("the case has no `request` object");
    }

    @Test
    void evaluateSupportsTrustPoliciesAndPrincipalTypes() {
        String line = "{\"id\":1,\"trustPolicy\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]},"
                + "\"request\":{\"principal\":\"ec2.amazonaws.com\",\"principalType\":\"service\","
                + "\"action\":\"sts:AssumeRole\",\"resource\":\"arn:aws:iam::111122223333:role/app\"}}";
        JsonNode a = json(PolicyCli.answer(line));
        assertThat(a.get("decision").asText()).isEqualTo("Allow");
        assertThat(a.get("reasons").get(0).asText()).isEqualTo("trustPolicy:Statement[0]");
        JsonNode bad = json(PolicyCli.answer(line.replace("\"service\"", "\"martian\"")));
        assertThat(bad.get("error").asText()).isEqualTo("unknown `principalType` `martian`");
    }

    @Test
    void evaluateCombinesSessionPolicies() {
        String allowAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        String ec2 = allowAll.replace("\"*\",\"Resource", "\"ec2:*\",\"Resource");
        String line = "{\"id\":9,\"identityPolicies\":[" + allowAll + "],\"sessionPolicy\":" + ec2
                + ",\"sessionPolicies\":[" + allowAll + "],\"request\":{\"principal\":"
                + "\"arn:aws:sts::111122223333:assumed-role/app/s\",\"action\":\"s3:GetObject\",\"resource\":\"*\"}}";
        JsonNode a = json(PolicyCli.answer(line));
        assertThat(a.get("decision").asText()).isEqualTo("Allow");
        assertThat(a.get("reasons")).extracting(JsonNode::asText)
                .containsExactly("identityPolicies[0]:Statement[0]", "sessionPolicies[0]:Statement[0]");
        JsonNode denied = json(PolicyCli.answer(line.replace(",\"sessionPolicies\":[" + allowAll + "]", "")));
        assertThat(denied.get("decision").asText()).isEqualTo("ImplicitDeny");
        assertThat(denied.get("reasons").get(0).asText()).isEqualTo("no session policy allows the s3:GetObject action");
    }

    static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(s, e);
        }
    }
}
