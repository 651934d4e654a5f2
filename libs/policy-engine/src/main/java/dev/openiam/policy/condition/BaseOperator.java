package dev.openiam.policy.condition;

import java.util.HashMap;
import java.util.Map;

/** The condition operators of the IAM policy language, without set qualifier or {@code IfExists}. */
public enum BaseOperator {
    STRING_EQUALS("StringEquals", Family.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING, true),
    STRING_LIKE("StringLike", Family.STRING, false),
    STRING_NOT_LIKE("StringNotLike", Family.STRING, true),
    NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true),
    NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false),
    DATE_EQUALS("DateEquals", Family.DATE, false),
    DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true),
    DATE_LESS_THAN("DateLessThan", Family.DATE, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false),
    DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false),
    BOOL("Bool", Family.BOOL, false),
    BINARY_EQUALS("BinaryEquals", Family.BINARY, false),
    IP_ADDRESS("IpAddress", Family.IP, false),
    NOT_IP_ADDRESS("NotIpAddress", Family.IP, true),
    ARN_EQUALS("ArnEquals", Family.ARN, false),
    ARN_LIKE("ArnLike", Family.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
    ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
    NULL("Null", Family.NULL, false);

    /** How values are read and compared. */
    public enum Family { STRING, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL }

    private static final Map<String, BaseOperator> BY_NAME = new HashMap<>();

    static {
        for (BaseOperator op : values()) {
            BY_NAME.put(op.text, op);
        }
    }

    private final String text;
    private final Family family;
    private final boolean negated;

    BaseOperator(String text, Family family, boolean negated) {
        this.text = text;
        this.family = family;
        this.negated = negated;
    }

    public String text() {
        return text;
    }

    public Family family() {
        return family;
    }

    /**
     * Whether the operator is a negation (…Not…, NotIpAddress): it is true when no policy value matches, and
     * true when the key is missing.
     */
    public boolean negated() {
        return negated;
    }

    /** Whether policy variables are substituted in this operator's values (string and ARN operators). */
    public boolean takesVariables() {
        return family == Family.STRING || family == Family.ARN;
    }

    public static BaseOperator byName(String name) {
        return BY_NAME.get(name);
    }
}
