package dev.openiam.awsprotocol.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an HTTP request that SigV4 signs, as they arrived on the wire.
 *
 * @param method   the HTTP method, e.g. {@code POST}
 * @param rawPath  the request path exactly as received (still percent-encoded), e.g. {@code /}
 * @param rawQuery the query string without {@code ?}, still percent-encoded; {@code null} if none
 * @param headers  the headers as received; names are matched case-insensitively
 * @param body     the request body; {@code null} is read as empty
 */
public record HttpRequestData(String method, String rawPath, String rawQuery,
        Map<String, List<String>> headers, byte[] body) {

    public HttpRequestData {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        headers = headers == null ? Map.of() : headers;
        body = body == null ? new byte[0] : body;
    }

    /** Every value of the header {@code name} (any case), in order of arrival; empty if absent. */
    public List<String> headerValues(String name) {
        List<String> found = null;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                if (found == null) {
                    found = new ArrayList<>(e.getValue());
                } else {
                    found.addAll(e.getValue());
                }
            }
        }
        return found == null ? List.of() : found;
    }

    /** The first value of the header {@code name} (any case), or {@code null}. */
    public String header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
