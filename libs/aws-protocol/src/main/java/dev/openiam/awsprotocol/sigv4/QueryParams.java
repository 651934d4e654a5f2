package dev.openiam.awsprotocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The parameters of a raw query string, kept as they arrived and decodable on demand. */
final class QueryParams {

    /** One {@code name=value} pair, still percent-encoded; {@code value} is empty for a bare name. */
    record Raw(String name, String value) {
        String decodedName() {
            return new String(Encoding.percentDecode(name, true), StandardCharsets.UTF_8);
        }

        String decodedValue() {
            return new String(Encoding.percentDecode(value, true), StandardCharsets.UTF_8);
        }
    }

    private QueryParams() {
    }

    static List<Raw> split(String rawQuery) {
        List<Raw> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String piece : rawQuery.split("&", -1)) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            params.add(eq < 0 ? new Raw(piece, "") : new Raw(piece.substring(0, eq), piece.substring(eq + 1)));
        }
        return params;
    }

    /** The decoded value of the first parameter whose decoded name is {@code name}, or {@code null}. */
    static String first(List<Raw> params, String name) {
        for (Raw p : params) {
            if (p.decodedName().equals(name)) {
                return p.decodedValue();
            }
        }
        return null;
    }
}
