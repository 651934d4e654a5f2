package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;

import java.util.List;

/** One family of findings; each check is independent of the others. */
interface LintCheck {

    /** Adds this check's findings on {@code document} to {@code findings}. */
    void check(LintDocument document, PolicyType type, List<Finding> findings);
}
