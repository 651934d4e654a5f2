package dev.openiam.policy.condition;

/**
 * A condition operator as written, split into its parts:
 * {@code ForAnyValue:StringLikeIfExists} is qualifier {@code FOR_ANY_VALUE}, base {@code StringLike}, if-exists.
 */
public record OperatorName(Qualifier qualifier, BaseOperator base, boolean ifExists) {

    public enum Qualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    /** The parts of {@code text}, or {@code null} if it is not a condition operator. Names are case-sensitive. */
    public static OperatorName parse(String text) {
        Qualifier q = Qualifier.NONE;
        String rest = text;
        if (rest.startsWith("ForAllValues:")) {
            q = Qualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        } else if (rest.startsWith("ForAnyValue:")) {
            q = Qualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        }
        boolean ifExists = false;
        BaseOperator base = BaseOperator.byName(rest);
        if (base == null && rest.endsWith("IfExists")) {
            base = BaseOperator.byName(rest.substring(0, rest.length() - "IfExists".length()));
            ifExists = true;
            if (base == BaseOperator.NULL) {
                return null; // AWS: Null has no IfExists form
            }
        }
        return base == null ? null : new OperatorName(q, base, ifExists);
    }
}
