package dev.openiam.identity.auth.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.IamException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/**
 * The one way identity-service's internal lookups read what another service sends them: the token is checked first
 * (purpose, this endpoint, the exact body; AccessDenied otherwise), then the body is read as JSON. A body that is
 * not the JSON object expected (or is JSON {@code null}) is a ValidationError with the endpoint's own message, which
 * never repeats what was sent (a sign-in's body holds a password).
 */
@ApplicationScoped
public class InternalRequests {

    private final ServiceTrust trust;
    private final ObjectMapper json;

    public InternalRequests(ServiceTrust trust, ObjectMapper json) {
        this.trust = trust;
        this.json = json;
    }

    /** The body of {@code POST path} as {@code type}, once its token proves the call is for {@code purpose}. */
    public <T> T read(String authorization, Purpose purpose, String path, byte[] body, Class<T> type, String invalid) {
        trust.verify(authorization, purpose, "POST", path, body);
        T request;
        try {
            request = json.readValue(body, type);
        } catch (IOException e) {
            throw IamException.validation(invalid);
        }
        if (request == null) {
            throw IamException.validation(invalid);
        }
        return request;
    }
}
