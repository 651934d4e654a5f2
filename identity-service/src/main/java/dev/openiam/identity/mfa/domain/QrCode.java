package dev.openiam.identity.mfa.domain;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The QR code an authenticator app scans: a PNG (ZXing) of the device's {@code otpauth://totp/…} URI. */
final class QrCode {

    private static final int SIZE = 300;

    private QrCode() {
    }

    /**
     * {@code otpauth://totp/<issuer>:<device>@<account>?secret=<seed>&issuer=<issuer>}, the key-URI format authenticator
     * apps read; {@code account} is the account alias, or its id without one (as AWS writes it).
     */
    static String otpauthUri(String issuer, String deviceName, String account, String base32Seed) {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(deviceName) + "@" + encode(account)
                + "?secret=" + base32Seed + "&issuer=" + encode(issuer);
    }

    static byte[] png(String text) {
        try {
            var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, SIZE, SIZE, Map.of(EncodeHintType.MARGIN, 4));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return png.toByteArray();
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("cannot draw the QR code of an MFA device", e);
        }
    }

    /** A label or parameter percent-encoded (a space as {@code %20}, which every app reads, not {@code +}). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
