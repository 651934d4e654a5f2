package dev.openiam.policyservice.simulation;

import dev.openiam.policy.CompiledPolicy;

/**
 * One document the simulator evaluates, with the names AWS reports in {@code MatchedStatements}.
 *
 * @param compiled   the compiled document; its id is unique within one simulation
 * @param sourceId   {@code SourcePolicyId}: the policy's name, or {@code PolicyInputList.N}, {@code ResourcePolicy}
 * @param sourceType {@code SourcePolicyType} ({@code user}, {@code group}, {@code role}, {@code aws-managed},
 *                   {@code user-managed}, {@code resource}), or {@code null} for documents of the request
 * @param text       the document as written, for statement positions
 */
record SimulatedPolicy(CompiledPolicy compiled, String sourceId, String sourceType, String text) {
}
