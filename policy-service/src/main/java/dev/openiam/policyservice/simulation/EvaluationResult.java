package dev.openiam.policyservice.simulation;

import java.util.List;

/**
 * botocore's {@code EvaluationResult}: the decision for one action on one resource.
 *
 * @param decision                {@code allowed}, {@code explicitDeny} or {@code implicitDeny}
 * @param allowedByBoundary       {@code PermissionsBoundaryDecisionDetail}, or {@code null} without a boundary
 * @param resourceSpecific        whether to repeat the result as {@code ResourceSpecificResults} (several resources)
 */
record EvaluationResult(String actionName, String resourceName, String decision, List<MatchedStatement> matched,
                        List<String> missingContextValues, Boolean allowedByBoundary, boolean resourceSpecific) {

    /** botocore's {@code Statement}; positions are {@code null} when the document's text cannot be read. */
    record MatchedStatement(String sourcePolicyId, String sourcePolicyType, Position start, Position end) {
    }

    /** botocore's {@code Position}: 1-based line and column. */
    record Position(int line, int column) {
    }
}
