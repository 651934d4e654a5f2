package dev.openiam.policyservice.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.awsprotocol.error.ClientError;
import dev.openiam.model.IamException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads every JSON request body of policy-service (all are records): a body that cannot be read becomes the
 * caller's {@code ValidationError} right here, as an {@link IamException} worded by {@link ClientError}, so each
 * endpoint renders it in its own protocol (Query XML for the forwarded actions, a problem document for the
 * decision API) and Jackson's messages, which name our Java types, never travel.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class JsonBodies implements MessageBodyReader<Object> {

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        byte[] bytes = body.readAllBytes();
        if (bytes.length == 0) {
            // as Quarkus reads it: no body is a null argument, which each endpoint answers itself
            return null;
        }
        try {
            return mapper.readValue(bytes, mapper.constructType(genericType));
        } catch (JsonProcessingException e) {
            ClientError error = ClientError.of(e);
            throw new IamException(error.code(), error.message());
        }
    }
}
