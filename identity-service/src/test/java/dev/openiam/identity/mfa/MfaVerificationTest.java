package dev.openiam.identity.mfa;

import dev.openiam.identity.Api;
import dev.openiam.identity.QueryApi;
import dev.openiam.identity.auth.PeerServices;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.model.event.EventCodec;
import dev.openiam.model.event.EventEnvelope;
import dev.openiam.model.event.IdentityEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The one MFA check sts-service and the console will call, its single-use codes, resync, and what the events carry. */
@QuarkusTest
class MfaVerificationTest {

    static final String PATH = "/internal/v1/verify-mfa";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    Api api;
    QueryApi iam;
    String seed;
    String serial;

    @BeforeEach
    void aliceHasAnEnabledDevice() {
        api = Api.fresh();
        iam = new QueryApi(api);
        api.post("users", "{\"userName\":\"alice\"}").statusCode(201);
        seed = new String(Base64.getDecoder().decode(iam.ok("CreateVirtualMFADevice", "VirtualMFADeviceName", "alice")
                .getString("VirtualMFADevice.Base32StringSeed")), StandardCharsets.US_ASCII);
        serial = "arn:aws:iam::" + api.accountId() + ":mfa/alice";
        iam.ok("EnableMFADevice", "UserName", "alice", "SerialNumber", serial,
                "AuthenticationCode1", Codes.at(seed, -1), "AuthenticationCode2", Codes.at(seed, 0));
    }

    static byte[] body(String accountId, String serialNumber, String code) {
        return ("{\"accountId\":\"" + accountId + "\",\"serialNumber\":\"" + serialNumber + "\",\"tokenCode\":\"" + code + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static ValidatableResponse verify(ServiceKey service, byte[] body) {
        return RestAssured.given().contentType(ContentType.JSON).body(body)
                .header("Authorization", "Bearer " + PeerServices.token(service, Purpose.VERIFY_MFA, "POST", PATH, body))
                .post(PATH).then();
    }

    @Test
    void aSignInNamesTheDeviceWhoseCodeMustFollow() {
        iam.ok("CreateLoginProfile", "UserName", "alice", "Password", "Alice-pass-1");
        String path = "/internal/v1/sign-in";
        byte[] body = ("{\"account\":\"" + api.accountId() + "\",\"userName\":\"alice\",\"password\":\"Alice-pass-1\"}")
                .getBytes(StandardCharsets.UTF_8);
        RestAssured.given().contentType(ContentType.JSON).body(body)
                .header("Authorization", "Bearer " + PeerServices.token(PeerServices.STS, Purpose.SIGN_IN, "POST", path, body))
                .post(path).then().statusCode(200).body("mfaSerial", org.hamcrest.Matchers.equalTo(serial));
    }

    @Test
    void aCodeIsAcceptedOnceAndNamesWhoTheDeviceBelongsTo() {
        // the codes of enabling are spent: the next step's code is the first one a sign-in may use
        Api.error(verify(PeerServices.STS, body(api.accountId(), serial, Codes.at(seed, 0))), 403, "InvalidAuthenticationCode");
        String next = Codes.at(seed, 1);
        verify(PeerServices.STS, body(api.accountId(), serial, next)).statusCode(200)
                .body("userName", equalTo("alice")).body("root", equalTo(false))
                .body("arn", equalTo("arn:aws:iam::" + api.accountId() + ":user/alice")).body("serialNumber", equalTo(serial));
        Api.error(verify(PeerServices.STS, body(api.accountId(), serial, next)), 403, "InvalidAuthenticationCode")
                .body("detail", equalTo("Authentication code for device is not valid."));
        Api.error(verify(PeerServices.STS, body(api.accountId(), serial, Codes.at(seed, -3))), 403, "InvalidAuthenticationCode");
        Api.error(verify(PeerServices.STS, body(api.accountId(), serial, Codes.wrong(seed, 1))), 403, "InvalidAuthenticationCode");
        // another account's device, or one that does not exist, is the same answer
        Api.error(verify(PeerServices.STS, body(Api.BOOTSTRAP.accountId(), serial, Codes.at(seed, 1))), 403, "InvalidAuthenticationCode");
        Api.error(verify(PeerServices.STS, body(api.accountId(), serial + "x", Codes.at(seed, 1))), 403, "InvalidAuthenticationCode");
        Api.error(verify(PeerServices.STS, body(api.accountId(), serial, "12ab56")), 400, "ValidationError");
    }

    @Test
    void onlyAServiceAllowedToVerifyMayAsk() {
        byte[] body = body(api.accountId(), serial, Codes.at(seed, 1));
        Api.error(verify(PeerServices.POLICY, body), 403, "AccessDenied");
        Api.error(RestAssured.given().contentType(ContentType.JSON).body(body)
                .header("Authorization", "Bearer " + PeerServices.token(PeerServices.STS, Purpose.AUTHENTICATE, "POST", PATH, body))
                .post(PATH).then(), 403, "AccessDenied");
        Api.error(RestAssured.given().contentType(ContentType.JSON).body(body).post(PATH).then(), 403, "AccessDenied");
        // none of these spent the code
        verify(PeerServices.STS, body).statusCode(200);
    }

    @Test
    void resyncMeasuresTheDevicesDriftAndCodesFollowIt() {
        // the phone's clock runs five minutes ahead
        iam.error(403, "InvalidAuthenticationCode", "ResyncMFADevice", "UserName", "alice", "SerialNumber", serial,
                "AuthenticationCode1", Codes.at(seed, 11), "AuthenticationCode2", Codes.at(seed, 10));
        iam.ok("ResyncMFADevice", "UserName", "alice", "SerialNumber", serial,
                "AuthenticationCode1", Codes.at(seed, 10), "AuthenticationCode2", Codes.at(seed, 11));
        Api.error(verify(PeerServices.STS, body(api.accountId(), serial, Codes.at(seed, 1))), 403, "InvalidAuthenticationCode");
        verify(PeerServices.STS, body(api.accountId(), serial, Codes.at(seed, 12))).statusCode(200);
        iam.error(404, "NoSuchEntity", "ResyncMFADevice", "UserName", "alice", "SerialNumber", serial + "x",
                "AuthenticationCode1", Codes.at(seed, 12), "AuthenticationCode2", Codes.at(seed, 13));
    }

    @Test
    void theRootUsersDeviceVerifiesAsRoot() {
        String rootSeed = new String(Base64.getDecoder().decode(iam.ok("CreateVirtualMFADevice", "VirtualMFADeviceName", "root")
                .getString("VirtualMFADevice.Base32StringSeed")), StandardCharsets.US_ASCII);
        String rootSerial = "arn:aws:iam::" + api.accountId() + ":mfa/root";
        iam.ok("EnableMFADevice", "SerialNumber", rootSerial,
                "AuthenticationCode1", Codes.at(rootSeed, -1), "AuthenticationCode2", Codes.at(rootSeed, 0));
        verify(PeerServices.STS, body(api.accountId(), rootSerial, Codes.at(rootSeed, 1))).statusCode(200)
                .body("root", equalTo(true)).body("userName", nullValue())
                .body("arn", equalTo("arn:aws:iam::" + api.accountId() + ":root"));
    }

    @Test
    void eventsTellWhatChangedAndNeverCarryTheSeed() {
        iam.ok("DeactivateMFADevice", "UserName", "alice", "SerialNumber", serial);
        iam.ok("DeleteVirtualMFADevice", "SerialNumber", serial);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "mfa-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(IdentityEvent.TOPIC));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(api.accountId())) {
                        records.add(record);
                    }
                });
                return records.stream().anyMatch(r -> r.value().contains("VirtualMfaDeviceDeleted"));
            });
        }
        assertThat(records).extracting(r -> EventCodec.decode(r.value())).extracting(EventEnvelope::type)
                .containsSubsequence("VirtualMfaDeviceCreated", "MfaDeviceEnabled", "MfaDeviceDeactivated", "VirtualMfaDeviceDeleted");
        assertThat(records).allSatisfy(r -> assertThat(r.value()).doesNotContain(seed).doesNotContainIgnoringCase("seed"));
    }
}
