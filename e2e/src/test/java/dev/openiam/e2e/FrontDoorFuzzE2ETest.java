package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.model.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's bad input at scale: mutated valid requests to the Query front door (parameters dropped, repeated,
 * reordered, renamed; huge, empty, control-character and non-UTF-8 values; deep member lists; broken
 * percent-encoding; signed afresh, so they reach the actions) and to the decision API (mutated JSON: wrong types,
 * deep nesting, huge batches, bad bytes). Every input is answered within {@link #HANG}; nothing answers 5xx but the
 * documented {@code ServiceFailure} (and, on the decision API, {@code ServiceUnavailable} for a revision not
 * reached); every rejection carries an AWS error code; and a rejected Query request writes nothing (the account's
 * rows and revisions in both services are unchanged). Seeded: a failure prints the seed and the input.
 * {@code -Diam.fuzz.inputs} per front door (CI: the pom's default; {@code -Pfuzz}: 1,000,000), {@code -Diam.fuzz.seed}.
 */
@ExtendWith(LocalSystem.class)
class FrontDoorFuzzE2ETest {

    static final int INPUTS = Integer.getInteger("iam.fuzz.inputs", 2000);
    static final long SEED = Long.getLong("iam.fuzz.seed", 14);
    static final Duration HANG = Duration.ofSeconds(20);
    static final HttpClient HTTP = newClient();

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(ErrorCode::awsCode).collect(Collectors.toSet());
    static final String[] WEIRD = {"", " ", "*", "/", "//", "/a/", "a/b", "..", "%", "%00", "\u0000", "\t\n", "\r\n\r\n",
            "'", "\"", "<x/>", "]]>", "&amp;", "${aws:username}", "arn:", "arn:aws:iam::000000000000:policy/x",
            "arn:aws:iam::aws:policy/AdministratorAccess", "-1", "0", "1", "1001", "99999999999999999999", "1e9", "NaN",
            "true", "null", "{}", "[]", "{\"Version\":\"2012-10-17\"}", "\u00e9", "\u4e00\u4e01", "\uD83D\uDE00", "\uFFFF",
            "a".repeat(65), "a".repeat(129), "a".repeat(513), "b".repeat(10_000), "c".repeat(200_000)};

    static FreshAccount account;
    static Connection db;

    @BeforeAll
    static void setUp() throws SQLException {
        account = FreshAccount.create();
        db = Database.open();
    }

    @AfterAll
    static void tearDown() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    // --- the Query front door ------------------------------------------------------------------------------

    /** Valid requests of many actions, as parameter lists; mutations start from these. */
    static List<List<String[]>> querySeeds() {
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}";
        String policyArn = "arn:aws:iam::" + account.accountId() + ":policy/fz";
        List<List<String[]>> seeds = new ArrayList<>();
        seeds.add(params("CreateUser", "UserName", "fz", "Path", "/fz/", "Tags.member.1.Key", "team", "Tags.member.1.Value", "core"));
        seeds.add(params("GetUser", "UserName", "fz"));
        seeds.add(params("ListUsers", "PathPrefix", "/fz/", "MaxItems", "10"));
        seeds.add(params("UpdateUser", "UserName", "fz", "NewUserName", "fz2", "NewPath", "/x/"));
        seeds.add(params("TagUser", "UserName", "fz", "Tags.member.1.Key", "a", "Tags.member.1.Value", "1", "Tags.member.2.Key", "b",
                "Tags.member.2.Value", "2"));
        seeds.add(params("UntagUser", "UserName", "fz", "TagKeys.member.1", "a"));
        seeds.add(params("CreateGroup", "GroupName", "fz-group"));
        seeds.add(params("AddUserToGroup", "GroupName", "fz-group", "UserName", "fz"));
        seeds.add(params("CreateRole", "RoleName", "fz-role", "AssumeRolePolicyDocument", trust, "MaxSessionDuration", "3600"));
        seeds.add(params("UpdateAssumeRolePolicy", "RoleName", "fz-role", "PolicyDocument", trust));
        seeds.add(params("PutUserPolicy", "UserName", "fz", "PolicyName", "inline", "PolicyDocument", doc));
        seeds.add(params("CreatePolicy", "PolicyName", "fz", "PolicyDocument", doc, "Description", "d"));
        seeds.add(params("CreatePolicyVersion", "PolicyArn", policyArn, "PolicyDocument", doc, "SetAsDefault", "true"));
        seeds.add(params("AttachUserPolicy", "UserName", "fz", "PolicyArn", policyArn));
        seeds.add(params("SimulatePrincipalPolicy", "PolicySourceArn", "arn:aws:iam::" + account.accountId() + ":user/fz",
                "ActionNames.member.1", "s3:GetObject", "ActionNames.member.2", "iam:CreateUser", "ResourceArns.member.1", "*"));
        seeds.add(params("UpdateAccountPasswordPolicy", "MinimumPasswordLength", "12", "RequireSymbols", "true", "MaxPasswordAge", "90"));
        seeds.add(params("CreateLoginProfile", "UserName", "fz", "Password", "Correct-Horse-9-Battery", "PasswordResetRequired", "false"));
        seeds.add(params("CreateOpenIDConnectProvider", "Url", "https://issuer.example.com/fz", "ClientIDList.member.1", "app",
                "ThumbprintList.member.1", "0123456789012345678901234567890123456789"));
        seeds.add(params("CreateAccountAlias", "AccountAlias", "fz-alias"));
        seeds.add(params("DeleteUser", "UserName", "fz"));
        return seeds;
    }

    static List<String[]> params(String action, String... pairs) {
        List<String[]> list = new ArrayList<>();
        list.add(new String[] {"Action", action});
        list.add(new String[] {"Version", "2010-05-08"});
        for (int i = 0; i < pairs.length; i += 2) {
            list.add(new String[] {pairs[i], pairs[i + 1]});
        }
        return list;
    }

    @Test
    void mutatedQueryRequestsAreAnsweredWithAwsErrorsAndRejectedOnesWriteNothing() throws Exception {
        LocalSystem system = LocalSystem.get();
        Random random = new Random(SEED);
        List<List<String[]>> seeds = querySeeds();
        String countQuery = countQuery(accountTables(db));
        Map<String, Long> counts = null;
        int accepted = 0;
        int failures = 0;
        Map<String, Integer> codes = new java.util.TreeMap<>();
        for (int input = 0; input < INPUTS; input++) {
            byte[] body = mutateQuery(seeds.get(random.nextInt(seeds.size())), random);
            Map<String, Long> before = counts != null ? counts : rowCounts(db, account.accountId(), countQuery);
            var signed = RawRequests.sign(system, account.accessKeyId(), account.secretAccessKey(), body, Clock.systemUTC());
            RawRequests.Answer answer;
            try {
                answer = RawRequests.send(signed, body, HANG);
            } catch (RuntimeException e) {
                throw new AssertionError(describe(input, body) + " got no answer within " + HANG + ": " + e, e);
            }
            String context = describe(input, body) + " answered " + answer.status() + ": " + abbreviate(answer.body());
            if (answer.status() == 200) {
                accepted++;
                counts = null;
                continue;
            }
            String code = answer.code();
            codes.merge(code, 1, Integer::sum);
            assertThat(code).as(context).isIn(CODES);
            assertThat(answer.body()).as(context).doesNotContain("Exception").doesNotContain("dev.openiam");
            if (answer.status() >= 500) {
                assertThat(answer.status() + " " + code).as(context).isEqualTo("500 ServiceFailure");
                failures++;
            } else {
                assertThat(answer.status()).as(context).isBetween(400, 499);
            }
            counts = rowCounts(db, account.accountId(), countQuery);
            assertThat(counts).as("rows of the account after a rejected " + context).isEqualTo(before);
        }
        System.out.printf("fuzz: %d mutated Query requests (seed %d): %d accepted, %d ServiceFailure, rejections %s%n", INPUTS, SEED,
                accepted, failures, codes);
    }

    /** One mutated request body: form-encoded parameters, then possibly damaged as bytes. */
    static byte[] mutateQuery(List<String[]> seed, Random random) {
        List<String[]> list = new ArrayList<>();
        seed.forEach(p -> list.add(p.clone()));
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            int at = random.nextInt(list.size());
            switch (random.nextInt(9)) {
                case 0 -> list.remove(at);
                case 1 -> list.add(random.nextInt(list.size() + 1), random.nextBoolean() ? list.get(at).clone()
                        : new String[] {list.get(at)[0], weird(random)});
                case 2 -> Collections.shuffle(list, random);
                case 3 -> list.get(at)[1] = weird(random);
                case 4 -> list.get(at)[0] = renamed(list.get(at)[0], random);
                case 5 -> deepList(list, random);
                case 6 -> list.get(at)[1] = list.get(at)[1] + weird(random);
                case 7 -> list.set(at, new String[] {list.get(at)[0], actionOrGarbage(random)});
                default -> list.get(at)[1] = list.get(at)[1].toUpperCase(java.util.Locale.ROOT);
            }
            if (list.isEmpty()) {
                list.add(new String[] {"Action", "GetUser"});
            }
        }
        byte[] encoded = encode(list, random);
        return random.nextInt(4) == 0 ? damage(encoded, random) : encoded;
    }

    static String weird(Random random) {
        return WEIRD[random.nextInt(WEIRD.length)];
    }

    static String renamed(String name, Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> name.toLowerCase(java.util.Locale.ROOT);
            case 1 -> name + "x";
            case 2 -> name.replace(".member.1", ".member.0");
            case 3 -> name.replace(".member.1", ".member.01");
            case 4 -> name.replace(".member.1", ".member." + (random.nextBoolean() ? "-1" : "99999999999"));
            case 5 -> name + ".member.1";
            default -> "";
        };
    }

    /** A long member list: thousands of tags, action names, or client ids. */
    static void deepList(List<String[]> list, Random random) {
        String[] lists = {"Tags.member.%d.Key", "ActionNames.member.%d", "TagKeys.member.%d", "ClientIDList.member.%d",
                "ResourceArns.member.%d"};
        String pattern = lists[random.nextInt(lists.length)];
        int n = 1 + random.nextInt(random.nextBoolean() ? 60 : 3000);
        for (int i = 1; i <= n; i++) {
            list.add(new String[] {String.format(pattern, i), "v" + i});
            if (pattern.startsWith("Tags")) {
                list.add(new String[] {String.format("Tags.member.%d.Value", i), "x"});
            }
        }
    }

    static String actionOrGarbage(Random random) {
        String[] actions = {"GetUser", "ListRoles", "DeletePolicy", "GetAccountAuthorizationDetails", "GenerateCredentialReport",
                "CreateAccessKey", "DeleteAccountPasswordPolicy", "getuser", "Get User", "", "../GetUser", "CreateUser\u0000"};
        return actions[random.nextInt(actions.length)];
    }

    /** {@code name=value&…}, percent-encoded as the SDKs do, or with {@code +} for spaces, or with raw bytes left in. */
    static byte[] encode(List<String[]> list, Random random) {
        StringBuilder form = new StringBuilder();
        int style = random.nextInt(5);
        for (String[] pair : list) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(encodePart(pair[0], style)).append('=').append(encodePart(pair[1], style));
        }
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String encodePart(String text, int style) {
        return switch (style) {
            case 0 -> URLEncoder.encode(text, StandardCharsets.UTF_8); // '+' for spaces
            case 1 -> text; // not encoded at all
            default -> URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        };
    }

    /** Byte-level damage: invalid UTF-8, broken escapes, truncation, stray separators. */
    static byte[] damage(byte[] body, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        out.write(body, 0, at);
        byte[][] inserts = {{(byte) 0xFF}, {(byte) 0xC3, (byte) 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "%FF".getBytes(),
                "%C3%28".getBytes(), "%ED%A0%80".getBytes(), "%".getBytes(), "%G1".getBytes(), "&&".getBytes(), "=".getBytes(),
                "%00".getBytes(), {0}, "&Action=GetUser".getBytes()};
        switch (random.nextInt(3)) {
            case 0 -> out.writeBytes(inserts[random.nextInt(inserts.length)]);
            case 1 -> {
                return out.toByteArray(); // truncated
            }
            default -> at = Math.min(body.length, at + 1 + random.nextInt(8)); // bytes cut out
        }
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    // --- the decision API ----------------------------------------------------------------------------------

    @Test
    void mutatedDecisionQuestionsAreAnsweredWithDecisionsOrAwsErrors() throws Exception {
        Random random = new Random(SEED + 1);
        URI endpoint = LocalSystem.get().policyEndpoint();
        String user = "arn:aws:iam::" + account.accountId() + ":user/fz-asked";
        try (var root = account.root()) {
            root.createUser(b -> b.userName("fz-asked"));
        }
        List<String> seeds = List.of(
                "{\"principal\":\"" + user + "\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\"}",
                "{\"principal\":\"" + user + "\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\",\"context\":"
                        + "{\"aws:SourceIp\":\"10.0.0.1\",\"s3:prefix\":[\"a\",\"b\"]},\"atLeastRevision\":{\"identity\":1,\"policy\":0}}",
                "{\"principal\":\"arn:aws:iam::" + account.accountId() + ":root\",\"action\":\"s3:GetObject\",\"resource\":\"*\","
                        + "\"resourcePolicy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
                        + "\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"s3:*\\\",\\\"Resource\\\":\\\"*\\\"}]}\"}",
                "{\"principal\":\"" + user + "\",\"action\":\"s3:PutObject\",\"resource\":\"*\",\"sessionPolicy\":"
                        + "\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"Action\\\":\\\"*\\\","
                        + "\\\"Resource\\\":\\\"*\\\"}]}\"}",
                "{\"requests\":[{\"principal\":\"" + user + "\",\"action\":\"s3:GetObject\",\"resource\":\"*\"},"
                        + "{\"principal\":\"" + user + "\",\"action\":\"iam:CreateUser\",\"resource\":\"*\"}]}");
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (int input = 0; input < INPUTS; input++) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            String path = seed.startsWith("{\"requests\"") ? "/v1/authorize:batch" : "/v1/authorize";
            byte[] body = mutateJson(seed, random);
            String token = FrontDoorTokens.decide(path, body);
            HttpResponse<String> answer;
            try {
                answer = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(HANG)
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new AssertionError(describe(input, body) + " got no answer within " + HANG + ": " + e, e);
            }
            String context = describe(input, body) + " answered " + answer.statusCode() + ": " + abbreviate(answer.body());
            JsonNode json;
            try {
                json = JSON.readTree(answer.body());
            } catch (java.io.IOException e) {
                throw new AssertionError(context + " is not a JSON document", e);
            }
            if (answer.statusCode() == 200) {
                List<String> decisions = json.has("results") ? json.path("results").findValuesAsText("decision")
                        : List.of(json.path("decision").asText());
                assertThat(decisions).as(context).isNotEmpty().allMatch(d -> Set.of("Allow", "ExplicitDeny", "ImplicitDeny").contains(d));
                decisions.forEach(d -> outcomes.merge(d, 1, Integer::sum));
                continue;
            }
            String code = json.path("code").asText();
            outcomes.merge(code, 1, Integer::sum);
            assertThat(code).as(context).isIn(CODES);
            assertThat(answer.body()).as(context).doesNotContain("Exception").doesNotContain("dev.openiam");
            if (answer.statusCode() >= 500) {
                // a revision no write has reached yet is answered 503, as documented; anything else only ServiceFailure
                assertThat(answer.statusCode() + " " + code).as(context).isIn("500 ServiceFailure", "503 ServiceUnavailable");
            } else {
                assertThat(answer.statusCode()).as(context).isBetween(400, 499);
            }
        }
        System.out.printf("fuzz: %d mutated decision questions (seed %d): %s%n", INPUTS, SEED + 1, outcomes);
    }

    /** A mutated JSON text: values replaced by other types, deep nesting, huge batches, then possibly bad bytes. */
    static byte[] mutateJson(String seed, Random random) throws Exception {
        JsonNode tree = JSON.readTree(seed);
        String[] replacements = {"null", "1", "-1", "1e400", "true", "[]", "{}", "\"\"", "\"*\"", "\"arn:aws:iam::000000000000:root\"",
                "[\"a\",[\"b\"]]", "{\"a\":{\"b\":1}}", "\"" + "x".repeat(100_000) + "\"", "9223372036854775808",
                "\"\\u0000\"", "\"\\ud800\"", "{\"identity\":99999999999}", "{\"policy\":-5}", "\"s3:*\"", "\"iam:\""};
        String text = tree.toString();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    // a value or a key replaced: find a quoted string and swap it
                    List<int[]> strings = stringsIn(text);
                    if (!strings.isEmpty()) {
                        int[] s = strings.get(random.nextInt(strings.size()));
                        text = text.substring(0, s[0]) + replacements[random.nextInt(replacements.length)] + text.substring(s[1]);
                    }
                }
                case 2 -> {
                    int depth = random.nextBoolean() ? 50 : 5000;
                    text = text.replaceFirst("\\{", "{\"context\":" + "[".repeat(depth) + "]".repeat(depth) + ",");
                }
                case 3 -> {
                    if (text.startsWith("{\"requests\"")) {
                        int n = random.nextBoolean() ? 100 : 101 + random.nextInt(1000);
                        String one = tree.path("requests").path(0).toString();
                        text = "{\"requests\":[" + String.join(",", Collections.nCopies(n, one)) + "]}";
                    } else {
                        text = text.replaceFirst("\\{", "{\"context\":{" + java.util.stream.IntStream.range(0, 1 + random.nextInt(5000))
                                .mapToObj(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(",")) + "},");
                    }
                }
                case 4 -> text = text.replaceFirst("\\{", "{\"principal\":\"arn:aws:iam::111122223333:user/x\",");
                default -> text = text.substring(0, random.nextInt(text.length() + 1));
            }
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return random.nextInt(5) == 0 ? damage(bytes, random) : bytes;
    }

    static List<int[]> stringsIn(String text) {
        List<int[]> found = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '"') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                if (end < text.length()) {
                    found.add(new int[] {i, end + 1});
                }
                i = end;
            }
        }
        return found;
    }

    // --- what was written ----------------------------------------------------------------------------------

    /**
     * Every table of both services that holds rows of an account, but the outboxes of events and of audit records (the
     * relays empty them; a rejected request has its audit record) and the credential reports (built in the background
     * after an accepted GenerateCredentialReport).
     */
    static List<String> accountTables(Connection db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("select table_schema || '.' || table_name from information_schema.columns"
                + " where column_name = 'account_id' and table_schema in ('identity', 'policy')"
                + " and table_name not in ('outbox', 'audit_outbox', 'credential_reports') order by 1");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        assertThat(tables).as("tables with account rows").contains("identity.users", "identity.accounts", "policy.attachments");
        return tables;
    }

    /** One query: the account's rows per table, and each service's revision of it. */
    static String countQuery(List<String> tables) {
        List<String> parts = new ArrayList<>();
        for (String table : tables) {
            parts.add("select '" + table + "', count(*) from " + table + " where account_id = ?");
        }
        for (String table : List.of("identity.accounts", "policy.account_revisions")) {
            parts.add("select '" + table + ".revision', coalesce(max(revision), 0) from " + table + " where account_id = ?");
        }
        return String.join(" union all ", parts);
    }

    /** The account's rows per table of {@code countQuery}. */
    static Map<String, Long> rowCounts(Connection db, String accountId, String countQuery) throws SQLException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (PreparedStatement query = db.prepareStatement(countQuery)) {
            for (int i = 1; i <= query.getParameterMetaData().getParameterCount(); i++) {
                query.setString(i, accountId);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    static String describe(int input, byte[] body) {
        return "input " + input + " (seed " + SEED + ") " + abbreviate(new String(body, StandardCharsets.ISO_8859_1));
    }

    static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "… (" + text.length() + " characters)";
    }
}
