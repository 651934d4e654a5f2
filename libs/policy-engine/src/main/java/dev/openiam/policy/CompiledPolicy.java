package dev.openiam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.policy.eval.CompiledBody;
import dev.openiam.policy.model.PolicyDocument;
import dev.openiam.policy.parse.PolicyPrinter;

/**
 * A policy document that passed validation, compiled for evaluation: wildcards built once, statements
 * indexed by service and action. Immutable and thread-safe; compile once, evaluate many times. Obtain one
 * from {@link PolicyEngine#compile}.
 */
public final class CompiledPolicy {

    private final String id;
    private final PolicyType type;
    private final PolicyDocument document;
    private final JsonNode json;
    private final CompiledBody body;

    CompiledPolicy(String id, PolicyType type, PolicyDocument document, JsonNode json) {
        this.id = id;
        this.type = type;
        this.document = document;
        this.json = json;
        this.body = new CompiledBody(document, id);
    }

    /** The caller's name for the policy (e.g. its ARN), used in {@link StatementRef}s. */
    public String id() {
        return id;
    }

    /** The grammar the document was checked against. */
    public PolicyType type() {
        return type;
    }

    /** {@code 2012-10-17}, {@code 2008-10-17}, or {@code null} when the document had no {@code Version}. */
    public String version() {
        return document.version();
    }

    /** The parsed document. */
    public PolicyDocument document() {
        return document;
    }

    /** The document as read (a deep copy, so the policy stays immutable). */
    public JsonNode json() {
        return json.deepCopy();
    }

    /** The document as canonical JSON (see {@link dev.openiam.policy.parse.PolicyPrinter}). */
    public String toCanonicalJson() {
        return PolicyPrinter.print(document);
    }

    public int statementCount() {
        return body.statementCount();
    }

    CompiledBody body() {
        return body;
    }

    @Override
    public String toString() {
        return "CompiledPolicy[" + id + ", " + type + ", " + statementCount() + " statements]";
    }
}
