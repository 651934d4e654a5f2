package dev.openiam.audit.lookup.domain;

import dev.openiam.audit.event.persistence.EventQuery;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.util.Locale;
import java.util.UUID;

/** The eight LookupAttributes of LookupEvents, each with the column it matches and how its value is read. */
public enum LookupAttribute {
    EVENT_ID("EventId", EventQuery.Filter.EVENT_ID),
    EVENT_NAME("EventName", EventQuery.Filter.EVENT_NAME),
    READ_ONLY("ReadOnly", EventQuery.Filter.READ_ONLY),
    USERNAME("Username", EventQuery.Filter.USERNAME),
    RESOURCE_TYPE("ResourceType", EventQuery.Filter.RESOURCE_TYPE),
    RESOURCE_NAME("ResourceName", EventQuery.Filter.RESOURCE_NAME),
    EVENT_SOURCE("EventSource", EventQuery.Filter.EVENT_SOURCE),
    ACCESS_KEY_ID("AccessKeyId", EventQuery.Filter.ACCESS_KEY_ID);

    private final String key;
    private final EventQuery.Filter filter;

    LookupAttribute(String key, EventQuery.Filter filter) {
        this.key = key;
        this.filter = filter;
    }

    /** The name on the wire, e.g. {@code EventName}. */
    public String key() {
        return key;
    }

    EventQuery.Filter filter() {
        return filter;
    }

    /** The attribute named {@code key}, as the model spells it. */
    static LookupAttribute of(String key) {
        for (LookupAttribute attribute : values()) {
            if (attribute.key.equals(key)) {
                return attribute;
            }
        }
        throw new IamException(ErrorCode.INVALID_LOOKUP_ATTRIBUTES, "`" + key + "` is not a lookup attribute; use one of "
                + "EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId");
    }

    /**
     * {@code value} as the column holds it: a ReadOnly value is {@code true} or {@code false}; an EventId that is not
     * an event id matches nothing ({@code null}).
     */
    Object read(String value) {
        return switch (this) {
            case READ_ONLY -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IamException(ErrorCode.INVALID_LOOKUP_ATTRIBUTES,
                        "the value of ReadOnly must be true or false, not `" + value + "`");
            };
            case EVENT_ID -> {
                try {
                    yield UUID.fromString(value);
                } catch (IllegalArgumentException e) {
                    yield null;
                }
            }
            default -> value;
        };
    }
}
