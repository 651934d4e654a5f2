package dev.openiam.identity.credentialreport.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The credential report's CSV, with AWS's header, column order and placeholder words: {@code N/A} where a credential
 * does not exist, {@code no_information} for a password never used, {@code not_supported} for the root user's
 * password columns AWS does not report. Certificates are not served here: always inactive.
 */
public final class CredentialReportCsv {

    public static final List<String> HEADER = List.of("user", "arn", "user_creation_time", "password_enabled",
            "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active",
            "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
            "access_key_1_last_used_region", "access_key_1_last_used_service",
            "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
            "access_key_2_last_used_region", "access_key_2_last_used_service",
            "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated");

    static final String ROOT_NAME = "<root_account>";
    private static final String NA = "N/A";
    private static final String NO_INFORMATION = "no_information";
    private static final String NOT_SUPPORTED = "not_supported";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
    /** Quotes only a value that needs it (a comma in a path), as AWS's report has none. */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private CredentialReportCsv() {
    }

    /** One access key as the report shows it. */
    public record Key(boolean active, Instant created, Instant lastUsed, String lastUsedRegion, String lastUsedService) {
    }

    /**
     * One principal's row. For root, {@code password} tells only whether it has one, and {@code passwordChanged} and
     * {@code nextRotation} are not reported.
     */
    public record Principal(boolean root, String userName, String arn, Instant created, boolean password,
                            Instant passwordLastUsed, Instant passwordChanged, Instant nextRotation, boolean mfaActive,
                            List<Key> keys) {
    }

    public static byte[] write(List<Principal> principals) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Principal p : principals) {
            rows.add(row(p));
        }
        try {
            return CSV.writer(CsvSchema.emptySchema().withLineSeparator("\n")).writeValueAsString(rows)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the credential report", e);
        }
    }

    private static List<String> row(Principal p) {
        List<String> row = new ArrayList<>(HEADER.size());
        row.add(p.root() ? ROOT_NAME : p.userName());
        row.add(p.arn());
        row.add(time(p.created()));
        if (p.root()) {
            row.add(NOT_SUPPORTED);
            row.add(p.passwordLastUsed() == null ? NO_INFORMATION : time(p.passwordLastUsed()));
            row.add(NOT_SUPPORTED);
            row.add(NOT_SUPPORTED);
        } else {
            row.add(String.valueOf(p.password()));
            row.add(!p.password() ? NA : p.passwordLastUsed() == null ? NO_INFORMATION : time(p.passwordLastUsed()));
            row.add(p.password() ? time(p.passwordChanged()) : NA);
            row.add(p.password() && p.nextRotation() != null ? time(p.nextRotation()) : NA);
        }
        row.add(String.valueOf(p.mfaActive()));
        for (int i = 0; i < 2; i++) {
            Key key = i < p.keys().size() ? p.keys().get(i) : null;
            row.add(String.valueOf(key != null && key.active()));
            row.add(key == null ? NA : time(key.created()));
            row.add(key == null || key.lastUsed() == null ? NA : time(key.lastUsed()));
            row.add(key == null || key.lastUsedRegion() == null ? NA : key.lastUsedRegion());
            row.add(key == null || key.lastUsedService() == null ? NA : key.lastUsedService());
        }
        row.addAll(List.of("false", NA, "false", NA));
        return row;
    }

    private static String time(Instant at) {
        return TIME.format(at);
    }
}
