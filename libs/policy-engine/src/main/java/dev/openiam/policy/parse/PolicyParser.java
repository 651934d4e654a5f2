package dev.openiam.policy.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.condition.BaseOperator;
import dev.openiam.policy.condition.IpRange;
import dev.openiam.policy.condition.OperatorName;
import dev.openiam.policy.condition.Values;
import dev.openiam.policy.model.ConditionEntry;
import dev.openiam.policy.model.Effect;
import dev.openiam.policy.model.PolicyDocument;
import dev.openiam.policy.model.PrincipalBlock;
import dev.openiam.policy.model.Statement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grammar of IAM policy documents: characters, size, JSON, then every element of every statement, with
 * the rules of each policy type. Collects every error it finds rather than stopping at the first.
 */
public final class PolicyParser {

    /** Finding code of a document over its size limit; rejected with {@code LimitExceeded}. */
    public static final String POLICY_SIZE = "POLICY_SIZE";

    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

    private final PolicyType type;
    private final LocatedJson json;
    private final List<Finding> errors;
    private boolean variables;

    private PolicyParser(PolicyType type, LocatedJson json, List<Finding> errors) {
        this.type = type;
        this.json = json;
        this.errors = errors;
    }

    /** The outcome of parsing: a document when there were no errors, the JSON tree when the text was JSON. */
    public record Result(PolicyDocument document, JsonNode tree, List<Finding> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Result parse(String text, PolicyType type, PolicyKind kind) {
        List<Finding> errors = new ArrayList<>();
        if (text == null) {
            errors.add(error("EMPTY_DOCUMENT", "the policy document is missing", ""));
            return new Result(null, null, errors);
        }
        checkCharactersAndSize(text, kind, errors);
        LocatedJson json;
        try {
            json = LocatedJson.parse(text);
        } catch (LocatedJson.SyntaxException e) {
            errors.add(error("JSON_SYNTAX", e.getMessage(), position(e.line(), e.column())));
            return new Result(null, null, errors);
        }
        PolicyParser p = new PolicyParser(type, json, errors);
        PolicyDocument doc = p.document();
        return new Result(errors.isEmpty() ? doc : null, json.root(), errors);
    }

    private static void checkCharactersAndSize(String text, PolicyKind kind, List<Finding> errors) {
        int line = 1;
        int col = 1;
        int size = 0;
        boolean reported = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
            if (!space) {
                size++;
            }
            if (!reported && !(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFF))) {
                errors.add(error("INVALID_CHARACTER", String.format(
                        "the character `U+%04X` is not allowed; a policy may hold TAB, LF, CR and U+0020 to U+00FF",
                        (int) c), position(line, col)));
                reported = true;
            }
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        if (size > kind.maxCharacters()) {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            errors.add(error(POLICY_SIZE, "the policy has " + size + " characters without white space, more than the "
                    + kind.maxCharacters() + " allowed for " + (name.startsWith("inline") ? "an " : "a ") + name
                    + " policy", ""));
        }
    }

    // ---------------------------------------------------------------- document

    private PolicyDocument document() {
        JsonNode root = json.root();
        if (!root.isObject()) {
            add("NOT_AN_OBJECT", "the policy document must be a JSON object", "", "");
            return null;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TOP_LEVEL.contains(name)) {
                add("UNKNOWN_FIELD", "unknown top-level field `" + name + "`", name, "/" + LocatedJson.escape(name));
            }
        }
        String version = null;
        JsonNode v = root.get("Version");
        if (v != null) {
            if (v.isTextual() && (v.asText().equals(PolicyDocument.VERSION_2012)
                    || v.asText().equals(PolicyDocument.VERSION_2008))) {
                version = v.asText();
            } else {
                add("INVALID_VERSION", "invalid `Version` " + show(v) + "; expected `2012-10-17` or `2008-10-17`",
                        "Version", "/Version");
            }
        }
        variables = PolicyDocument.VERSION_2012.equals(version);
        String id = null;
        JsonNode idNode = root.get("Id");
        if (idNode != null) {
            if (idNode.isTextual()) {
                id = idNode.asText();
            } else {
                add("INVALID_ID", "`Id` must be a string", "Id", "/Id");
            }
        }
        JsonNode st = root.get("Statement");
        List<Statement> statements = new ArrayList<>();
        if (st == null) {
            add("MISSING_STATEMENT", "the policy has no `Statement`", "", "");
        } else if (st.isObject()) {
            addIfPresent(statements, statement(st, 0, "/Statement", new HashSet<>()));
        } else if (st.isArray()) {
            if (st.isEmpty()) {
                add("MISSING_STATEMENT", "`Statement` must hold at least one statement", "Statement", "/Statement");
            }
            Set<String> sids = new HashSet<>();
            for (int i = 0; i < st.size(); i++) {
                addIfPresent(statements, statement(st.get(i), i, "/Statement/" + i, sids));
            }
        } else {
            add("INVALID_STATEMENT", "`Statement` must be an object or an array of objects", "Statement", "/Statement");
        }
        return new PolicyDocument(version, id, statements);
    }

    private static void addIfPresent(List<Statement> statements, Statement s) {
        if (s != null) {
            statements.add(s);
        }
    }

    // ---------------------------------------------------------------- statement

    private Statement statement(JsonNode s, int index, String ptr, Set<String> sids) {
        String where = "Statement[" + index + "]";
        if (!s.isObject()) {
            add("INVALID_STATEMENT", "each statement must be a JSON object", where, ptr);
            return null;
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!STATEMENT_FIELDS.contains(name)) {
                add("UNKNOWN_FIELD", "unknown field `" + name + "` in " + label(where, null), where + "." + name,
                        ptr + "/" + LocatedJson.escape(name));
            }
        }
        String sid = null;
        JsonNode sidNode = s.get("Sid");
        if (sidNode != null) {
            if (!sidNode.isTextual()) {
                add("INVALID_SID", "`Sid` must be a string", where + ".Sid", ptr + "/Sid");
            } else {
                sid = sidNode.asText();
                if (type != PolicyType.RESOURCE && !sid.chars().allMatch(PolicyParser::isAlnum)) {
                    add("INVALID_SID", "`Sid` `" + sid + "` must contain only letters and digits", where + ".Sid",
                            ptr + "/Sid");
                }
                if (!sid.isEmpty() && !sids.add(sid)) {
                    add("DUPLICATE_SID", "the `Sid` `" + sid + "` is used by more than one statement",
                            where + ".Sid", ptr + "/Sid");
                }
                if (sid.isEmpty()) {
                    sid = null;
                }
            }
        }
        String label = label(where, sid);

        Effect effect = null;
        JsonNode e = s.get("Effect");
        if (e == null) {
            add("MISSING_EFFECT", label + " has no `Effect`", where, ptr);
        } else if (e.isTextual() && e.asText().equals("Allow")) {
            effect = Effect.ALLOW;
        } else if (e.isTextual() && e.asText().equals("Deny")) {
            effect = Effect.DENY;
        } else {
            add("INVALID_EFFECT", "invalid `Effect` " + show(e) + " in " + label + "; expected `Allow` or `Deny`",
                    where + ".Effect", ptr + "/Effect");
        }

        // principals
        JsonNode pr = s.get("Principal");
        JsonNode npr = s.get("NotPrincipal");
        PrincipalBlock principal = null;
        boolean notPrincipal = false;
        boolean principalAllowed = type == PolicyType.RESOURCE || type == PolicyType.TRUST;
        if (pr != null && npr != null) {
            add("PRINCIPAL_AND_NOT_PRINCIPAL", label + " has both `Principal` and `NotPrincipal`", where, ptr);
        } else if (pr != null || npr != null) {
            String field = pr != null ? "Principal" : "NotPrincipal";
            if (!principalAllowed) {
                add("PROHIBITED_PRINCIPAL", label + " has a `" + field + "`, which a " + typeName()
                        + " policy must not have", where + "." + field, ptr + "/" + field);
            } else {
                notPrincipal = npr != null;
                principal = principal(pr != null ? pr : npr, where + "." + field, ptr + "/" + field, label);
            }
        } else if (principalAllowed) {
            add("MISSING_PRINCIPAL", label + " has no `Principal`; a " + typeName() + " policy must name one",
                    where, ptr);
        }

        // actions
        JsonNode a = s.get("Action");
        JsonNode na = s.get("NotAction");
        List<String> actions = List.of();
        boolean notAction = false;
        if (a != null && na != null) {
            add("ACTION_AND_NOT_ACTION", label + " has both `Action` and `NotAction`", where, ptr);
        } else if (a == null && na == null) {
            add("MISSING_ACTION", label + " has no `Action` or `NotAction`", where, ptr);
        } else {
            notAction = na != null;
            String field = notAction ? "NotAction" : "Action";
            actions = strings(notAction ? na : a, where + "." + field, ptr + "/" + field, label);
            for (int i = 0; i < actions.size(); i++) {
                String act = actions.get(i);
                if (!validAction(act)) {
                    add("INVALID_ACTION", "action `" + act + "` in " + label
                                    + " must be `*` or a service prefix and an action name, e.g. `s3:GetObject`",
                            where + "." + field + "[" + i + "]", ptr + "/" + field + (a != null && a.isArray()
                                    || na != null && na.isArray() ? "/" + i : ""));
                }
            }
        }

        // resources
        JsonNode r = s.get("Resource");
        JsonNode nr = s.get("NotResource");
        List<String> resources = null;
        boolean notResource = false;
        if (r != null && nr != null) {
            add("RESOURCE_AND_NOT_RESOURCE", label + " has both `Resource` and `NotResource`", where, ptr);
        } else if (r != null || nr != null) {
            notResource = nr != null;
            String field = notResource ? "NotResource" : "Resource";
            if (type == PolicyType.TRUST) {
                add("PROHIBITED_RESOURCE", label + " has a `" + field + "`, which a trust policy must not have",
                        where + "." + field, ptr + "/" + field);
            } else {
                JsonNode node = notResource ? nr : r;
                resources = strings(node, where + "." + field, ptr + "/" + field, label);
                for (int i = 0; i < resources.size(); i++) {
                    String res = resources.get(i);
                    if (!res.equals("*") && !(res.startsWith("arn:") && res.length() > 4)) {
                        add("INVALID_RESOURCE", "resource `" + res + "` in " + label
                                        + " must be in ARN format or `*`", where + "." + field + "[" + i + "]",
                                ptr + "/" + field + (node.isArray() ? "/" + i : ""));
                    }
                }
            }
        } else if (type != PolicyType.TRUST) {
            add("MISSING_RESOURCE", label + " has no `Resource` or `NotResource`", where, ptr);
        }

        List<ConditionEntry> conditions = List.of();
        JsonNode c = s.get("Condition");
        if (c != null) {
            conditions = conditions(c, where + ".Condition", ptr + "/Condition", label);
        }
        return new Statement(index, sid, effect, principal, notPrincipal, actions, notAction, resources, notResource,
                conditions);
    }

    private static boolean isAlnum(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean validAction(String a) {
        if (a.equals("*")) {
            return true;
        }
        int colon = a.indexOf(':');
        if (colon <= 0 || colon == a.length() - 1) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char ch = a.charAt(i);
            if (!(isAlnum(ch) || ch == '-' || ch == '*' || ch == '?')) {
                return false;
            }
        }
        return a.indexOf(':', colon + 1) < 0;
    }

    // ---------------------------------------------------------------- principal

    private PrincipalBlock principal(JsonNode node, String where, String ptr, String label) {
        if (node.isTextual()) {
            if (node.asText().equals("*")) {
                return PrincipalBlock.wildcard();
            }
            add("INVALID_PRINCIPAL", "invalid principal `" + node.asText() + "` in " + label
                    + "; use `\"*\"` or an object such as `{\"AWS\": \"arn:…\"}`", where, ptr);
            return null;
        }
        if (!node.isObject() || node.isEmpty()) {
            add("INVALID_PRINCIPAL", "the principal in " + label + " must be `\"*\"` or a non-empty object", where, ptr);
            return null;
        }
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String kind = f.getKey();
            String w = where + "." + kind;
            String p = ptr + "/" + LocatedJson.escape(kind);
            if (!PRINCIPAL_TYPES.contains(kind)) {
                add("INVALID_PRINCIPAL", "unknown principal type `" + kind + "` in " + label
                        + "; expected `AWS`, `Service`, `Federated` or `CanonicalUser`", w, p);
                continue;
            }
            List<String> names = strings(f.getValue(), w, p, label);
            for (String name : names) {
                String problem = principalProblem(kind, name);
                if (problem != null) {
                    add("INVALID_PRINCIPAL", "invalid principal `" + name + "` in " + label + ": " + problem, w, p);
                }
            }
            entries.put(kind, names);
        }
        return new PrincipalBlock(false, entries);
    }

    private static String principalProblem(String kind, String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.equals("*")) {
            return kind.equals("AWS") ? null : "only `AWS` principals may be `*`";
        }
        if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0) {
            return "wildcards cannot match part of a principal";
        }
        if (kind.equals("AWS")) {
            if (name.length() == 12 && name.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return null;
            }
            String[] parts = name.split(":", 6);
            if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty()
                    || !(parts[2].equals("iam") || parts[2].equals("sts")) || parts[5].isEmpty()) {
                return "expected an account id or an IAM or STS ARN";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- condition

    private List<ConditionEntry> conditions(JsonNode node, String where, String ptr, String label) {
        List<ConditionEntry> out = new ArrayList<>();
        if (!node.isObject()) {
            add("INVALID_CONDITION", "`Condition` in " + label + " must be an object", where, ptr);
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String opText = f.getKey();
            String w = where + "." + opText;
            String p = ptr + "/" + LocatedJson.escape(opText);
            OperatorName op = OperatorName.parse(opText);
            if (op == null) {
                add("INVALID_CONDITION_OPERATOR", "unknown condition operator `" + opText + "` in " + label, w, p);
                continue;
            }
            JsonNode block = f.getValue();
            if (!block.isObject()) {
                add("INVALID_CONDITION", "the `" + opText + "` block in " + label
                        + " must be an object of condition keys", w, p);
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> kt = block.fields(); kt.hasNext(); ) {
                Map.Entry<String, JsonNode> k = kt.next();
                String key = k.getKey();
                String kw = w + "." + key;
                String kp = p + "/" + LocatedJson.escape(key);
                int colon = key.indexOf(':');
                if (colon <= 0 || colon == key.length() - 1) {
                    add("INVALID_CONDITION_KEY", "condition key `" + key + "` in " + label
                            + " must be a service prefix and a key name, e.g. `aws:SourceIp`", kw, kp);
                    continue;
                }
                List<String> values = conditionValues(k.getValue(), kw, kp, label);
                if (values == null) {
                    continue;
                }
                for (String value : values) {
                    String problem = valueProblem(op.base(), value);
                    if (problem != null) {
                        add("INVALID_CONDITION_VALUE", "invalid value `" + value + "` for `" + opText + "` on `"
                                + key + "` in " + label + ": " + problem, kw, kp);
                    }
                }
                out.add(new ConditionEntry(opText, key, values));
            }
        }
        return out;
    }

    private List<String> conditionValues(JsonNode v, String where, String ptr, String label) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!scalar(item)) {
                    add("INVALID_CONDITION_VALUE", "condition values in " + label
                            + " must be strings, numbers or booleans", where + "[" + i + "]", ptr + "/" + i);
                    return null;
                }
                out.add(item.asText());
            }
            return out;
        }
        if (!scalar(v)) {
            add("INVALID_CONDITION_VALUE", "condition values in " + label
                    + " must be strings, numbers or booleans, or an array of them", where, ptr);
            return null;
        }
        out.add(v.asText());
        return out;
    }

    private static boolean scalar(JsonNode n) {
        return n.isTextual() || n.isNumber() || n.isBoolean();
    }

    private static String valueProblem(BaseOperator op, String value) {
        switch (op.family()) {
            case NUMERIC:
                return Values.parseNumber(value) == null ? "not a number" : null;
            case DATE:
                return Values.parseDate(value) == Values.NOT_A_DATE
                        ? "not an ISO 8601 date or epoch seconds" : null;
            case BOOL:
            case NULL:
                return Values.parseBool(value) == null ? "expected `true` or `false`" : null;
            case BINARY:
                return Values.parseBase64(value) == null ? "not base64" : null;
            case IP:
                return IpRange.parse(value) == null ? "not an IPv4 or IPv6 address or CIDR block" : null;
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A string or a non-empty array of strings. */
    private List<String> strings(JsonNode node, String where, String ptr, String label) {
        List<String> out = new ArrayList<>();
        String field = where.substring(where.lastIndexOf('.') + 1);
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isTextual()) {
                    out.add(item.asText());
                } else {
                    add("INVALID_VALUE", "`" + field + "` in " + label + " must hold only strings",
                            where + "[" + i + "]", ptr + "/" + i);
                }
            }
        } else {
            add("INVALID_VALUE", "`" + field + "` in " + label + " must be a string or a non-empty array of strings",
                    where, ptr);
        }
        return out;
    }

    private String typeName() {
        return switch (type) {
            case IDENTITY -> "identity";
            case RESOURCE -> "resource";
            case TRUST -> "trust";
            case PERMISSION_BOUNDARY -> "permissions boundary";
            case SESSION -> "session";
        };
    }

    private static String label(String where, String sid) {
        return sid == null ? "statement " + where.substring(where.indexOf('[') + 1, where.indexOf(']'))
                : "statement `" + sid + "`";
    }

    private static String show(JsonNode v) {
        return v.isTextual() ? "`" + v.asText() + "`" : "`" + v + "`";
    }

    private void add(String code, String message, String where, String pointer) {
        int[] pos = json.position(pointer);
        String loc = where;
        if (pos != null) {
            String at = position(pos[0], pos[1]);
            loc = where.isEmpty() ? at : where + " (" + at + ")";
        }
        errors.add(error(code, message, loc));
    }

    private static String position(int line, int column) {
        return "line " + line + ", column " + column;
    }

    private static Finding error(String code, String message, String location) {
        return new Finding(Finding.Severity.ERROR, code, message, location);
    }
}
