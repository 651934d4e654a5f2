package dev.openiam.awsprotocol.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Percent-encoding and hashing as SigV4 defines them (RFC 3986 unreserved set, upper-case hex). */
final class Encoding {

    private static final HexFormat HEX = HexFormat.of();
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private Encoding() {
    }

    static boolean unreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    /** Encodes every byte outside the unreserved set (and, if {@code keepSlash}, outside {@code /}). */
    static String encode(byte[] bytes, boolean keepSlash) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte value : bytes) {
            int b = value & 0xff;
            if (unreserved(b) || (keepSlash && b == '/')) {
                out.append((char) b);
            } else {
                out.append('%').append(UPPER_HEX[b >> 4]).append(UPPER_HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    static String encode(String s, boolean keepSlash) {
        return encode(s.getBytes(StandardCharsets.UTF_8), keepSlash);
    }

    /**
     * Decodes {@code %XX} escapes to bytes and, if {@code plusIsSpace}, {@code +} to a space (the
     * form encoding of query strings, as the Query protocol reads them); a {@code %} not followed by
     * two hex digits stays literal, so nothing is lost or rejected.
     */
    static byte[] percentDecode(String s, boolean plusIsSpace) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else if (plusIsSpace && in[i] == '+') {
                out.write(' ');
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256(data));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
