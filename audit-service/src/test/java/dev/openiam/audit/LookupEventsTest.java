package dev.openiam.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.audit.event.persistence.EventStore;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditRecord;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LookupEvents over JSON 1.1, signed as the SDKs sign: each of the eight lookup attributes, paging, time ranges,
 * every error CloudTrail names, and only ever the caller's own account.
 */
@QuarkusTest
class LookupEventsTest {

    static final String ACCOUNT = Records.account();
    static final String OTHER = Records.account();
    static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    /** Account ACCOUNT's records, oldest first; newest first is how LookupEvents answers. */
    static final List<AuditRecord> RECORDS = List.of(
            Records.call(ACCOUNT, "alice", "AKIAALICE1", "CreateUser", "bob", T0.plusSeconds(1), false),
            Records.call(ACCOUNT, "alice", "AKIAALICE1", "GetUser", "bob", T0.plusSeconds(2), true),
            Records.call(ACCOUNT, "carol", "AKIACAROL1", "DeleteUser", "dave", T0.plusSeconds(3), false),
            sts(Records.call(ACCOUNT, "carol", "AKIACAROL1", "GetCallerIdentity", "x", T0.plusSeconds(4), true)),
            root(Records.call(ACCOUNT, "root", "AKIAROOT01", "CreateAccountAlias", "x", T0.plusSeconds(5), false)),
            Records.call(ACCOUNT, "alice", "AKIAALICE2", "GetUser", "erin", T0.plusSeconds(5), true));
    static final AuditRecord OTHERS = Records.call(OTHER, "mallory", "AKIAMALLORY", "CreateUser", "bob", T0.plusSeconds(2), false);
    static volatile boolean stored;

    @Inject
    EventStore store;

    @Inject
    TestCallers callers;

    @TestHTTPResource("/")
    URI endpoint;

    CloudTrailCalls cloudTrail;
    TestCallers.Key reader;

    @BeforeEach
    void setUp() {
        if (!stored) {
            List<AuditRecord> all = new ArrayList<>(RECORDS);
            all.add(OTHERS);
            store.store(all).await().indefinitely();
            stored = true;
        }
        cloudTrail = new CloudTrailCalls(endpoint);
        reader = callers.user(ACCOUNT, "auditor", true);
    }

    @Test
    void withoutAttributesEveryRecordOfTheAccountNewestFirst() throws Exception {
        CloudTrailCalls.Answer answer = lookup("{" + RANGE + "}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer)).containsExactly(newestFirst(RECORDS));
        JsonNode createUser = event(answer, RECORDS.get(0));
        assertThat(createUser.path("EventName").asText()).isEqualTo("CreateUser");
        assertThat(createUser.path("ReadOnly").asText()).isEqualTo("false");
        assertThat(createUser.path("AccessKeyId").asText()).isEqualTo("AKIAALICE1");
        assertThat(createUser.path("EventTime").asLong()).isEqualTo(T0.plusSeconds(1).getEpochSecond());
        assertThat(createUser.path("EventSource").asText()).isEqualTo("iam.amazonaws.com");
        assertThat(createUser.path("Username").asText()).isEqualTo("alice");
        assertThat(createUser.path("Resources").get(0).path("ResourceType").asText()).isEqualTo("AWS::IAM::User");
        assertThat(createUser.path("Resources").get(0).path("ResourceName").asText()).isEqualTo("bob");
        assertThat(AuditCodec.fromJson(createUser.path("CloudTrailEvent").asText())).isEqualTo(RECORDS.get(0));
        assertThat(callers.asked()).contains(reader.caller().arn() + " cloudtrail:LookupEvents");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "EventName,     CreateUser,            0",
            "EventName,     GetUser,               1 5",
            "ReadOnly,      true,                  1 3 5",
            "ReadOnly,      false,                 0 2 4",
            "Username,      carol,                 2 3",
            "Username,      root,                  4",
            "ResourceType,  AWS::IAM::User,        0 1 2 5",
            "ResourceName,  bob,                   0 1",
            "EventSource,   sts.amazonaws.com,     3",
            "AccessKeyId,   AKIAALICE2,            5",
            "AccessKeyId,   AKIAMALLORY,           ''",
            "EventId,       not-an-event-id,       ''"})
    void eachAttributeMatchesItsRecordsOnly(String key, String value, String expected) throws Exception {
        CloudTrailCalls.Answer answer = lookup(attribute(key, value));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer)).containsExactly(newestFirst(pick(expected)));
    }

    @Test
    void eventIdAndAResourcesArnFindTheirRecord() throws Exception {
        AuditRecord deleteUser = RECORDS.get(2);

        assertThat(ids(lookup(attribute("EventId", deleteUser.eventID().toString())))).containsExactly(deleteUser.eventID().toString());
        assertThat(ids(lookup(attribute("ResourceName", "arn:aws:iam::" + ACCOUNT + ":user/dave"))))
                .containsExactly(deleteUser.eventID().toString());
        // another account's event, by its id: not found
        assertThat(ids(lookup(attribute("EventId", OTHERS.eventID().toString())))).isEmpty();
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() throws Exception {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            CloudTrailCalls.Answer page = lookup("{" + RANGE + ",\"MaxResults\":4" + (token == null ? "" : ",\"NextToken\":\"" + token + "\"") + "}");
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(ids(page));
            token = page.body().path("NextToken").isMissingNode() ? null : page.body().path("NextToken").asText();
            pages++;
        } while (token != null && pages < 10);

        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactly(newestFirst(RECORDS));
    }

    @Test
    void aTokenOnlyServesTheLookupItCameFrom() throws Exception {
        String token = lookup("{" + RANGE + ",\"MaxResults\":1}").body().path("NextToken").asText();
        assertThat(token).isNotEmpty();

        assertThat(lookup("{" + RANGE + ",\"MaxResults\":1,\"NextToken\":\"" + token + "\"}").status()).isEqualTo(200);
        CloudTrailCalls.Answer other = lookup("{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"GetUser\"}],"
                + RANGE + ",\"NextToken\":\"" + token + "\"}");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.type()).isEqualTo("InvalidNextTokenException");
        // another account cannot use it either
        TestCallers.Key stranger = callers.user(OTHER, "stranger", true);
        CloudTrailCalls.Answer elsewhere = cloudTrail.call(stranger, "LookupEvents", "{" + RANGE + ",\"MaxResults\":1,\"NextToken\":\"" + token + "\"}");
        assertThat(elsewhere.type()).isEqualTo("InvalidNextTokenException");
    }

    @Test
    void aTimeRangeIsInclusiveAtBothEnds() throws Exception {
        CloudTrailCalls.Answer answer = lookup("{\"StartTime\":" + T0.plusSeconds(2).getEpochSecond() + ",\"EndTime\":"
                + T0.plusSeconds(4).getEpochSecond() + "}");

        assertThat(ids(answer)).containsExactly(newestFirst(pick("1 2 3")));
    }

    @Test
    void anotherAccountSeesOnlyItsOwn() throws Exception {
        TestCallers.Key mallory = callers.user(OTHER, "mallory", true);

        CloudTrailCalls.Answer answer = cloudTrail.call(mallory, "LookupEvents", attribute("EventName", "CreateUser"));

        assertThat(ids(answer)).containsExactly(OTHERS.eventID().toString());
    }

    @Test
    void insightEventsAreNone() throws Exception {
        CloudTrailCalls.Answer answer = lookup("{" + RANGE + ",\"EventCategory\":\"insight\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer)).isEmpty();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"a\"},{\"AttributeKey\":\"Username\",\"AttributeValue\":\"b\"}]} | InvalidLookupAttributesException",
            "{\"LookupAttributes\":[{\"AttributeKey\":\"UserName\",\"AttributeValue\":\"alice\"}]}  | InvalidLookupAttributesException",
            "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"\"}]}      | InvalidLookupAttributesException",
            "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\"}]}                              | InvalidLookupAttributesException",
            "{\"LookupAttributes\":[{\"AttributeKey\":\"ReadOnly\",\"AttributeValue\":\"maybe\"}]}  | InvalidLookupAttributesException",
            "{\"StartTime\":1733400100,\"EndTime\":1733400000}                                      | InvalidTimeRangeException",
            "{\"StartTime\":-99999999999999}                                                      | InvalidTimeRangeException",
            "{\"EndTime\":99999999999999}                                                         | InvalidTimeRangeException",
            "{\"LookupAttributes\":[{\"AttributeKey\":\"Username\",\"AttributeValue\":\"a\\u0000b\"}]} | InvalidLookupAttributesException",
            "{\"MaxResults\":0}                                                                     | InvalidMaxResultsException",
            "{\"MaxResults\":51}                                                                    | InvalidMaxResultsException",
            "{\"EventCategory\":\"management\"}                                                     | InvalidEventCategoryException",
            "{\"NextToken\":\"bm90IGEgdG9rZW4\"}                                                    | InvalidNextTokenException",
            "{\"MaxResults\":\"5\"}                                                                 | SerializationException",
            "[1]                                                                                    | SerializationException"})
    void aBadInputIsCloudTrailsError(String body, String type) throws Exception {
        CloudTrailCalls.Answer answer = lookup(body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo(type);
        assertThat(answer.body().path("message").asText()).isNotBlank().doesNotContain("dev.openiam").doesNotContain("java.");
    }

    @Test
    void anOperationCloudTrailLacksHereIsUnknown() throws Exception {
        assertThat(cloudTrail.call(reader, "CreateTrail", "{}").type()).isEqualTo("UnknownOperationException");
        String target = "DynamoDB_20120810.ListTables";
        assertThat(cloudTrail.send(target, "{}", cloudTrail.sign(reader, target, "{}", "cloudtrail")).type())
                .isEqualTo("UnknownOperationException");
    }

    @Test
    void aCallerMustBeAuthenticatedAndAllowed() throws Exception {
        TestCallers.Key unknown = new TestCallers.Key("AKIANOBODY", "nobody's secret", reader.caller());
        CloudTrailCalls.Answer unrecognized = cloudTrail.call(unknown, "LookupEvents", "{}");
        assertThat(unrecognized.status()).isEqualTo(403);
        assertThat(unrecognized.type()).isEqualTo("UnrecognizedClientException");

        String target = CloudTrailCalls.PREFIX + "LookupEvents";
        CloudTrailCalls.Answer wrongService = cloudTrail.send(target, "{}", cloudTrail.sign(reader, target, "{}", "iam"));
        assertThat(wrongService.status()).isEqualTo(403);
        assertThat(wrongService.type()).isEqualTo("InvalidSignatureException");

        CloudTrailCalls.Answer tampered = cloudTrail.send(target, "{\"MaxResults\":1}", cloudTrail.sign(reader, target, "{}", "cloudtrail"));
        assertThat(tampered.type()).isEqualTo("InvalidSignatureException");

        CloudTrailCalls.Answer unsigned = cloudTrail.send(target, "{}", Map.of("Content-Type", List.of("application/x-amz-json-1.1")));
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.type()).isEqualTo("MissingAuthenticationTokenException");

        TestCallers.Key denied = callers.user(ACCOUNT, "intern", false);
        CloudTrailCalls.Answer refused = cloudTrail.call(denied, "LookupEvents", "{}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.type()).isEqualTo("AccessDeniedException");
        assertThat(refused.body().path("message").asText()).contains("not authorized to perform: cloudtrail:LookupEvents");
        // a denied caller learns nothing of the input's faults either
        assertThat(cloudTrail.call(denied, "LookupEvents", "{\"MaxResults\":0}").type()).isEqualTo("AccessDeniedException");
    }

    @Test
    void listPublicKeysHasNoKeysYetAndChecksItsInput() throws Exception {
        CloudTrailCalls.Answer keys = cloudTrail.call(reader, "ListPublicKeys", "{}");
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.body().path("PublicKeyList").isArray()).isTrue();
        assertThat(keys.body().path("PublicKeyList")).isEmpty();
        assertThat(callers.asked()).contains(reader.caller().arn() + " cloudtrail:ListPublicKeys");

        assertThat(cloudTrail.call(reader, "ListPublicKeys", "{\"StartTime\":2,\"EndTime\":1}").type()).isEqualTo("InvalidTimeRangeException");
        assertThat(cloudTrail.call(reader, "ListPublicKeys", "{\"NextToken\":\"x\"}").type()).isEqualTo("InvalidTokenException");
        assertThat(cloudTrail.call(reader, "ListPublicKeys", "{\"StartTime\":-99999999999999}").type()).isEqualTo("InvalidTimeRangeException");
    }

    // --- helpers

    /** The time range of this class's records, so that other tests' records of the same account cannot interfere. */
    static final String RANGE = "\"StartTime\":" + T0.getEpochSecond() + ",\"EndTime\":" + T0.plusSeconds(10).getEpochSecond();

    private CloudTrailCalls.Answer lookup(String body) throws Exception {
        return cloudTrail.call(reader, "LookupEvents", body);
    }

    private static String attribute(String key, String value) {
        return "{\"LookupAttributes\":[{\"AttributeKey\":\"" + key + "\",\"AttributeValue\":\"" + value + "\"}]," + RANGE + "}";
    }

    private static List<String> ids(CloudTrailCalls.Answer answer) {
        return StreamSupport.stream(answer.body().path("Events").spliterator(), false).map(e -> e.path("EventId").asText()).toList();
    }

    private static JsonNode event(CloudTrailCalls.Answer answer, AuditRecord record) {
        return StreamSupport.stream(answer.body().path("Events").spliterator(), false)
                .filter(e -> e.path("EventId").asText().equals(record.eventID().toString())).findFirst().orElseThrow();
    }

    /** Records by their positions in RECORDS, e.g. {@code "1 3"}. */
    private static List<AuditRecord> pick(String positions) {
        return positions.isBlank() ? List.of()
                : java.util.Arrays.stream(positions.trim().split(" ")).map(p -> RECORDS.get(Integer.parseInt(p))).toList();
    }

    /**
     * Their event ids in LookupEvents' order: newest first, and by event id (descending) within a second, compared as
     * PostgreSQL compares uuids (byte by byte, as their text sorts; Java's UUID.compareTo compares signed longs).
     */
    private static String[] newestFirst(List<AuditRecord> records) {
        return records.stream()
                .sorted(java.util.Comparator.comparing(AuditRecord::eventTime).thenComparing(r -> r.eventID().toString()).reversed())
                .map(r -> r.eventID().toString()).toArray(String[]::new);
    }

    private static AuditRecord sts(AuditRecord record) {
        return new AuditRecord(null, record.userIdentity(), record.eventTime(), "sts.amazonaws.com", record.eventName(), record.awsRegion(),
                record.sourceIPAddress(), record.userAgent(), null, null, null, null, record.requestID(), record.eventID(), true,
                List.of(), null, true, record.recipientAccountId(), null);
    }

    private static AuditRecord root(AuditRecord record) {
        return new AuditRecord(null, AuditRecord.UserIdentity.root(record.recipientAccountId(), "AKIAROOT01"), record.eventTime(),
                record.eventSource(), record.eventName(), record.awsRegion(), record.sourceIPAddress(), record.userAgent(), null, null,
                null, null, record.requestID(), record.eventID(), false, List.of(), null, true, record.recipientAccountId(), null);
    }
}
