package dev.openiam.policy;

/**
 * One result of validating a policy document, in the manner of IAM Access Analyzer.
 *
 * @param severity whether the document is rejected ({@link Severity#ERROR}) or only questionable
 * @param code     a stable, machine-readable name, e.g. {@code MISSING_PRINCIPAL} or {@code UNKNOWN_ACTION}
 * @param message  a lowercase sentence without final period; user input in backticks
 * @param location where in the document: statement index or Sid and field, e.g. {@code Statement[2].Action[0]}
 */
public record Finding(Severity severity, String code, String message, String location) {

    public enum Severity { ERROR, WARNING, SUGGESTION }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
