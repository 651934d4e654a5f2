package dev.openiam.audit.lookup.domain;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Where the next page starts: the last record shown ({@code eventTime}, {@code eventID}) and a digest of the
 * lookup it belongs to, so that a token used with other parameters is refused as CloudTrail refuses it. The
 * token only positions a query that is always confined to the caller's account; it grants nothing.
 */
public record NextToken(Instant afterTime, UUID afterId, String lookup) {

    private static final String VERSION = "1";
    private static final HexFormat HEX = HexFormat.of();

    public String encode() {
        String plain = VERSION + "|" + afterTime.getEpochSecond() + "|" + afterTime.getNano() + "|" + afterId + "|" + lookup;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The token {@code text}, if it was issued for {@code lookup}; else {@code exception}. */
    public static NextToken decode(String text, String lookup, ErrorCode exception) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == 5 && parts[0].equals(VERSION) && parts[4].equals(lookup)) {
                return new NextToken(Instant.ofEpochSecond(Long.parseLong(parts[1]), Integer.parseInt(parts[2])),
                        UUID.fromString(parts[3]), lookup);
            }
        } catch (RuntimeException e) {
            // not one of ours: refused below
        }
        throw new IamException(exception, "the NextToken is not valid, or was issued for other parameters");
    }

    /** A short digest of what a lookup asks (everything but the page size), for its tokens. */
    public static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HEX.formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
