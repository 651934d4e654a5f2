package dev.openiam.identity.credentialreport;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.openiam.identity.credentialreport.domain.CredentialReportCsv;
import dev.openiam.identity.credentialreport.domain.CredentialReportCsv.Key;
import dev.openiam.identity.credentialreport.domain.CredentialReportCsv.Principal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialReportCsvTest {

    static final Instant T1 = Instant.parse("2026-01-02T03:04:05Z");
    static final Instant T2 = Instant.parse("2026-02-03T04:05:06Z");

    @Test
    void awssHeaderInAwssOrder() throws Exception {
        List<Map<String, String>> rows = parse(CredentialReportCsv.write(List.of()));
        assertThat(rows).isEmpty();
        String header = new String(CredentialReportCsv.write(List.of())).strip();
        assertThat(header).isEqualTo("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
                + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
                + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
                + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
                + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated");
    }

    @Test
    void rootRowSaysNotSupportedForItsPasswordColumns() throws Exception {
        Map<String, String> root = parse(CredentialReportCsv.write(List.of(new Principal(true, null, "arn:aws:iam::123456789012:root",
                T1, true, null, T1, null, true, List.of(new Key(true, T1, T2, "us-east-1", "iam")))))).get(0);
        assertThat(root).containsEntry("user", "<root_account>").containsEntry("arn", "arn:aws:iam::123456789012:root")
                .containsEntry("user_creation_time", "2026-01-02T03:04:05+00:00")
                .containsEntry("password_enabled", "not_supported").containsEntry("password_last_used", "no_information")
                .containsEntry("password_last_changed", "not_supported").containsEntry("password_next_rotation", "not_supported")
                .containsEntry("mfa_active", "true")
                .containsEntry("access_key_1_active", "true").containsEntry("access_key_1_last_rotated", "2026-01-02T03:04:05+00:00")
                .containsEntry("access_key_1_last_used_date", "2026-02-03T04:05:06+00:00")
                .containsEntry("access_key_1_last_used_region", "us-east-1").containsEntry("access_key_1_last_used_service", "iam")
                .containsEntry("access_key_2_active", "false").containsEntry("access_key_2_last_rotated", "N/A")
                .containsEntry("cert_1_active", "false").containsEntry("cert_1_last_rotated", "N/A");
    }

    @Test
    void usersWithoutPasswordOrKeysSayNotApplicableAndNeverUsedSaysNoInformation() throws Exception {
        List<Map<String, String>> rows = parse(CredentialReportCsv.write(List.of(
                new Principal(false, "bare", "arn:aws:iam::123456789012:user/bare", T1, false, null, null, null, false, List.of()),
                new Principal(false, "fresh", "arn:aws:iam::123456789012:user/a,b/fresh", T1, true, null, T1, T2, false,
                        List.of(new Key(false, T1, null, null, null), new Key(true, T2, null, null, null))))));
        assertThat(rows.get(0)).containsEntry("password_enabled", "false").containsEntry("password_last_used", "N/A")
                .containsEntry("password_last_changed", "N/A").containsEntry("password_next_rotation", "N/A")
                .containsEntry("access_key_1_active", "false").containsEntry("access_key_1_last_used_date", "N/A")
                .containsEntry("access_key_1_last_used_service", "N/A");
        assertThat(rows.get(1)).containsEntry("arn", "arn:aws:iam::123456789012:user/a,b/fresh")
                .containsEntry("password_enabled", "true").containsEntry("password_last_used", "no_information")
                .containsEntry("password_last_changed", "2026-01-02T03:04:05+00:00")
                .containsEntry("password_next_rotation", "2026-02-03T04:05:06+00:00")
                .containsEntry("access_key_1_active", "false").containsEntry("access_key_1_last_rotated", "2026-01-02T03:04:05+00:00")
                .containsEntry("access_key_1_last_used_date", "N/A").containsEntry("access_key_1_last_used_region", "N/A")
                .containsEntry("access_key_2_active", "true");
    }

    static List<Map<String, String>> parse(byte[] csv) throws Exception {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll();
        }
    }
}
