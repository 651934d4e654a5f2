package dev.openiam.model.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON form of {@link EventEnvelope}: the envelope's fields with the payload as a nested object, the
 * payload class found by {@code type}. Unknown payload fields are ignored so that a newer producer's
 * additions do not break an older consumer; an unknown {@code type} is an error for the caller to skip.
 */
public final class EventCodec {

    public static final int CURRENT_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final Map<String, Class<? extends Event>> TYPES = new ConcurrentHashMap<>();

    static {
        registerFamily(IdentityEvent.class);
        registerFamily(PolicyEvent.class);
        registerFamily(StsEvent.class);
        registerFamily(dev.openiam.model.audit.AuditEvent.class);
    }

    private EventCodec() {
    }

    /** Makes every permitted record of a sealed event family decodable. */
    public static void registerFamily(Class<? extends Event> family) {
        Class<?>[] permitted = family.getPermittedSubclasses();
        if (permitted == null) {
            throw new IllegalArgumentException(family.getName() + " is not sealed");
        }
        for (Class<?> type : permitted) {
            TYPES.put(typeName(type), type.asSubclass(Event.class));
        }
    }

    public static String typeName(Class<?> payloadType) {
        return payloadType.getSimpleName();
    }

    public static String encode(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + envelope.type() + " cannot be encoded", e);
        }
    }

    /** Encodes only the payload, e.g. for an outbox row that keeps the envelope fields in columns. */
    public static String encodePayload(Event payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("payload " + typeName(payload.getClass()) + " cannot be encoded", e);
        }
    }

    /**
     * Decodes an envelope; throws {@link IllegalArgumentException} if it is malformed or of an unknown type. Read as a
     * stream: the payload goes straight into its type when {@code type} comes before it (as {@link #encode} writes
     * it), and through a token buffer otherwise.
     */
    public static EventEnvelope decode(String json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("event is not a json object");
            }
            Map<String, String> fields = new HashMap<>();
            JsonNode version = null;
            JsonNode revision = null;
            Event payload = null;
            TokenBuffer pending = null;
            boolean payloadSeen = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "version" -> version = MAPPER.readTree(parser);
                    case "revision" -> revision = MAPPER.readTree(parser);
                    case "payload" -> {
                        payloadSeen = value == JsonToken.START_OBJECT;
                        Class<? extends Event> known = fields.containsKey("type") ? TYPES.get(fields.get("type")) : null;
                        pending = null;
                        payload = null;
                        if (payloadSeen && known != null) {
                            payload = MAPPER.readValue(parser, known);
                        } else if (payloadSeen) {
                            pending = TokenBuffer.asCopyOfValue(parser);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    default -> {
                        if (value == JsonToken.VALUE_STRING) {
                            fields.put(name, parser.getText());
                        } else {
                            fields.remove(name);
                            parser.skipChildren();
                        }
                    }
                }
            }
            String type = text(fields, "type");
            Class<? extends Event> payloadType = TYPES.get(type);
            if (payloadType == null) {
                throw new IllegalArgumentException("unknown event type `" + type + "`");
            }
            if (!payloadSeen) {
                throw new IllegalArgumentException("event `" + type + "` has no payload object");
            }
            if (payload != null && payload.getClass() != payloadType) {
                throw new IllegalArgumentException("malformed event: its type changes after its payload");
            }
            if (payload == null) {
                try (JsonParser buffered = pending.asParser(MAPPER)) {
                    payload = MAPPER.readValue(buffered, payloadType);
                }
            }
            return new EventEnvelope(
                    UUID.fromString(text(fields, "eventId")),
                    type,
                    version == null ? CURRENT_VERSION : version.asInt(CURRENT_VERSION),
                    text(fields, "accountId"),
                    revision == null ? 0 : revision.asLong(),
                    Instant.parse(text(fields, "occurredAt")),
                    text(fields, "actor"),
                    payload);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("malformed event: " + e.getMessage(), e);
        }
    }

    /** Decodes a payload of a known type, as stored in an outbox row. */
    public static Event decodePayload(String type, String json) {
        Class<? extends Event> payloadType = TYPES.get(type);
        if (payloadType == null) {
            throw new IllegalArgumentException("unknown event type `" + type + "`");
        }
        try {
            return MAPPER.readValue(json, payloadType);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed payload of `" + type + "`: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(Map<String, String> fields, String field) {
        String value = fields.get(field);
        if (value == null) {
            throw new IllegalArgumentException("event field `" + field + "` is missing");
        }
        return value;
    }
}
