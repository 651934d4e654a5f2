package dev.openiam.awsprotocol.query;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;

import java.util.List;
import java.util.Map;

/**
 * The parameters of an AWS Query protocol request ({@code application/x-www-form-urlencoded},
 * UTF-8), read from the body and, for GET, from the URL query. Lists arrive as
 * {@code Name.member.N}, tags as {@code Name.member.N.Key} / {@code .Value}, maps as
 * {@code Name.entry.N.key} / {@code .value}.
 */
public final class QueryRequest {

    private final Map<String, String> params;

    private QueryRequest(Map<String, String> params) {
        this.params = params;
    }

    /** Decodes the parameters of {@code formBody} (may be {@code null}) and {@code rawQuery} (may be {@code null}). */
    public static QueryRequest parse(byte[] formBody, String rawQuery) {
        throw new UnsupportedOperationException("not yet");
    }

    /** {@code Action}, or {@code null}. */
    public String action() {
        return params.get("Action");
    }

    /** {@code Version}, or {@code null}. */
    public String version() {
        return params.get("Version");
    }

    /** The parameter {@code name}, or {@code null} if absent. */
    public String string(String name) {
        return params.get(name);
    }

    /** The parameter {@code name}; {@code MissingParameter} if absent. */
    public String required(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The parameter {@code name} as an integer, or {@code null}; {@code ValidationError} if not a number. */
    public Integer integer(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The parameter {@code name} as a boolean, or {@code null}; {@code ValidationError} if not {@code true}/{@code false}. */
    public Boolean bool(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The members {@code Name.member.N} in the order of N; empty if absent. */
    public List<String> list(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The tags {@code Name.member.N.Key} / {@code .Value} in the order of N; empty if absent. */
    public List<Tag> tags(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The map {@code Name.entry.N.<keyField>} / {@code .<valueField>} in the order of N; empty if absent. */
    public Map<String, String> map(String name, String keyField, String valueField) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Every parameter, decoded. */
    public Map<String, String> all() {
        return params;
    }

    static IamException missing(String name) {
        return new IamException(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter " + name);
    }
}
