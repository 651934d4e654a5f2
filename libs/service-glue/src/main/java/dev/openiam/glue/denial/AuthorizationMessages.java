package dev.openiam.glue.denial;

import dev.openiam.glue.session.SessionTokens;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * The encoded authorization messages of this service's AccessDenied answers, as EC2 words them: {@code "<AWS's
 * message>. Encoded authorization failure message: <message>"}, which STS DecodeAuthorizationMessage decodes (see
 * {@link AuthorizationMessageCodec}). A service without its own key and its peers' keys, or without the
 * session-encryption key, answers the denial without the encoded part (the request is denied all the same).
 */
@Singleton
public class AuthorizationMessages {

    /** What precedes the encoded message in an AccessDenied message. */
    public static final String MARKER = "Encoded authorization failure message: ";
    private static final Logger LOG = Logger.getLogger(AuthorizationMessages.class);

    private final AuthorizationMessageCodec codec;

    public AuthorizationMessages(ServiceTrust trust, SessionTokens sessions) {
        AuthorizationMessageCodec made = null;
        if (trust.peerKeys().isPresent() && sessions.encryptionKey().isPresent()) {
            made = new AuthorizationMessageCodec(trust.peerKeys().get(), sessions.encryptionKey().get(), Clock.systemUTC());
        } else {
            LOG.info("no service key, trusted keys or session-encryption key: AccessDenied answers carry no encoded authorization message");
        }
        this.codec = made;
    }

    /** {@code message} followed by the encoded {@code details}; {@code message} alone when this service cannot encode. */
    public String explain(String message, AuthorizationMessage details) {
        if (codec == null) {
            return message;
        }
        try {
            return message + (message.endsWith(".") ? " " : ". ") + MARKER + codec.encode(details);
        } catch (RuntimeException e) {
            // the request is denied either way: an answer without the details beats none
            LOG.errorf("the authorization message could not be encoded: %s", e.getMessage());
            return message;
        }
    }

    /**
     * AccessDenied worded {@code message}, carrying the encoded authorization message of {@code denial} (another
     * AccessDenied reworded, as AssumeRoleWithWebIdentity words its refusals), if it had one.
     */
    public static IamException reworded(String message, Throwable denial) {
        String original = denial.getMessage() == null ? "" : denial.getMessage();
        int at = original.indexOf(MARKER);
        return new IamException(ErrorCode.ACCESS_DENIED, at < 0 ? message
                : message + (message.endsWith(".") ? " " : ". ") + original.substring(at));
    }

    /** AccessDenied with {@code message} and the encoded {@code details}. */
    public IamException denied(String message, AuthorizationMessage details) {
        return new IamException(ErrorCode.ACCESS_DENIED, explain(message, details));
    }

    /** What {@code encoded} says, for a caller of {@code accountId}: InvalidAuthorizationMessageException if it cannot be read. */
    public AuthorizationMessageCodec.Decoded decode(String encoded, String accountId) {
        if (codec == null) {
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "authorization messages cannot be decoded now; retry later");
        }
        return codec.decode(encoded, accountId);
    }
}
