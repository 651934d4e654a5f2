package dev.openiam.policyservice.simulation;

import dev.openiam.awsprotocol.query.QueryXml.Element;
import dev.openiam.model.rules.Page;
import dev.openiam.policyservice.simulation.EvaluationResult.MatchedStatement;
import dev.openiam.policyservice.simulation.EvaluationResult.Position;

import java.util.List;

/** botocore's {@code SimulatePolicyResponse} and {@code GetContextKeysForPolicyResponse} as Query XML. */
final class SimulationXml {

    private SimulationXml() {
    }

    static void results(Element e, Page<EvaluationResult> page) {
        e.list("EvaluationResults", page.items(), SimulationXml::result).page(page.isTruncated(), page.marker());
    }

    static void contextKeys(Element e, List<String> names) {
        e.stringList("ContextKeyNames", names);
    }

    private static void result(Element e, EvaluationResult r) {
        e.text("EvalActionName", r.actionName()).text("EvalResourceName", r.resourceName()).text("EvalDecision", r.decision());
        e.list("MatchedStatements", r.matched(), SimulationXml::statement);
        e.stringList("MissingContextValues", r.missingContextValues());
        boundary(e, r.allowedByBoundary());
        if (r.resourceSpecific()) {
            e.list("ResourceSpecificResults", List.of(r), (m, one) -> {
                m.text("EvalResourceName", one.resourceName()).text("EvalResourceDecision", one.decision());
                m.list("MatchedStatements", one.matched(), SimulationXml::statement);
                m.stringList("MissingContextValues", one.missingContextValues());
                boundary(m, one.allowedByBoundary());
            });
        }
    }

    private static void boundary(Element e, Boolean allowed) {
        if (allowed != null) {
            e.element("PermissionsBoundaryDecisionDetail", d -> d.bool("AllowedByPermissionsBoundary", allowed));
        }
    }

    private static void statement(Element e, MatchedStatement s) {
        e.text("SourcePolicyId", s.sourcePolicyId()).text("SourcePolicyType", s.sourcePolicyType());
        position(e, "StartPosition", s.start());
        position(e, "EndPosition", s.end());
    }

    private static void position(Element e, String name, Position p) {
        if (p != null) {
            e.element(name, x -> x.integer("Line", p.line()).integer("Column", p.column()));
        }
    }
}
