package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.openiam.e2e.IamErrors.assertError;

/**
 * Virtual MFA with the unchanged AWS SDK for Java v2 and AWS CLI v2: devices, their QR codes, codes computed from
 * the seed as an authenticator app does, and the MFA condition keys of long-term-key calls. No seed reaches a log.
 */
@ExtendWith(LocalSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MfaE2ETest {

    /** Every seed the tests saw; none may appear in a log line. */
    static final Set<String> SEEDS = ConcurrentHashMap.newKeySet();

    static IamClient root;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void client() {
        root = Clients.root();
    }

    @AfterAll
    static void close() {
        root.close();
    }

    VirtualMFADevice create(String name) {
        VirtualMFADevice device = root.createVirtualMFADevice(b -> b.virtualMFADeviceName(name)).virtualMFADevice();
        SEEDS.add(device.base32StringSeed().asUtf8String());
        return device;
    }

    @Test
    @Order(1)
    void theSdkCreatesAndEnablesADeviceAndWrongStaleAndReplayedCodesAreRefused() {
        String user = "mfa-" + run;
        root.createUser(b -> b.userName(user));
        VirtualMFADevice device = root.createVirtualMFADevice(b -> b.virtualMFADeviceName("phone-" + run)
                .tags(t -> t.key("owner").value(user))).virtualMFADevice();
        String seed = device.base32StringSeed().asUtf8String();
        SEEDS.add(seed);
        String serial = device.serialNumber();
        String account = LocalSystem.get().accountId();
        assertThat(serial).isEqualTo("arn:aws:iam::" + account + ":mfa/phone-" + run);
        assertThat(Authenticator.scan(device.qrCodePNG().asByteArray()))
                .isEqualTo("otpauth://totp/openiam:phone-" + run + "@" + account + "?secret=" + seed + "&issuer=openiam");

        assertError(() -> root.enableMFADevice(b -> b.userName(user).serialNumber(serial)
                .authenticationCode1(Authenticator.wrong(seed, -1)).authenticationCode2(Authenticator.code(seed, 0))),
                403, "InvalidAuthenticationCode");
        assertError(() -> root.enableMFADevice(b -> b.userName(user).serialNumber(serial)
                .authenticationCode1(Authenticator.code(seed, -6)).authenticationCode2(Authenticator.code(seed, -5))),
                403, "InvalidAuthenticationCode");
        String code1 = Authenticator.code(seed, -1);
        String code2 = Authenticator.code(seed, 0);
        root.enableMFADevice(b -> b.userName(user).serialNumber(serial).authenticationCode1(code1).authenticationCode2(code2));
        // the same two codes again: already used
        assertError(() -> root.resyncMFADevice(b -> b.userName(user).serialNumber(serial).authenticationCode1(code1)
                .authenticationCode2(code2)), 403, "InvalidAuthenticationCode");

        assertThat(root.listMFADevices(b -> b.userName(user)).mfaDevices()).singleElement()
                .satisfies(d -> assertThat(d.serialNumber()).isEqualTo(serial)).satisfies(d -> assertThat(d.userName()).isEqualTo(user));
        var got = root.getMFADevice(b -> b.userName(user).serialNumber(serial));
        assertThat(got.serialNumber()).isEqualTo(serial);
        assertThat(got.enableDate()).isNotNull();
        assertThat(root.listVirtualMFADevices(b -> b.assignmentStatus(AssignmentStatusType.ASSIGNED)).virtualMFADevices())
                .anySatisfy(d -> {
                    assertThat(d.serialNumber()).isEqualTo(serial);
                    assertThat(d.user().userName()).isEqualTo(user);
                    assertThat(d.base32StringSeed()).isNull();
                });
        assertThat(root.listMFADeviceTags(b -> b.serialNumber(serial)).tags()).singleElement()
                .satisfies(t -> assertThat(t.value()).isEqualTo(user));

        assertError(() -> root.deleteUser(b -> b.userName(user)), 409, "DeleteConflict");
        assertError(() -> root.deleteVirtualMFADevice(b -> b.serialNumber(serial)), 409, "DeleteConflict");
        root.deactivateMFADevice(b -> b.userName(user).serialNumber(serial));
        root.deleteVirtualMFADevice(b -> b.serialNumber(serial));
        root.deleteUser(b -> b.userName(user));
        assertError(() -> root.getMFADevice(b -> b.serialNumber(serial)), 404, "NoSuchEntity");
    }

    @Test
    @Order(2)
    void theRootUserEnablesItsOwnDeviceWithoutAUserName() {
        VirtualMFADevice device = create("root-" + run);
        String seed = device.base32StringSeed().asUtf8String();
        root.enableMFADevice(b -> b.serialNumber(device.serialNumber())
                .authenticationCode1(Authenticator.code(seed, -1)).authenticationCode2(Authenticator.code(seed, 0)));
        assertThat(root.listMFADevices().mfaDevices()).extracting(d -> d.serialNumber()).contains(device.serialNumber());
        root.deactivateMFADevice(b -> b.serialNumber(device.serialNumber()));
        root.deleteVirtualMFADevice(b -> b.serialNumber(device.serialNumber()));
    }

    @Test
    @Order(3)
    void theAwsCliWritesAQrCodePngThatDecodesToTheOtpauthUri() throws Exception {
        RequiredClients.awsCliV2();
        Path dir = Files.createDirectories(Path.of("target/mfa-" + run)).toAbsolutePath();
        Path png = dir.resolve("qr.png");
        String serial = AwsCli.iam("create-virtual-mfa-device", "--virtual-mfa-device-name", "cli-" + run,
                "--bootstrap-method", "QRCodePNG", "--outfile", png.toString(), "--query", "VirtualMFADevice.SerialNumber",
                "--output", "text").strip();
        String uri = Authenticator.scan(Files.readAllBytes(png));
        assertThat(uri).startsWith("otpauth://totp/openiam:cli-" + run + "@");
        String seed = Authenticator.seedOf(uri);
        SEEDS.add(seed);

        String user = "cli-" + run;
        AwsCli.iam("create-user", "--user-name", user);
        AwsCli.iam("enable-mfa-device", "--user-name", user, "--serial-number", serial,
                "--authentication-code1", Authenticator.code(seed, -1), "--authentication-code2", Authenticator.code(seed, 0));
        assertThat(AwsCli.iam("list-mfa-devices", "--user-name", user, "--query", "MFADevices[0].SerialNumber", "--output", "text"))
                .isEqualToIgnoringWhitespace(serial);

        Path seedFile = dir.resolve("seed.txt");
        AwsCli.iam("create-virtual-mfa-device", "--virtual-mfa-device-name", "cli2-" + run,
                "--bootstrap-method", "Base32StringSeed", "--outfile", seedFile.toString());
        String written = Files.readString(seedFile).strip();
        SEEDS.add(written);
        assertThat(written).matches("[A-Z2-7]{64}");
    }

    @Test
    @Order(4)
    void longTermKeysCarryNoMfaKeysSoBoolTrueNeverMatchesAndBoolIfExistsFalseAlwaysDoes() {
        String user = "nomfa-" + run;
        root.createUser(b -> b.userName(user));
        AccessKey key = root.createAccessKey(b -> b.userName(user)).accessKey();
        try (IamClient client = Clients.iam(key.accessKeyId(), key.secretAccessKey())) {
            // allowed only with MFA: a long-term key has none, so no Allow
            root.putUserPolicy(b -> b.userName(user).policyName("p").policyDocument(statements(
                    "{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\","
                            + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}")));
            assertError(() -> client.getUser(b -> b.userName(user)), 403, "AccessDenied");
            // denied when the key says false: absent is not false, so the Allow stands
            root.putUserPolicy(b -> b.userName(user).policyName("p").policyDocument(statements(ALLOW_GET_USER,
                    "{\"Effect\":\"Deny\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\","
                            + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}")));
            assertThat(client.getUser(b -> b.userName(user)).user().userName()).isEqualTo(user);
            // AWS's pattern to require MFA: BoolIfExists false also denies when the key is absent
            root.putUserPolicy(b -> b.userName(user).policyName("p").policyDocument(statements(ALLOW_GET_USER,
                    "{\"Effect\":\"Deny\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\","
                            + "\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}")));
            assertError(() -> client.getUser(b -> b.userName(user)), 403, "AccessDenied");
        }
    }

    /**
     * AWS's documented policy for users who manage their own MFA device: with a long-term key (no MFA), a user may
     * create a device and enable it for itself, and nothing else — not for another user, not ListUsers.
     */
    @Test
    @Order(5)
    void aUserManagesItsOwnDeviceUnderAwssSelfServicePolicy() {
        String user = "self-" + run;
        root.createUser(b -> b.userName(user));
        root.createUser(b -> b.userName("other-" + run));
        AccessKey key = root.createAccessKey(b -> b.userName(user)).accessKey();
        root.putUserPolicy(b -> b.userName(user).policyName("own-mfa").policyDocument(statements(
                "{\"Effect\":\"Allow\",\"Action\":\"iam:CreateVirtualMFADevice\",\"Resource\":\"arn:aws:iam::*:mfa/*\"}",
                "{\"Effect\":\"Allow\",\"Action\":[\"iam:EnableMFADevice\",\"iam:ListMFADevices\",\"iam:GetUser\"],"
                        + "\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"}",
                "{\"Effect\":\"Deny\",\"NotAction\":[\"iam:CreateVirtualMFADevice\",\"iam:EnableMFADevice\",\"iam:GetUser\","
                        + "\"iam:ListMFADevices\",\"sts:GetSessionToken\"],\"Resource\":\"*\","
                        + "\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}")));
        try (IamClient self = Clients.iam(key.accessKeyId(), key.secretAccessKey())) {
            VirtualMFADevice device = self.createVirtualMFADevice(b -> b.virtualMFADeviceName(user)).virtualMFADevice();
            String seed = device.base32StringSeed().asUtf8String();
            SEEDS.add(seed);
            assertError(() -> self.enableMFADevice(b -> b.userName("other-" + run).serialNumber(device.serialNumber())
                    .authenticationCode1(Authenticator.code(seed, -1)).authenticationCode2(Authenticator.code(seed, 0))),
                    403, "AccessDenied");
            self.enableMFADevice(b -> b.serialNumber(device.serialNumber())
                    .authenticationCode1(Authenticator.code(seed, -1)).authenticationCode2(Authenticator.code(seed, 0)));
            assertThat(self.listMFADevices().mfaDevices()).extracting(d -> d.serialNumber()).containsExactly(device.serialNumber());
            assertError(self::listUsers, 403, "AccessDenied");
        }
    }

    @Test
    @Order(6)
    void boto3EnablesADeviceWithPyotpCodes() throws Exception {
        RequiredClients.boto3();
        RequiredClients.pyotp();
        assertThat(AwsCliE2ETest.run(List.of(RequiredClients.PYTHON.toString(),
                Path.of("src/test/scripts/boto3_mfa.py").toAbsolutePath().toString()))).contains("boto3 mfa: ok");
    }

    static final String ALLOW_GET_USER = "{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}";

    static String statements(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    @Test
    @Order(7)
    void noSeedAppearsInAnyLogLine() throws IOException {
        create("logged-" + run);
        assertThat(SEEDS).isNotEmpty();
        List<Path> logs;
        try (Stream<Path> files = Files.list(LocalSystem.get().logsDir())) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            String text = new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String seed : SEEDS) {
                assertThat(text).as("%s holds no MFA seed", log.getFileName()).doesNotContain(seed);
            }
        }
    }
}
