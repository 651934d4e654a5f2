package dev.openiam.awsprotocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the test suite's {@code request.txt} files: a request line whose target may hold raw
 * spaces and UTF-8, {@code Name:value} headers (a line starting with whitespace continues the
 * previous value), a blank line, then the body, byte for byte.
 */
final class HttpMessage {

    private HttpMessage() {
    }

    static HttpRequestData parse(byte[] file) {
        int split = indexOf(file, "\n\n".getBytes(StandardCharsets.US_ASCII));
        String head = new String(split < 0 ? file : Arrays.copyOfRange(file, 0, split), StandardCharsets.UTF_8);
        byte[] body = split < 0 ? new byte[0] : Arrays.copyOfRange(file, split + 2, file.length);
        List<String> lines = new ArrayList<>(List.of(head.split("\n")));
        String requestLine = lines.remove(0);
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);

        Map<String, List<String>> headers = new LinkedHashMap<>();
        String lastName = null;
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && lastName != null) {
                List<String> values = headers.get(lastName);
                values.set(values.size() - 1, values.get(values.size() - 1) + " " + line);
                continue;
            }
            int colon = line.indexOf(':');
            lastName = line.substring(0, colon);
            headers.computeIfAbsent(lastName, k -> new ArrayList<>()).add(line.substring(colon + 1));
        }
        return new HttpRequestData(method, path, query, headers, body);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
