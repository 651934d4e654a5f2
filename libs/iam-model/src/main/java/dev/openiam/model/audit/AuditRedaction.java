package dev.openiam.model.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Takes secrets out of a record the way CloudTrail does: a member that holds one keeps its name, and its value
 * becomes {@value #HIDDEN}, wherever it sits in {@code requestParameters} or {@code responseElements}. Members
 * are matched by name, ignoring case and punctuation ({@code SecretAccessKey}, {@code secretAccessKey} and
 * {@code secret_access_key} alike), so that a producer's spelling cannot let one through.
 */
public final class AuditRedaction {

    /** What CloudTrail writes in place of a sensitive value. */
    public static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

    /**
     * The members that carry secrets: access-key secrets, passwords, MFA seeds and their QR codes, one-time codes,
     * session tokens and the identity tokens exchanged for them, private keys.
     */
    static final Set<String> SECRET_MEMBERS = Set.of(
            "secretaccesskey", "password", "oldpassword", "newpassword", "base32stringseed", "qrcodepng",
            "authenticationcode1", "authenticationcode2", "tokencode", "sessiontoken", "securitytoken",
            "webidentitytoken", "samlassertion", "privatekey", "clientsecret");

    private AuditRedaction() {
    }

    /** {@code record} with every secret hidden; the record itself is left as it is. */
    public static AuditRecord redact(AuditRecord record) {
        AuditRecord redacted = record.withBodies(redact(record.requestParameters()), redact(record.responseElements()));
        JsonNode additional = redact(record.additionalEventData());
        return additional == null || additional.equals(record.additionalEventData()) ? redacted : new AuditRecord(
                redacted.eventVersion(), redacted.userIdentity(), redacted.eventTime(), redacted.eventSource(), redacted.eventName(),
                redacted.awsRegion(), redacted.sourceIPAddress(), redacted.userAgent(), redacted.errorCode(), redacted.errorMessage(),
                redacted.requestParameters(), redacted.responseElements(), additional, redacted.requestID(), redacted.eventID(),
                redacted.readOnly(), redacted.resources(), redacted.eventType(), redacted.managementEvent(),
                redacted.recipientAccountId(), redacted.eventCategory());
    }

    /** A copy of {@code node} with every secret member's value hidden; {@code null} (Java's or JSON's) is {@code null}. */
    public static JsonNode redact(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        hideIn(copy);
        return copy;
    }

    /** Whether a member of this name holds a secret. */
    public static boolean isSecret(String memberName) {
        StringBuilder normalized = new StringBuilder(memberName.length());
        for (char c : memberName.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                normalized.append(c);
            }
        }
        return SECRET_MEMBERS.contains(normalized.toString());
    }

    private static void hideIn(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> members = object.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                if (isSecret(member.getKey())) {
                    if (!member.getValue().isNull()) {
                        member.setValue(TextNode.valueOf(HIDDEN));
                    }
                } else {
                    hideIn(member.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(AuditRedaction::hideIn);
        }
    }
}
