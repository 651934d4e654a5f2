package dev.openiam.awsprotocol.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The SigV4 canonical request of a received request, by the rules for every service but S3:
 * the path normalized and encoded again (clients encode the already-encoded path once more), the
 * query decoded, re-encoded and sorted, the signed headers lower-cased with their values trimmed.
 */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    static String build(HttpRequestData request, SigV4Credential credential, String payloadHash) {
        List<String> signed = new ArrayList<>(new TreeSet<>(credential.signedHeaders()));
        StringBuilder out = new StringBuilder(256);
        out.append(request.method()).append('\n');
        out.append(uri(request.rawPath())).append('\n');
        out.append(query(request.rawQuery(), credential.presigned())).append('\n');
        for (String name : signed) {
            out.append(name).append(':').append(headerValue(request, name)).append('\n');
        }
        out.append('\n');
        out.append(String.join(";", signed)).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    /**
     * Removes {@code .} and {@code ..} segments and empty segments (repeated slashes), keeps a
     * trailing slash only where the path had one, then percent-encodes all but unreserved characters
     * and {@code /}.
     */
    static String uri(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                continue;
            }
            segments.add(segment);
        }
        StringBuilder normalized = new StringBuilder("/").append(String.join("/", segments));
        if (!segments.isEmpty() && path.endsWith("/")) {
            normalized.append('/');
        }
        return Encoding.encode(normalized.toString(), true);
    }

    /**
     * Every parameter but {@code X-Amz-Signature} of a presigned request, decoded, encoded again and
     * sorted. A {@code +} is read as a space, as the Query protocol reads it, so the signature covers
     * the values the server acts on; signers send a literal plus as {@code %2B}.
     */
    static String query(String rawQuery, boolean presigned) {
        List<String[]> pairs = new ArrayList<>();
        for (QueryParams.Raw p : QueryParams.split(rawQuery)) {
            String name = Encoding.encode(Encoding.percentDecode(p.name(), true), false);
            if (presigned && name.equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(new String[] {name, Encoding.encode(Encoding.percentDecode(p.value(), true), false)});
        }
        pairs.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /** All values of the header, each trimmed with inner whitespace runs folded to one space, comma-joined. */
    static String headerValue(HttpRequestData request, String lowerName) {
        List<String> values = request.headerValues(lowerName.toLowerCase(Locale.ROOT));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(trimAll(values.get(i)));
        }
        return out.toString();
    }

    static String trimAll(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
                pendingSpace = !out.isEmpty();
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
