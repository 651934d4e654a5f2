package dev.openiam.policy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.policy.CompiledPolicy;
import dev.openiam.policy.Decision;
import dev.openiam.policy.Finding;
import dev.openiam.policy.Outcome;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyException;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicySet;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.PrincipalKind;
import dev.openiam.policy.Request;
import dev.openiam.policy.RequestContext;
import dev.openiam.policy.StatementRef;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line: {@code validate FILE --type TYPE [--kind KIND]} and {@code evaluate} (JSON Lines on
 * standard input and output). Exit codes: 0 fine, 1 the document has errors, 2 bad usage or unreadable input.
 */
public final class PolicyCli {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final String USAGE = """
            usage: policy-engine-cli validate FILE --type identity|resource|trust|boundary|session \
            [--kind managed|inline-user|inline-group|inline-role|trust|session|resource]
                   policy-engine-cli evaluate   (JSON Lines: one case per line on stdin, one answer per line on stdout)""";

    private PolicyCli() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.in, out, err));
    }

    /** Runs one command; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        return switch (args[0]) {
            case "validate" -> validate(args, out, err);
            case "evaluate" -> evaluate(in, out, err);
            case "help", "--help", "-h" -> {
                out.println(USAGE);
                yield 0;
            }
            default -> {
                err.println("unknown command `" + args[0] + "`");
                err.println(USAGE);
                yield 2;
            }
        };
    }

    // ------------------------------------------------------------------ validate

    private static int validate(String[] args, PrintStream out, PrintStream err) {
        String file = null;
        PolicyType type = null;
        PolicyKind kind = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--type") || a.equals("--kind")) && i + 1 < args.length) {
                String v = args[++i];
                if (a.equals("--type")) {
                    type = parseType(v);
                    if (type == null) {
                        err.println("unknown policy type `" + v + "`");
                        return 2;
                    }
                } else {
                    kind = parseKind(v);
                    if (kind == null) {
                        err.println("unknown policy kind `" + v + "`");
                        return 2;
                    }
                }
            } else if (!a.startsWith("--") && file == null) {
                file = a;
            } else {
                err.println("unexpected argument `" + a + "`");
                err.println(USAGE);
                return 2;
            }
        }
        if (file == null || type == null) {
            err.println(USAGE);
            return 2;
        }
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte-order mark belongs to the file, not to the policy
            }
        } catch (IOException | RuntimeException e) {
            err.println("cannot read `" + file + "`");
            return 2;
        }
        List<Finding> findings = PolicyEngine.validate(text, type, kind != null ? kind : PolicyKind.defaultFor(type));
        boolean errors = false;
        for (Finding f : findings) {
            errors |= f.isError();
            out.println(f.severity().name().toLowerCase(Locale.ROOT) + " " + f.code()
                    + (f.location() == null || f.location().isEmpty() ? "" : " at " + f.location()) + ": "
                    + f.message());
        }
        if (findings.isEmpty()) {
            out.println("no findings");
        }
        return errors ? 1 : 0;
    }

    static PolicyType parseType(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "identity" -> PolicyType.IDENTITY;
            case "resource" -> PolicyType.RESOURCE;
            case "trust" -> PolicyType.TRUST;
            case "boundary", "permission-boundary", "permissions-boundary" -> PolicyType.PERMISSION_BOUNDARY;
            case "session" -> PolicyType.SESSION;
            default -> null;
        };
    }

    static PolicyKind parseKind(String v) {
        try {
            return PolicyKind.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ evaluate

    private static int evaluate(InputStream in, PrintStream out, PrintStream err) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                out.println(answer(line));
            }
        } catch (IOException e) {
            err.println("cannot read standard input");
            return 2;
        }
        out.flush();
        return 0;
    }

    /** The answer line for one case line; never throws. */
    public static String answer(String line) {
        ObjectNode result = MAPPER.createObjectNode();
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            result.putNull("id");
            result.put("error", "the line is not valid JSON");
            return result.toString();
        }
        if (root == null || !root.isObject()) {
            result.putNull("id");
            result.put("error", "each line must be a JSON object");
            return result.toString();
        }
        JsonNode id = root.get("id");
        result.set("id", id == null ? MAPPER.nullNode() : id);
        try {
            Case c = readCase((ObjectNode) root);
            Decision d = c.policies.explain(c.request);
            result.put("decision", d.outcome().wireName());
            ArrayNode reasons = result.putArray("reasons");
            if (d.outcome() == Outcome.IMPLICIT_DENY) {
                reasons.add("no " + d.missingAllow().phrase() + " allows the " + c.request.action() + " action");
            } else {
                for (StatementRef ref : d.statements()) {
                    reasons.add(ref.toString());
                }
            }
            if (!d.isAllowed()) {
                result.put("message", d.message(c.request.principal(), c.request.action(), c.request.resource()));
            }
        } catch (CaseException e) {
            result.remove(List.of("decision", "reasons", "message"));
            result.put("error", e.getMessage());
        } catch (RuntimeException e) {
            result.remove(List.of("decision", "reasons", "message"));
            result.put("error", "the case could not be evaluated");
        }
        return result.toString();
    }

    private record Case(PolicySet policies, Request request) {
    }

    private static final class CaseException extends Exception {
        CaseException(String message) {
            super(message, null, false, false);
        }
    }

    private static Case readCase(ObjectNode root) throws CaseException {
        PolicySet.Builder set = PolicySet.builder();
        JsonNode identity = root.get("identityPolicies");
        if (identity != null && !identity.isNull()) {
            if (!identity.isArray()) {
                throw new CaseException("`identityPolicies` must be an array of policy documents");
            }
            for (int i = 0; i < identity.size(); i++) {
                set.identityPolicy(policy("identityPolicies[" + i + "]", identity.get(i), PolicyType.IDENTITY));
            }
        }
        CompiledPolicy boundary = optionalPolicy(root, "permissionBoundary", PolicyType.PERMISSION_BOUNDARY);
        set.permissionBoundary(boundary);
        set.sessionPolicy(optionalPolicy(root, "sessionPolicy", PolicyType.SESSION));
        JsonNode sessions = root.get("sessionPolicies");
        if (sessions != null && !sessions.isNull()) {
            if (!sessions.isArray()) {
                throw new CaseException("`sessionPolicies` must be an array of policy documents");
            }
            for (int i = 0; i < sessions.size(); i++) {
                set.sessionPolicy(policy("sessionPolicies[" + i + "]", sessions.get(i), PolicyType.SESSION));
            }
        }
        CompiledPolicy resource = optionalPolicy(root, "resourcePolicy", PolicyType.RESOURCE);
        CompiledPolicy trust = optionalPolicy(root, "trustPolicy", PolicyType.TRUST);
        if (resource != null && trust != null) {
            throw new CaseException("give either `resourcePolicy` or `trustPolicy`, not both");
        }
        set.resourcePolicy(resource != null ? resource : trust);
        JsonNode req = root.get("request");
        if (req == null || !req.isObject()) {
            throw new CaseException("the case has no `request` object");
        }
        Request.Builder rb = Request.builder()
                .principal(text(req, "principal"))
                .action(required(req, "action"))
                .resource(text(req, "resource"))
                .resourceAccount(text(req, "resourceAccount"))
                .roleArn(text(req, "roleArn"));
        String kind = text(req, "principalType");
        if (kind != null) {
            try {
                rb.principalKind(PrincipalKind.valueOf(kind.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new CaseException("unknown `principalType` `" + kind + "`");
            }
        }
        rb.context(context(req.get("context")));
        return new Case(set.build(), rb.build());
    }

    private static CompiledPolicy optionalPolicy(JsonNode root, String field, PolicyType type) throws CaseException {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : policy(field, n, type);
    }

    private static CompiledPolicy policy(String name, JsonNode doc, PolicyType type) throws CaseException {
        String text = doc.isTextual() ? doc.asText() : doc.toString();
        // evaluation does not know where a document is stored: allow the largest limit of its type
        PolicyKind kind = type == PolicyType.IDENTITY ? PolicyKind.INLINE_ROLE : PolicyKind.defaultFor(type);
        try {
            return PolicyEngine.compile(name, text, type, kind);
        } catch (PolicyException e) {
            throw new CaseException("`" + name + "`: " + e.errorCode() + ": " + e.getMessage());
        }
    }

    static RequestContext context(JsonNode ctx) throws CaseException {
        if (ctx == null || ctx.isNull()) {
            return RequestContext.empty();
        }
        if (!ctx.isObject()) {
            throw new CaseException("`context` must be an object");
        }
        RequestContext.Builder b = RequestContext.builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = ctx.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isArray()) {
                List<String> values = new ArrayList<>();
                for (JsonNode item : v) {
                    if (!item.isValueNode() || item.isNull()) {
                        throw new CaseException("context key `" + e.getKey() + "` must hold strings, numbers or booleans");
                    }
                    values.add(item.asText());
                }
                b.put(e.getKey(), values);
            } else if (v.isValueNode() && !v.isNull()) {
                b.put(e.getKey(), v.asText());
            } else {
                throw new CaseException("context key `" + e.getKey() + "` must be a string, number, boolean or array");
            }
        }
        return b.build();
    }

    private static String text(JsonNode o, String field) throws CaseException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new CaseException("`" + field + "` must be a string");
        }
        return n.asText();
    }

    private static String required(JsonNode o, String field) throws CaseException {
        String v = text(o, field);
        if (v == null || v.isEmpty()) {
            throw new CaseException("the request has no `" + field + "`");
        }
        return v;
    }
}
