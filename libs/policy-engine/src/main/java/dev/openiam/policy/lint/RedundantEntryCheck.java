package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.catalog.Wildcards;

import java.util.List;
import java.util.Locale;

/**
 * Entries of one {@code Action}/{@code NotAction} or {@code Resource}/{@code NotResource} element that
 * another entry of the same element already matches ({@code REDUNDANT_ACTION}, {@code REDUNDANT_RESOURCE}),
 * e.g. {@code s3:GetObject} beside {@code s3:Get*}; of two equal entries the later is reported.
 */
final class RedundantEntryCheck implements LintCheck {

    @Override
    public void check(LintDocument document, PolicyType type, List<Finding> findings) {
        for (LintStatement statement : document.statements()) {
            check(statement.actions(), true, "REDUNDANT_ACTION", findings);
            check(statement.resources(), false, "REDUNDANT_RESOURCE", findings);
        }
    }

    private static void check(LintStatement.Element element, boolean ignoreCase, String code, List<Finding> findings) {
        List<LintStatement.Entry> entries = element.entries();
        for (int i = 0; i < entries.size(); i++) {
            String narrow = normalise(entries.get(i).value(), ignoreCase);
            for (int j = 0; j < entries.size(); j++) {
                String wide = normalise(entries.get(j).value(), ignoreCase);
                if (i == j || wide.contains("${") || !Wildcards.covers(wide, narrow)) {
                    continue;
                }
                if (Wildcards.covers(narrow, wide) && i < j) {
                    continue; // equal entries: report the later one
                }
                findings.add(new Finding(Finding.Severity.SUGGESTION, code,
                        "`" + entries.get(i).value() + "` is already matched by `" + entries.get(j).value() + "`",
                        entries.get(i).location()));
                break;
            }
        }
    }

    private static String normalise(String value, boolean ignoreCase) {
        return ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    }
}
