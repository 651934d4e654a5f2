package dev.openiam.policy.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.model.ConditionEntry;
import dev.openiam.policy.model.Effect;
import dev.openiam.policy.model.PolicyDocument;
import dev.openiam.policy.model.PrincipalBlock;
import dev.openiam.policy.model.Statement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
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

    private final PolicyType type;
    private final LocatedJson json;
    private final Problems problems;
    private final PrincipalGrammar principals;
    private final ConditionGrammar conditions;

    private PolicyParser(PolicyType type, LocatedJson json, List<Finding> errors) {
        this.type = type;
        this.json = json;
        this.problems = new Problems(json, errors);
        this.principals = new PrincipalGrammar(problems);
        this.conditions = new ConditionGrammar(problems);
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
            errors.add(Problems.error("EMPTY_DOCUMENT", "the policy document is missing", ""));
            return new Result(null, null, errors);
        }
        checkCharactersAndSize(text, kind, errors);
        LocatedJson json;
        try {
            json = LocatedJson.parse(text);
        } catch (LocatedJson.SyntaxException e) {
            errors.add(Problems.error("JSON_SYNTAX", e.getMessage(), Problems.position(e.line(), e.column())));
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
                errors.add(Problems.error("INVALID_CHARACTER", String.format(
                        "the character `U+%04X` is not allowed; a policy may hold TAB, LF, CR and U+0020 to U+00FF",
                        (int) c), Problems.position(line, col)));
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
            errors.add(Problems.error(POLICY_SIZE, "the policy has " + size + " characters without white space, more than the "
                    + kind.maxCharacters() + " allowed for " + (name.startsWith("inline") ? "an " : "a ") + name
                    + " policy", ""));
        }
    }

    // ---------------------------------------------------------------- document

    private PolicyDocument document() {
        JsonNode root = json.root();
        if (!root.isObject()) {
            problems.add("NOT_AN_OBJECT", "the policy document must be a JSON object", "", "");
            return null;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TOP_LEVEL.contains(name)) {
                problems.add("UNKNOWN_FIELD", "unknown top-level field `" + name + "`", name, "/" + LocatedJson.escape(name));
            }
        }
        String version = null;
        JsonNode v = root.get("Version");
        if (v != null) {
            if (v.isTextual() && (v.asText().equals(PolicyDocument.VERSION_2012)
                    || v.asText().equals(PolicyDocument.VERSION_2008))) {
                version = v.asText();
            } else {
                problems.add("INVALID_VERSION", "invalid `Version` " + show(v) + "; expected `2012-10-17` or `2008-10-17`",
                        "Version", "/Version");
            }
        }
        String id = null;
        JsonNode idNode = root.get("Id");
        if (idNode != null) {
            if (idNode.isTextual()) {
                id = idNode.asText();
            } else {
                problems.add("INVALID_ID", "`Id` must be a string", "Id", "/Id");
            }
        }
        JsonNode st = root.get("Statement");
        List<Statement> statements = new ArrayList<>();
        if (st == null) {
            problems.add("MISSING_STATEMENT", "the policy has no `Statement`", "", "");
        } else if (st.isObject()) {
            addIfPresent(statements, statement(st, 0, "/Statement", new HashSet<>()));
        } else if (st.isArray()) {
            if (st.isEmpty()) {
                problems.add("MISSING_STATEMENT", "`Statement` must hold at least one statement", "Statement", "/Statement");
            }
            Set<String> sids = new HashSet<>();
            for (int i = 0; i < st.size(); i++) {
                addIfPresent(statements, statement(st.get(i), i, "/Statement/" + i, sids));
            }
        } else {
            problems.add("INVALID_STATEMENT", "`Statement` must be an object or an array of objects", "Statement", "/Statement");
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
            problems.add("INVALID_STATEMENT", "each statement must be a JSON object", where, ptr);
            return null;
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!STATEMENT_FIELDS.contains(name)) {
                problems.add("UNKNOWN_FIELD", "unknown field `" + name + "` in " + label(where, null), where + "." + name,
                        ptr + "/" + LocatedJson.escape(name));
            }
        }
        String sid = null;
        JsonNode sidNode = s.get("Sid");
        if (sidNode != null) {
            if (!sidNode.isTextual()) {
                problems.add("INVALID_SID", "`Sid` must be a string", where + ".Sid", ptr + "/Sid");
            } else {
                sid = sidNode.asText();
                if (type != PolicyType.RESOURCE && !sid.chars().allMatch(PolicyParser::isAlnum)) {
                    problems.add("INVALID_SID", "`Sid` `" + sid + "` must contain only letters and digits", where + ".Sid",
                            ptr + "/Sid");
                }
                if (!sid.isEmpty() && !sids.add(sid)) {
                    problems.add("DUPLICATE_SID", "the `Sid` `" + sid + "` is used by more than one statement",
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
            problems.add("MISSING_EFFECT", label + " has no `Effect`", where, ptr);
        } else if (e.isTextual() && e.asText().equals("Allow")) {
            effect = Effect.ALLOW;
        } else if (e.isTextual() && e.asText().equals("Deny")) {
            effect = Effect.DENY;
        } else {
            problems.add("INVALID_EFFECT", "invalid `Effect` " + show(e) + " in " + label + "; expected `Allow` or `Deny`",
                    where + ".Effect", ptr + "/Effect");
        }

        // principals
        JsonNode pr = s.get("Principal");
        JsonNode npr = s.get("NotPrincipal");
        PrincipalBlock principal = null;
        boolean notPrincipal = false;
        boolean principalAllowed = type == PolicyType.RESOURCE || type == PolicyType.TRUST;
        if (pr != null && npr != null) {
            problems.add("PRINCIPAL_AND_NOT_PRINCIPAL", label + " has both `Principal` and `NotPrincipal`", where, ptr);
        } else if (pr != null || npr != null) {
            String field = pr != null ? "Principal" : "NotPrincipal";
            if (!principalAllowed) {
                problems.add("PROHIBITED_PRINCIPAL", label + " has a `" + field + "`, which a " + typeName()
                        + " policy must not have", where + "." + field, ptr + "/" + field);
            } else {
                notPrincipal = npr != null;
                principal = principals.principal(pr != null ? pr : npr, where + "." + field, ptr + "/" + field, label);
            }
        } else if (principalAllowed) {
            problems.add("MISSING_PRINCIPAL", label + " has no `Principal`; a " + typeName() + " policy must name one",
                    where, ptr);
        }

        // actions
        JsonNode a = s.get("Action");
        JsonNode na = s.get("NotAction");
        List<String> actions = List.of();
        boolean notAction = false;
        if (a != null && na != null) {
            problems.add("ACTION_AND_NOT_ACTION", label + " has both `Action` and `NotAction`", where, ptr);
        } else if (a == null && na == null) {
            problems.add("MISSING_ACTION", label + " has no `Action` or `NotAction`", where, ptr);
        } else {
            notAction = na != null;
            String field = notAction ? "NotAction" : "Action";
            actions = problems.strings(notAction ? na : a, where + "." + field, ptr + "/" + field, label);
            for (int i = 0; i < actions.size(); i++) {
                String act = actions.get(i);
                if (!validAction(act)) {
                    problems.add("INVALID_ACTION", "action `" + act + "` in " + label
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
            problems.add("RESOURCE_AND_NOT_RESOURCE", label + " has both `Resource` and `NotResource`", where, ptr);
        } else if (r != null || nr != null) {
            notResource = nr != null;
            String field = notResource ? "NotResource" : "Resource";
            if (type == PolicyType.TRUST) {
                problems.add("PROHIBITED_RESOURCE", label + " has a `" + field + "`, which a trust policy must not have",
                        where + "." + field, ptr + "/" + field);
            } else {
                JsonNode node = notResource ? nr : r;
                resources = problems.strings(node, where + "." + field, ptr + "/" + field, label);
                for (int i = 0; i < resources.size(); i++) {
                    String res = resources.get(i);
                    if (!res.equals("*") && !(res.startsWith("arn:") && res.length() > 4)) {
                        problems.add("INVALID_RESOURCE", "resource `" + res + "` in " + label
                                        + " must be in ARN format or `*`", where + "." + field + "[" + i + "]",
                                ptr + "/" + field + (node.isArray() ? "/" + i : ""));
                    }
                }
            }
        } else if (type != PolicyType.TRUST) {
            problems.add("MISSING_RESOURCE", label + " has no `Resource` or `NotResource`", where, ptr);
        }

        List<ConditionEntry> conditionList = List.of();
        JsonNode c = s.get("Condition");
        if (c != null) {
            conditionList = this.conditions.conditions(c, where + ".Condition", ptr + "/Condition", label);
        }
        return new Statement(index, sid, effect, principal, notPrincipal, actions, notAction, resources, notResource,
                conditionList);
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

    // ---------------------------------------------------------------- helpers

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

}
