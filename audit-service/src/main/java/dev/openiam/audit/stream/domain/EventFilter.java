package dev.openiam.audit.stream.domain;

import dev.openiam.audit.event.persistence.EventQuery;
import dev.openiam.audit.event.persistence.EventStore;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a subscriber or a query asks for, within one account: every given value must match. The same filter selects
 * live records in memory ({@link #test}) and stored ones in SQL ({@link #columns}).
 *
 * @param principal a user's name (or a role session's name, as LookupEvents' Username) or the caller's ARN
 */
public record EventFilter(String accountId, String principal, String eventName, String eventSource, String errorCode,
                          Boolean readOnly) {

    static final int MAX_VALUE_LENGTH = 2000;

    public EventFilter {
        Objects.requireNonNull(accountId, "accountId");
    }

    /** The filter from request parameters as given (absent: {@code null}); a bad value is {@code InvalidInput}. */
    public static EventFilter of(String accountId, String principal, String eventName, String eventSource, String errorCode,
                                 String readOnly) {
        return new EventFilter(accountId, checked("principal", principal), checked("eventName", eventName),
                checked("eventSource", eventSource), checked("errorCode", errorCode), bool("readOnly", readOnly));
    }

    /** Whether the stored record of {@code columns} (of any account) is one this filter asks for. */
    public boolean test(EventStore.Columns columns) {
        return accountId.equals(columns.accountId())
                && (principal == null || principal.equals(columns.username()) || principal.equals(columns.principalArn()))
                && (eventName == null || eventName.equals(columns.eventName()))
                && (eventSource == null || eventSource.equals(columns.eventSource()))
                && (errorCode == null || errorCode.equals(columns.errorCode()))
                && (readOnly == null || readOnly == columns.readOnly());
    }

    /** The same filter as stored columns (the account apart). */
    public Map<EventQuery.Filter, Object> columns() {
        Map<EventQuery.Filter, Object> columns = new EnumMap<>(EventQuery.Filter.class);
        put(columns, EventQuery.Filter.PRINCIPAL, principal);
        put(columns, EventQuery.Filter.EVENT_NAME, eventName);
        put(columns, EventQuery.Filter.EVENT_SOURCE, eventSource);
        put(columns, EventQuery.Filter.ERROR_CODE, errorCode);
        put(columns, EventQuery.Filter.READ_ONLY, readOnly);
        return columns;
    }

    private static void put(Map<EventQuery.Filter, Object> columns, EventQuery.Filter filter, Object value) {
        if (value != null) {
            columns.put(filter, value);
        }
    }

    static String checked(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw new IamException(ErrorCode.INVALID_INPUT, "`" + name + "` must have 1 to " + MAX_VALUE_LENGTH + " characters");
        }
        return value;
    }

    static Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IamException(ErrorCode.INVALID_INPUT, "`" + name + "` must be true or false");
        };
    }
}
