package dev.openiam.identity.mfa;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.openiam.identity.Api;
import dev.openiam.identity.QueryApi;
import dev.openiam.identity.mfa.domain.MfaDeviceService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.xml.XmlPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Virtual MFA devices through the Query front door, as the AWS CLI drives them. */
@QuarkusTest
class MfaDeviceTest {

    @Inject
    Pool pool;

    @Inject
    MfaDeviceService devices;

    Api api;
    QueryApi iam;

    @BeforeEach
    void newAccount() {
        api = Api.fresh();
        iam = new QueryApi(api);
        api.post("users", "{\"userName\":\"alice\"}").statusCode(201);
    }

    /** Creates a device; answers its seed (base32). */
    String create(String name) {
        XmlPath created = iam.ok("CreateVirtualMFADevice", "VirtualMFADeviceName", name);
        return new String(Base64.getDecoder().decode(created.getString("VirtualMFADevice.Base32StringSeed")), StandardCharsets.US_ASCII);
    }

    String serial(String name) {
        return "arn:aws:iam::" + api.accountId() + ":mfa/" + name;
    }

    void enable(String user, String name, String seed) {
        iam.ok("EnableMFADevice", "UserName", user, "SerialNumber", serial(name),
                "AuthenticationCode1", Codes.at(seed, -1), "AuthenticationCode2", Codes.at(seed, 0));
    }

    @Test
    void theSeedAndItsQrCodeAreReturnedOnceAndTheSeedIsEncryptedAtRest() throws Exception {
        XmlPath created = iam.ok("CreateVirtualMFADevice", "VirtualMFADeviceName", "phone", "Path", "/team/",
                "Tags.member.1.Key", "owner", "Tags.member.1.Value", "alice");
        String serial = "arn:aws:iam::" + api.accountId() + ":mfa/team/phone";
        assertThat(created.getString("VirtualMFADevice.SerialNumber")).isEqualTo(serial);
        String seed = new String(Base64.getDecoder().decode(created.getString("VirtualMFADevice.Base32StringSeed")), StandardCharsets.US_ASCII);
        assertThat(seed).matches("[A-Z2-7]{64}");
        byte[] png = Base64.getDecoder().decode(created.getString("VirtualMFADevice.QRCodePNG"));
        assertThat(scan(png)).isEqualTo("otpauth://totp/openiam:phone@" + api.accountId() + "?secret=" + seed + "&issuer=openiam");

        Row row = pool.preparedQuery("select seed_ciphertext, kek_id from identity.mfa_devices where serial_number = $1")
                .execute(Tuple.of(serial)).await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertThat(new String(row.getBuffer("seed_ciphertext").getBytes(), StandardCharsets.ISO_8859_1)).doesNotContain(seed);
        assertThat(row.getString("kek_id")).isEqualTo("kek-1");

        String listed = iam.call("ListVirtualMFADevices").statusCode(200).extract().asString();
        assertThat(listed).contains(serial).contains("<Key>owner</Key>").doesNotContain("Base32StringSeed").doesNotContain(seed)
                .doesNotContain("QRCodePNG");
        long before = api.revision();
        assertThat(iam.error(409, "EntityAlreadyExists", "CreateVirtualMFADevice", "VirtualMFADeviceName", "PHONE", "Path", "/team/"))
                .isEqualTo("MFADevice entity at the same path and name already exists.");
        iam.error(400, "ValidationError", "CreateVirtualMFADevice", "VirtualMFADeviceName", "no spaces");
        iam.error(400, "ValidationError", "CreateVirtualMFADevice", "VirtualMFADeviceName", "x", "Path", "nope");
        assertThat(api.revision()).as("refused creations write nothing").isEqualTo(before + 1);
    }

    @Test
    void theQrCodeNamesTheAccountByItsAliasWhenItHasOne() throws Exception {
        String alias = "corp-" + api.accountId();
        iam.ok("CreateAccountAlias", "AccountAlias", alias);
        XmlPath created = iam.ok("CreateVirtualMFADevice", "VirtualMFADeviceName", "a@b");
        byte[] png = Base64.getDecoder().decode(created.getString("VirtualMFADevice.QRCodePNG"));
        String uri = scan(png);
        assertThat(uri).startsWith("otpauth://totp/openiam:a%40b@" + alias + "?secret=");
    }

    /**
     * Read as a pure code (what the PNG is): ZXing's camera finder misses about 1 in 120 perfect renders whose data looks
     * like a finder pattern, while every one decodes as a whole.
     */
    private static String scan(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    @Test
    void enablingTakesTwoConsecutiveCodesAndAnAssignedDeviceBlocksDeletes() {
        String seed = create("phone");
        String serial = serial("phone");
        long before = api.revision();
        String wrong = iam.error(403, "InvalidAuthenticationCode", "EnableMFADevice", "UserName", "alice", "SerialNumber", serial,
                "AuthenticationCode1", Codes.wrong(seed, -1), "AuthenticationCode2", Codes.at(seed, 0));
        assertThat(wrong).isEqualTo("Authentication code for device is not valid.");
        iam.error(403, "InvalidAuthenticationCode", "EnableMFADevice", "UserName", "alice", "SerialNumber", serial,
                "AuthenticationCode1", Codes.at(seed, 0), "AuthenticationCode2", Codes.at(seed, -1));
        iam.error(403, "InvalidAuthenticationCode", "EnableMFADevice", "UserName", "alice", "SerialNumber", serial,
                "AuthenticationCode1", Codes.at(seed, -5), "AuthenticationCode2", Codes.at(seed, -4));
        iam.error(400, "ValidationError", "EnableMFADevice", "UserName", "alice", "SerialNumber", serial,
                "AuthenticationCode1", "12345", "AuthenticationCode2", Codes.at(seed, 0));
        iam.error(404, "NoSuchEntity", "EnableMFADevice", "UserName", "bob", "SerialNumber", serial,
                "AuthenticationCode1", Codes.at(seed, -1), "AuthenticationCode2", Codes.at(seed, 0));
        iam.error(404, "NoSuchEntity", "EnableMFADevice", "UserName", "alice", "SerialNumber", serial("other"),
                "AuthenticationCode1", Codes.at(seed, -1), "AuthenticationCode2", Codes.at(seed, 0));
        assertThat(api.revision()).as("refused enables write nothing").isEqualTo(before + 1);

        enable("alice", "phone", seed);
        XmlPath listed = iam.ok("ListMFADevices", "UserName", "alice");
        assertThat(listed.getString("MFADevices.member.SerialNumber")).isEqualTo(serial);
        assertThat(listed.getString("MFADevices.member.UserName")).isEqualTo("alice");
        assertThat(iam.ok("GetMFADevice", "UserName", "alice", "SerialNumber", serial).getString("SerialNumber")).isEqualTo(serial);
        assertThat(iam.ok("ListVirtualMFADevices", "AssignmentStatus", "Assigned").getString("VirtualMFADevices.member.User.UserName"))
                .isEqualTo("alice");
        assertThat(iam.ok("ListVirtualMFADevices", "AssignmentStatus", "Unassigned").getList("VirtualMFADevices.member")).isEmpty();
        iam.error(400, "ValidationError", "ListVirtualMFADevices", "AssignmentStatus", "Some");

        api.post("users", "{\"userName\":\"bob\"}").statusCode(201);
        assertThat(iam.error(409, "EntityAlreadyExists", "EnableMFADevice", "UserName", "bob", "SerialNumber", serial,
                "AuthenticationCode1", Codes.at(seed, 0), "AuthenticationCode2", Codes.at(seed, 1))).isEqualTo("MFA Device is already in use.");
        assertThat(iam.error(409, "DeleteConflict", "DeleteUser", "UserName", "alice"))
                .isEqualTo("Cannot delete entity, must delete MFA device first.");
        assertThat(iam.error(409, "DeleteConflict", "DeleteVirtualMFADevice", "SerialNumber", serial))
                .isEqualTo("MFA VirtualDevice in use. Must deactivate first.");
        iam.error(404, "NoSuchEntity", "DeactivateMFADevice", "UserName", "bob", "SerialNumber", serial);
        iam.error(404, "NoSuchEntity", "GetMFADevice", "UserName", "bob", "SerialNumber", serial);

        iam.ok("DeactivateMFADevice", "UserName", "alice", "SerialNumber", serial);
        assertThat(iam.ok("ListMFADevices", "UserName", "alice").getList("MFADevices.member")).isEmpty();
        iam.ok("DeleteVirtualMFADevice", "SerialNumber", serial);
        iam.ok("DeleteUser", "UserName", "alice");
        iam.error(404, "NoSuchEntity", "DeleteVirtualMFADevice", "SerialNumber", serial);
    }

    @Test
    void theRootUserEnablesItsOwnDeviceAndTheCredentialReportSeesWhoHasOne() {
        String rootSeed = create("root-account-mfa-device");
        iam.ok("EnableMFADevice", "SerialNumber", serial("root-account-mfa-device"),
                "AuthenticationCode1", Codes.at(rootSeed, -1), "AuthenticationCode2", Codes.at(rootSeed, 0));
        assertThat(iam.ok("ListMFADevices").getString("MFADevices.member.SerialNumber")).isEqualTo(serial("root-account-mfa-device"));
        assertThat(iam.ok("ListVirtualMFADevices").getString("VirtualMFADevices.member.User.Arn"))
                .isEqualTo("arn:aws:iam::" + api.accountId() + ":root");
        String aliceSeed = create("alice-phone");
        enable("alice", "alice-phone", aliceSeed);
        create("spare");
        String aliceId = api.get("users/alice").statusCode(200).extract().path("userId");

        Set<String> active = withActiveMfa();
        assertThat(active).containsExactlyInAnyOrder(MfaDeviceService.ROOT, aliceId);
        assertThat(summary("AccountMFAEnabled")).isEqualTo(1);
        assertThat(summary("MFADevices")).isEqualTo(3);
        assertThat(summary("MFADevicesInUse")).isEqualTo(2);
        iam.ok("DeactivateMFADevice", "SerialNumber", serial("root-account-mfa-device"));
        assertThat(withActiveMfa()).containsExactly(aliceId);
        assertThat(summary("AccountMFAEnabled")).isZero();
    }

    @Test
    void aUserHasAtMostEightDevices() {
        for (int i = 1; i <= 8; i++) {
            enable("alice", "d" + i, create("d" + i));
        }
        String ninth = create("d9");
        assertThat(iam.error(409, "LimitExceeded", "EnableMFADevice", "UserName", "alice", "SerialNumber", serial("d9"),
                "AuthenticationCode1", Codes.at(ninth, -1), "AuthenticationCode2", Codes.at(ninth, 0)))
                .isEqualTo("Cannot exceed quota for MFADevicesPerUser: 8");
        XmlPath first = iam.ok("ListMFADevices", "UserName", "alice", "MaxItems", "3");
        assertThat(first.getList("MFADevices.member.SerialNumber")).containsExactly(serial("d1"), serial("d2"), serial("d3"));
        assertThat(first.getBoolean("IsTruncated")).isTrue();
        XmlPath rest = iam.ok("ListMFADevices", "UserName", "alice", "Marker", first.getString("Marker"));
        assertThat(rest.getList("MFADevices.member.SerialNumber")).hasSize(5);
    }

    @Test
    void devicesHaveTags() {
        create("phone");
        String serial = serial("phone");
        iam.ok("TagMFADevice", "SerialNumber", serial, "Tags.member.1.Key", "team", "Tags.member.1.Value", "core",
                "Tags.member.2.Key", "cost", "Tags.member.2.Value", "42");
        iam.ok("UntagMFADevice", "SerialNumber", serial, "TagKeys.member.1", "cost");
        assertThat(iam.ok("ListMFADeviceTags", "SerialNumber", serial).getList("Tags.member.Key")).containsExactly("team");
        iam.error(404, "NoSuchEntity", "TagMFADevice", "SerialNumber", serial("ghost"), "Tags.member.1.Key", "a", "Tags.member.1.Value", "b");
        iam.error(400, "ValidationError", "ListMFADeviceTags", "SerialNumber", "short");
    }

    private int summary(String key) {
        return iam.ok("GetAccountSummary").getInt("SummaryMap.entry.find { it.key == '" + key + "' }.value");
    }

    private Set<String> withActiveMfa() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> devices.withActiveMfa(api.accountId()));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
