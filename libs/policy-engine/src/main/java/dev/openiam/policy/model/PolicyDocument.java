package dev.openiam.policy.model;

import java.util.List;

/**
 * A parsed, grammatically valid policy document.
 *
 * @param version    {@code 2012-10-17}, {@code 2008-10-17}, or {@code null} when absent (treated as 2008-10-17)
 * @param id         the {@code Id}, or {@code null}
 * @param statements the statements in document order
 */
public record PolicyDocument(String version, String id, List<Statement> statements) {

    public static final String VERSION_2012 = "2012-10-17";
    public static final String VERSION_2008 = "2008-10-17";

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /** Policy variables are substituted only in version 2012-10-17 documents. */
    public boolean variablesEnabled() {
        return VERSION_2012.equals(version);
    }
}
