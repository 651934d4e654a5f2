package dev.openiam.e2e;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.openiam.e2e.PasswordsE2ETest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Access-key last use and the credential report through the unchanged SDK v2, in an account of their own: calls with
 * each key show in GetAccessKeyLastUsed and in the report, which is parsed with a CSV parser and checked row by row.
 */
@ExtendWith(LocalSystem.class)
class CredentialReportE2ETest {

    @Test
    void lastUseOfEachKeyAndTheReportRowByRow() throws Exception {
        FreshAccount account = FreshAccount.create();
        try (IamClient root = account.root()) {
            error(root::getCredentialReport, 410, "ReportNotPresent");

            root.createUser(b -> b.userName("bare"));
            root.createUser(b -> b.userName("console"));
            root.createLoginProfile(b -> b.userName("console").password("Console-pass-1"));
            root.createUser(b -> b.userName("keys"));
            AccessKey used = root.createAccessKey(b -> b.userName("keys")).accessKey();
            AccessKey unused = root.createAccessKey(b -> b.userName("keys")).accessKey();
            root.updateAccessKey(b -> b.userName("keys").accessKeyId(unused.accessKeyId()).status(StatusType.INACTIVE));
            // an MFA device for the console user and one for root
            for (String owner : new String[]{"console", null}) {
                VirtualMFADevice device = root.createVirtualMFADevice(b -> b.virtualMFADeviceName("phone-" + (owner == null ? "root" : owner))).virtualMFADevice();
                String seed = device.base32StringSeed().asUtf8String();
                root.enableMFADevice(b -> b.userName(owner).serialNumber(device.serialNumber())
                        .authenticationCode1(Authenticator.code(seed, -1)).authenticationCode2(Authenticator.code(seed, 0)));
            }
            Instant before = Instant.now().minusSeconds(1);
            try (IamClient keys = Clients.iam(used.accessKeyId(), used.secretAccessKey())) {
                // denied by policy (it has none), yet the key was used: AWS records it too
                error(() -> keys.listUsers(), 403, "AccessDenied");
            }
            AccessKeyLastUsed never = root.getAccessKeyLastUsed(b -> b.accessKeyId(unused.accessKeyId())).accessKeyLastUsed();
            assertThat(never.lastUsedDate()).isNull();
            assertThat(never.serviceName()).isEqualTo("N/A");
            assertThat(never.region()).isEqualTo("N/A");
            // written off the request path, within a flush interval
            AccessKeyLastUsed last = await("the use is recorded").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> root.getAccessKeyLastUsed(b -> b.accessKeyId(used.accessKeyId())).accessKeyLastUsed(),
                            lu -> lu.lastUsedDate() != null);
            assertThat(last.lastUsedDate()).isAfter(before);
            assertThat(last.serviceName()).isEqualTo("iam");
            assertThat(last.region()).isEqualTo("us-east-1");
            String rootKey = account.accessKeyId();
            await("the root key's use is recorded").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> root.getAccessKeyLastUsed(b -> b.accessKeyId(rootKey)).accessKeyLastUsed().lastUsedDate() != null);

            assertThat(root.generateCredentialReport().state()).isEqualTo(ReportStateType.STARTED);
            GetCredentialReportResponse report = await("the report is generated").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptionsMatching(e -> e instanceof IamException ie
                            && "ReportInProgress".equals(ie.awsErrorDetails().errorCode()))
                    .until(root::getCredentialReport, r -> r != null);
            // reused while younger than four hours
            assertThat(root.generateCredentialReport().state()).isEqualTo(ReportStateType.COMPLETE);
            assertThat(report.reportFormatAsString()).isEqualTo("text/csv");
            assertThat(report.generatedTime()).isAfter(before);

            Map<String, Map<String, String>> rows = parse(report.content().asByteArray());
            assertThat(rows.keySet()).containsExactly("<root_account>", "bare", "console", "keys");
            String arn = "arn:aws:iam::" + account.accountId() + ":";
            assertThat(rows.get("<root_account>")).containsEntry("arn", arn + "root").containsEntry("password_enabled", "not_supported")
                    .containsEntry("password_last_used", "no_information").containsEntry("mfa_active", "true")
                    .containsEntry("access_key_1_active", "true").containsEntry("access_key_1_last_used_service", "iam")
                    .containsEntry("access_key_2_active", "false").containsEntry("access_key_2_last_rotated", "N/A");
            assertThat(rows.get("bare")).containsEntry("arn", arn + "user/bare").containsEntry("password_enabled", "false")
                    .containsEntry("password_last_used", "N/A").containsEntry("password_last_changed", "N/A")
                    .containsEntry("access_key_1_active", "false").containsEntry("access_key_1_last_rotated", "N/A")
                    .containsEntry("cert_1_active", "false").containsEntry("cert_2_last_rotated", "N/A");
            assertThat(rows.get("bare")).containsEntry("mfa_active", "false");
            assertThat(rows.get("console")).containsEntry("mfa_active", "true").containsEntry("password_enabled", "true").containsEntry("password_last_used", "no_information")
                    .containsEntry("password_next_rotation", "N/A");
            assertThat(Instant.parse(rows.get("console").get("password_last_changed").replace("+00:00", "Z"))).isAfter(before.minusSeconds(60));
            assertThat(rows.get("keys")).containsEntry("access_key_1_active", "true")
                    .containsEntry("access_key_1_last_used_region", "us-east-1").containsEntry("access_key_1_last_used_service", "iam")
                    .containsEntry("access_key_2_active", "false").containsEntry("access_key_2_last_used_date", "N/A")
                    .containsEntry("access_key_2_last_used_service", "N/A");
            assertThat(rows.get("keys").get("access_key_1_last_used_date")).isNotEqualTo("N/A");
            assertThat(rows.get("keys").get("access_key_2_last_rotated")).isNotEqualTo("N/A");
        }
    }

    static Map<String, Map<String, String>> parse(byte[] csv) throws Exception {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll().stream().collect(Collectors.toMap(row -> row.get("user"), Function.identity(),
                    (a, b) -> a, java.util.LinkedHashMap::new));
        }
    }
}
