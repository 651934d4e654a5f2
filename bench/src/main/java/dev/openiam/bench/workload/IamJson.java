package dev.openiam.bench.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The workload's policies as IAM policy documents (JSON), the input of our engine. */
public final class IamJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IamJson() {
    }

    public static String document(PolicySpec policy) {
        ObjectNode document = JSON.createObjectNode();
        document.put("Version", "2012-10-17");
        ArrayNode statements = document.putArray("Statement");
        for (StatementSpec s : policy.statements()) {
            ObjectNode statement = statements.addObject();
            statement.put("Sid", s.sid());
            statement.put("Effect", s.allow() ? "Allow" : "Deny");
            ArrayNode actions = statement.putArray(s.notAction() ? "NotAction" : "Action");
            s.actions().forEach(actions::add);
            ArrayNode resources = statement.putArray("Resource");
            s.resources().forEach(resources::add);
            if (!s.conditions().isEmpty()) {
                ObjectNode condition = statement.putObject("Condition");
                for (ConditionSpec c : s.conditions()) {
                    ObjectNode operator = condition.has(c.kind().operator())
                            ? (ObjectNode) condition.get(c.kind().operator()) : condition.putObject(c.kind().operator());
                    ArrayNode values = operator.putArray(c.kind().key());
                    c.values().forEach(values::add);
                }
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
