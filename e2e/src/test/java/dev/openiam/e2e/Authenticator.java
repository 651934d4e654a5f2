package dev.openiam.e2e;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an authenticator app does with a virtual MFA device: reads its QR code and shows RFC 6238 codes of its seed. */
final class Authenticator {

    private static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator();
    private static final Pattern SECRET = Pattern.compile("[?&]secret=([A-Z2-7]+)");

    private Authenticator() {
    }

    /** The text of the QR code in a PNG (ZXing). */
    static String scan(byte[] png) {
        try {
            var image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new AssertionError("not an image: " + png.length + " bytes");
            }
            // read as the pure code the PNG is: ZXing's camera finder misses ~1 in 120 perfect renders (CI failed on one)
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                    Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        } catch (IOException | NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no QR code in the PNG", e);
        }
    }

    /** The seed an otpauth URI carries. */
    static String seedOf(String otpauthUri) {
        Matcher secret = SECRET.matcher(otpauthUri);
        if (!secret.find()) {
            throw new AssertionError("no secret in " + otpauthUri);
        }
        return secret.group(1);
    }

    /** The code the app shows {@code offset} 30-second steps from now (−1: the previous code). */
    static String code(String base32Seed, int offset) {
        return codeAt(base32Seed, step() + offset);
    }

    /** The 30-second step now falls in. */
    static long step() {
        return Instant.now().getEpochSecond() / 30;
    }

    /** Waits (at most one step) until the current step is at least {@code step}. */
    static void awaitStep(long step) throws InterruptedException {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(31)).pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> step() >= step);
    }

    /** The code of time step {@code step}. */
    static String codeAt(String base32Seed, long step) {
        try {
            return TOTP.generateOneTimePasswordString(new SecretKeySpec(new Base32().decode(base32Seed), "HmacSHA1"),
                    Instant.ofEpochSecond(step * 30));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A six-digit code that is not the one of {@code offset}. */
    static String wrong(String base32Seed, int offset) {
        return String.format("%06d", (Integer.parseInt(code(base32Seed, offset)) + 1) % 1_000_000);
    }
}
