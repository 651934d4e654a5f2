package dev.openiam.audit.lookup.domain;

import dev.openiam.awsprotocol.json.JsonInput;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.time.Instant;
import java.util.List;

/**
 * A LookupEvents input, checked as CloudTrail checks it: at most one lookup attribute, with a known key and a value
 * of 1–2000 characters ({@code InvalidLookupAttributesException}); StartTime not after EndTime
 * ({@code InvalidTimeRangeException}); MaxResults 1–50 ({@code InvalidMaxResultsException}); EventCategory only
 * {@code insight} ({@code InvalidEventCategoryException}). The NextToken is checked against the lookup it belongs to
 * by {@link LookupService}.
 *
 * @param attribute  the attribute to match, or {@code null}
 * @param value      its value as the wire had it
 * @param startTime  as given, or {@code null}
 * @param endTime    as given, or {@code null}
 * @param insight    whether Insights events were asked for
 */
public record LookupEventsRequest(LookupAttribute attribute, String value, Instant startTime, Instant endTime,
                                  boolean insight, int maxResults, String nextToken) {

    public static final int DEFAULT_MAX_RESULTS = 50;
    static final int MAX_VALUE_LENGTH = 2000;

    public static LookupEventsRequest from(JsonInput input) {
        LookupAttribute attribute = null;
        String value = null;
        List<JsonInput> attributes = input.structures("LookupAttributes");
        if (attributes != null && attributes.size() > 1) {
            throw new IamException(ErrorCode.INVALID_LOOKUP_ATTRIBUTES, "only one lookup attribute may be given");
        }
        if (attributes != null && attributes.size() == 1) {
            String key = attributes.get(0).string("AttributeKey");
            value = attributes.get(0).string("AttributeValue");
            if (key == null || value == null) {
                throw new IamException(ErrorCode.INVALID_LOOKUP_ATTRIBUTES, "a lookup attribute needs an AttributeKey and an AttributeValue");
            }
            attribute = LookupAttribute.of(key);
            if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
                throw new IamException(ErrorCode.INVALID_LOOKUP_ATTRIBUTES,
                        "the value of " + key + " must be 1 to " + MAX_VALUE_LENGTH + " characters long");
            }
            if (value.indexOf('\u0000') >= 0) {
                // no recorded value holds one, and PostgreSQL text cannot
                throw new IamException(ErrorCode.INVALID_LOOKUP_ATTRIBUTES, "the value of " + key + " must not contain a NUL character");
            }
            attribute.read(value); // a ReadOnly value other than true or false is refused now
        }
        Instant start = checkedTime(input, "StartTime");
        Instant end = checkedTime(input, "EndTime");
        if (start != null && end != null && start.isAfter(end)) {
            throw new IamException(ErrorCode.INVALID_TIME_RANGE, "the StartTime must not be after the EndTime");
        }
        String category = input.string("EventCategory");
        if (category != null && !category.equals("insight")) {
            throw new IamException(ErrorCode.INVALID_EVENT_CATEGORY, "`" + shown(category) + "` is not an event category; use insight");
        }
        Integer max = input.integer("MaxResults");
        if (max != null && (max < 1 || max > DEFAULT_MAX_RESULTS)) {
            throw new IamException(ErrorCode.INVALID_MAX_RESULTS, "MaxResults must be between 1 and 50, not " + max);
        }
        return new LookupEventsRequest(attribute, value, start, end, category != null, max == null ? DEFAULT_MAX_RESULTS : max,
                input.string("NextToken"));
    }

    /** The earliest and latest times a lookup may name (no record is older than the epoch; PostgreSQL ends in 294276). */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** A time of the input, {@code InvalidTimeRangeException} when it is outside the range of possible values. */
    public static Instant checkedTime(JsonInput input, String member) {
        Instant time = input.timestamp(member);
        if (time != null && (time.isBefore(EARLIEST) || time.isAfter(LATEST))) {
            throw new IamException(ErrorCode.INVALID_TIME_RANGE, "the " + member + " is outside the range of possible values");
        }
        return time;
    }

    private static String shown(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
