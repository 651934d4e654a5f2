package dev.openiam.awsprotocol.query;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of an AWS Query protocol request ({@code application/x-www-form-urlencoded},
 * UTF-8), read from the URL query and the body. Lists arrive as {@code Name.member.N}, tags as
 * {@code Name.member.N.Key} / {@code .Value}, maps as {@code Name.entry.N.key} / {@code .value};
 * an empty list is sent as {@code Name=} alone. Errors are worded as IAM words them.
 */
public final class QueryRequest {

    private final Map<String, String> params;

    private QueryRequest(Map<String, String> params) {
        this.params = Collections.unmodifiableMap(params);
    }

    /**
     * Decodes the parameters of {@code rawQuery} and then {@code formBody} (either may be
     * {@code null}). A name given twice keeps its first value.
     *
     * @throws IamException {@code ValidationError} when the encoding is malformed, or a name or value holds U+0000
     */
    public static QueryRequest parse(byte[] formBody, String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        decodeInto(rawQuery, params);
        if (formBody != null && formBody.length > 0) {
            decodeInto(new String(formBody, StandardCharsets.UTF_8), params);
        }
        return new QueryRequest(params);
    }

    /** Wraps already-decoded parameters, e.g. in tests. */
    public static QueryRequest of(Map<String, String> params) {
        return new QueryRequest(new LinkedHashMap<>(params));
    }

    private static void decodeInto(String form, Map<String, String> params) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
    }

    private static String decode(String s) {
        try {
            String decoded = URLDecoder.decode(s, StandardCharsets.UTF_8);
            if (decoded.indexOf('\u0000') >= 0) {
                // no IAM parameter admits it, and PostgreSQL refuses it in text: a caller's fault, said before any action
                throw new IamException(ErrorCode.VALIDATION_ERROR, "The request body or query string contains a NUL character");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw new IamException(ErrorCode.VALIDATION_ERROR, "The request body or query string is not "
                    + "well-formed application/x-www-form-urlencoded data");
        }
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

    /**
     * The parameter {@code name}.
     *
     * @throws IamException {@code ValidationError} "1 validation error detected: Value null at
     *         'userName' failed to satisfy constraint: Member must not be null", as IAM answers
     */
    public String required(String name) {
        String value = params.get(name);
        if (value == null) {
            throw ValidationErrors.missing(ValidationErrors.memberName(name));
        }
        return value;
    }

    /**
     * The parameter {@code name} as an integer, or {@code null} if absent.
     *
     * @throws IamException {@code ValidationError} when it is not a whole number in int range
     */
    public Integer integer(String name) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ValidationErrors.of(value, ValidationErrors.memberName(name), "Member must be a number");
        }
    }

    /**
     * The parameter {@code name} as a boolean, or {@code null} if absent.
     *
     * @throws IamException {@code ValidationError} unless it is {@code true} or {@code false} (any case)
     */
    public Boolean bool(String name) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw ValidationErrors.of(value, ValidationErrors.memberName(name), "Member must be true or false");
    }

    /** The members {@code Name.member.N} in the order of N; empty if absent. */
    public List<String> list(String name) {
        return new ArrayList<>(indexed(name + ".member.", "").values());
    }

    /** The field {@code field} of the structures {@code Name.member.N.field} in the order of N ({@code PolicyArns.member.1.arn}). */
    public List<String> memberFields(String name, String field) {
        return new ArrayList<>(indexed(name + ".member.", "." + field).values());
    }

    /**
     * The tags {@code Name.member.N.Key} / {@code .Value} in the order of N; empty if absent.
     *
     * @throws IamException {@code ValidationError} when a member lacks its {@code Key} or {@code Value}
     */
    public List<Tag> tags(String name) {
        TreeMap<Integer, String> keys = indexed(name + ".member.", ".Key");
        TreeMap<Integer, String> values = indexed(name + ".member.", ".Value");
        List<String> violations = new ArrayList<>();
        List<Tag> tags = new ArrayList<>();
        TreeMap<Integer, Boolean> positions = new TreeMap<>();
        keys.keySet().forEach(n -> positions.put(n, true));
        values.keySet().forEach(n -> positions.put(n, true));
        for (Integer n : positions.keySet()) {
            String key = keys.get(n);
            String value = values.get(n);
            String member = ValidationErrors.memberName(name + ".member." + n);
            if (key == null) {
                violations.add(ValidationErrors.violation(null, member + ".key", "Member must not be null"));
            }
            if (value == null) {
                violations.add(ValidationErrors.violation(null, member + ".value", "Member must not be null"));
            }
            tags.add(new Tag(key, value));
        }
        if (!violations.isEmpty()) {
            throw ValidationErrors.of(violations);
        }
        return tags;
    }

    /**
     * The map {@code Name.entry.N.<keyField>} / {@code .<valueField>} in the order of N; empty if
     * absent. (botocore sends non-flattened Query maps this way, with {@code key}/{@code value}
     * unless the model renames them.)
     *
     * @throws IamException {@code ValidationError} when an entry lacks its key
     */
    public Map<String, String> map(String name, String keyField, String valueField) {
        TreeMap<Integer, String> keys = indexed(name + ".entry.", "." + keyField);
        TreeMap<Integer, String> values = indexed(name + ".entry.", "." + valueField);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> e : keys.entrySet()) {
            out.put(e.getValue(), values.get(e.getKey()));
        }
        for (Integer n : values.keySet()) {
            if (!keys.containsKey(n)) {
                throw ValidationErrors.missing(ValidationErrors.memberName(name) + ".entry." + n + "." + keyField);
            }
        }
        return out;
    }

    /**
     * The error for an {@code Action} this endpoint does not serve: {@code InvalidAction} "Could not
     * find operation X for version Y", as AWS words it.
     */
    public IamException unknownAction() {
        return new IamException(ErrorCode.INVALID_ACTION,
                "Could not find operation " + action() + " for version " + version());
    }

    /** Every parameter, decoded, in order of arrival. */
    public Map<String, String> all() {
        return params;
    }

    /** The values of {@code prefix N suffix}, by N; N must be a positive decimal without sign. */
    private TreeMap<Integer, String> indexed(String prefix, String suffix) {
        TreeMap<Integer, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(prefix) || !key.endsWith(suffix) || key.length() < prefix.length() + suffix.length()) {
                continue;
            }
            String index = key.substring(prefix.length(), key.length() - suffix.length());
            if (index.isEmpty() || index.length() > 9 || !index.chars().allMatch(c -> c >= '0' && c <= '9')) {
                continue;
            }
            int n = Integer.parseInt(index);
            // `member.01` and `member.1` would be two readings of one position: refuse rather than pick one
            if (n > 0 && out.put(n, e.getValue()) != null) {
                throw ValidationErrors.of(null, ValidationErrors.memberName(prefix + n + suffix),
                        "Member must be given once (the list position is named twice)");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        // parameter values may hold secrets (passwords, policy documents): names only
        return "QueryRequest" + params.keySet();
    }
}
