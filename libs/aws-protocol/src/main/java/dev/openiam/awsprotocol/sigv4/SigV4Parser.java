package dev.openiam.awsprotocol.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads what a request claims, in the order and with the messages AWS uses for its checks. */
final class SigV4Parser {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";
    static final long MAX_PRESIGNED_SECONDS = 604_800;

    static final DateTimeFormatter ISO_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SigV4Parser() {
    }

    static SigV4Credential parse(HttpRequestData request) {
        String authorization = request.header("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            return parseHeader(request, authorization);
        }
        List<QueryParams.Raw> query = QueryParams.split(request.rawQuery());
        if (QueryParams.first(query, "X-Amz-Algorithm") != null || QueryParams.first(query, "X-Amz-Credential") != null
                || QueryParams.first(query, "X-Amz-Signature") != null) {
            return parsePresigned(query);
        }
        throw SigV4Errors.missingAuthenticationToken();
    }

    private static SigV4Credential parseHeader(HttpRequestData request, String authorization) {
        String auth = authorization.strip();
        int space = indexOfWhitespace(auth);
        String algorithm = space < 0 ? auth : auth.substring(0, space);
        String rest = space < 0 ? "" : auth.substring(space + 1);
        if (algorithm.startsWith("AWS4-") && !algorithm.equals(ALGORITHM)) {
            throw SigV4Errors.incomplete("Unsupported AWS 'algorithm': '" + algorithm
                    + "' (only AWS4-HMAC-SHA256 for now)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (algorithm.equals(ALGORITHM)) {
            for (String part : rest.split(",")) {
                String item = part.strip();
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                if (eq < 0) {
                    throw SigV4Errors.incomplete("'" + item + "' not a valid key=value pair (missing equal-sign) "
                            + "in Authorization header: '" + authorization + "'.");
                }
                fields.putIfAbsent(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
            }
        }
        String amzDate = request.header("X-Amz-Date");
        String dateHeader = amzDate != null ? amzDate : request.header("Date");

        StringBuilder missing = new StringBuilder();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            String value = fields.get(name);
            // an empty SignedHeaders is still "present"; it fails the Host check below
            if (value == null || (value.isEmpty() && !name.equals("SignedHeaders"))) {
                missing.append("Authorization header requires '").append(name).append("' parameter. ");
            }
        }
        if (dateHeader == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty()) {
            throw SigV4Errors.incomplete(missing + "Authorization=" + authorization);
        }
        Instant time = amzDate != null ? parseIsoBasic(amzDate.strip()) : parseDateHeader(dateHeader.strip());
        List<String> signedHeaders = signedHeaders(fields.get("SignedHeaders"));
        String[] scope = credentialScope(fields.get("Credential"));
        return new SigV4Credential(scope[0], scope[1], scope[2], scope[3], signedHeaders, fields.get("Signature"),
                time, request.header("X-Amz-Security-Token"), false, null);
    }

    private static SigV4Credential parsePresigned(List<QueryParams.Raw> query) {
        String algorithm = QueryParams.first(query, "X-Amz-Algorithm");
        String credential = QueryParams.first(query, "X-Amz-Credential");
        String date = QueryParams.first(query, "X-Amz-Date");
        String expires = QueryParams.first(query, "X-Amz-Expires");
        String signedHeaders = QueryParams.first(query, "X-Amz-SignedHeaders");
        String signature = QueryParams.first(query, "X-Amz-Signature");
        StringBuilder missing = new StringBuilder();
        Map<String, String> required = new LinkedHashMap<>();
        required.put("X-Amz-Algorithm", algorithm);
        required.put("X-Amz-Credential", credential);
        required.put("X-Amz-Signature", signature);
        required.put("X-Amz-SignedHeaders", signedHeaders);
        required.put("X-Amz-Date", date);
        required.put("X-Amz-Expires", expires);
        required.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                missing.append("AWS query-string parameters must include '").append(name).append("'. ");
            }
        });
        if (!missing.isEmpty()) {
            throw SigV4Errors.incomplete(missing + "Re-examine the query-string parameters.");
        }
        if (!algorithm.equals(ALGORITHM)) {
            throw SigV4Errors.incomplete("Unsupported AWS 'algorithm': '" + algorithm
                    + "' (only AWS4-HMAC-SHA256 for now)");
        }
        Instant time = parseIsoBasic(date);
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0) {
            throw SigV4Errors.incomplete("X-Amz-Expires should be a number");
        }
        if (seconds > MAX_PRESIGNED_SECONDS) {
            throw SigV4Errors.incomplete("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        String[] scope = credentialScope(credential);
        return new SigV4Credential(scope[0], scope[1], scope[2], scope[3], signedHeaders(signedHeaders), signature,
                time, QueryParams.first(query, "X-Amz-Security-Token"), true, Duration.ofSeconds(seconds));
    }

    private static List<String> signedHeaders(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(";")) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        if (!names.contains("host") && !names.contains(":authority")) {
            throw SigV4Errors.signatureDoesNotMatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return names;
    }

    /** {@code [keyId, date, region, service]}; the terminator must be {@code aws4_request}. */
    private static String[] credentialScope(String credential) {
        String trimmed = credential;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String[] parts = trimmed.split("/", -1);
        if (parts.length != 5) {
            throw SigV4Errors.incomplete("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        if (!parts[4].equals(TERMINATOR)) {
            throw SigV4Errors.signatureDoesNotMatch("Credential should be scoped with a valid terminator: "
                    + "'aws4_request', not '" + parts[4] + "'.");
        }
        return new String[] {parts[0], parts[1], parts[2], parts[3]};
    }

    static Instant parseIsoBasic(String value) {
        try {
            return LocalDateTime.parse(value, ISO_BASIC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw badDate(value);
        }
    }

    private static Instant parseDateHeader(String value) {
        try {
            return LocalDateTime.parse(value, ISO_BASIC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notIsoBasic) {
            try {
                return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw badDate(value);
            }
        }
    }

    private static RuntimeException badDate(String value) {
        return SigV4Errors.incomplete("Date must be in ISO-8601 'basic format'. Got '" + value
                + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    static String isoBasic(Instant time) {
        return ISO_BASIC.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
