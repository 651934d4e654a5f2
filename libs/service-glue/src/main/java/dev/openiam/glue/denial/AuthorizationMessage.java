package dev.openiam.glue.denial;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an AccessDenied answer's encoded authorization message says, as STS DecodeAuthorizationMessage returns it:
 * whether the request was allowed, whether an explicit deny decided it, the statements that did, and the request's
 * context (principal, action, resource, condition keys).
 *
 * @param allowed           whether the request was allowed (never, for a message of a denial)
 * @param explicitDeny      whether a Deny statement decided it (otherwise no statement allowed it)
 * @param matchedStatements the statements that decided it ({@code policy:Sid} or {@code policy:Statement[i]})
 * @param principalId       the caller's unique id ({@code AIDA…}, {@code AROA…:SESSION}, the account for root)
 * @param principalArn      the caller's ARN
 * @param action            the action asked, {@code service:Action}
 * @param resource          the resource asked about
 * @param conditions        the condition keys of the request and their values
 */
public record AuthorizationMessage(boolean allowed, boolean explicitDeny, List<String> matchedStatements, String principalId,
                                   String principalArn, String action, String resource, Map<String, List<String>> conditions) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public AuthorizationMessage {
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(action, "action");
        matchedStatements = matchedStatements == null ? List.of() : List.copyOf(matchedStatements);
        conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
    }

    /** A denial nothing evaluated: no statement, no condition keys (a rule of the service, not a policy, refused). */
    public static AuthorizationMessage denied(String principalId, String principalArn, String action, String resource) {
        return new AuthorizationMessage(false, false, List.of(), principalId, principalArn, action, resource, Map.of());
    }

    /**
     * The DecodedMessage document, in AWS's shape: {@code {"allowed", "explicitDeny", "matchedStatements": {"items"},
     * "failures": {"items"}, "context": {"principal": {"id", "arn"}, "action", "resource", "conditions": {"items":
     * [{"key", "values": {"items": [{"value"}]}}]}}}}; condition keys sorted.
     */
    public String toDecodedJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("allowed", allowed).put("explicitDeny", explicitDeny);
        ArrayNode statements = root.putObject("matchedStatements").putArray("items");
        for (String statement : matchedStatements) {
            statements.addObject().put("statementId", statement).put("effect", explicitDeny ? "DENY" : "ALLOW");
        }
        root.putObject("failures").putArray("items");
        ObjectNode context = root.putObject("context");
        ObjectNode principal = context.putObject("principal");
        if (principalId != null) {
            principal.put("id", principalId);
        }
        principal.put("arn", principalArn);
        context.put("action", action);
        if (resource != null) {
            context.put("resource", resource);
        }
        ArrayNode items = context.putObject("conditions").putArray("items");
        new TreeMap<>(conditions).forEach((key, values) -> {
            ArrayNode valueItems = items.addObject().put("key", key).putObject("values").putArray("items");
            values.forEach(value -> valueItems.addObject().put("value", value));
        });
        return root.toString();
    }
}
