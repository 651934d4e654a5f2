package dev.openiam.bench.casbin;

import dev.openiam.bench.workload.ConditionSpec;
import dev.openiam.bench.workload.PolicySpec;
import dev.openiam.bench.workload.Principal;
import dev.openiam.bench.workload.StatementSpec;
import dev.openiam.bench.workload.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The workload's statements as jCasbin policy rules under one ABAC model ({@link #MODEL}): a rule per
 * statement with its actions and resources as anchored regular expressions (from the IAM wildcards),
 * whether the action list is a {@code NotAction}, its conditions as an expression evaluated with
 * {@code eval()}, and its effect; the policy effect is deny-overrides, IAM's explicit-deny rule.
 * Actions are compared lower-cased; policy variables, all bound to the principal here, are substituted
 * when translating for this principal.
 */
public final class CasbinTranslator {

    /** Request: action, resource ARN, principal's team, s3:prefix, source IP, TLS, MFA age, region. */
    public static final String MODEL = """
            [request_definition]
            r = act, obj, team, prefix, ip, tls, mfa, region

            [policy_definition]
            p = act, negated, obj, cond, eft

            [policy_effect]
            e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

            [matchers]
            m = (p.negated == "no" && regexMatch(r.act, p.act) || p.negated == "yes" && !regexMatch(r.act, p.act)) \
            && regexMatch(r.obj, p.obj) && eval(p.cond)
            """;

    private final Principal principal;

    public CasbinTranslator(Principal principal) {
        this.principal = principal;
    }

    /** One rule per statement: {@code [act, negated, obj, cond, eft]}. */
    public List<List<String>> rules(Workload workload) {
        List<List<String>> rules = new ArrayList<>();
        for (PolicySpec policy : workload.policies()) {
            for (StatementSpec s : policy.statements()) {
                rules.add(List.of(
                        alternation(s.actions().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList()),
                        s.notAction() ? "yes" : "no",
                        alternation(s.resources().stream().map(principal::substitute).toList()),
                        s.conditions().isEmpty() ? "true"
                                : s.conditions().stream().map(this::condition).collect(Collectors.joining(" && ")),
                        s.allow() ? "allow" : "deny"));
            }
        }
        return rules;
    }

    private String condition(ConditionSpec c) {
        List<String> values = c.values().stream().map(principal::substitute).toList();
        return switch (c.kind()) {
            case PRINCIPAL_TEAM_EQUALS -> "(" + values.stream().map(v -> "r.team == '" + v + "'")
                    .collect(Collectors.joining(" || ")) + ")";
            case PREFIX_LIKE -> "(r.prefix != '' && regexMatch(r.prefix, '" + alternation(values) + "'))";
            case SOURCE_IP_IN -> "(" + ipTerms(values) + ")";
            case SOURCE_IP_NOT_IN -> "!(" + ipTerms(values) + ")";
            case SECURE_TRANSPORT -> "r.tls == " + values.get(0);
            case MFA_AGE_BELOW -> "(r.mfa >= 0 && (" + values.stream().map(v -> "r.mfa < " + v)
                    .collect(Collectors.joining(" || ")) + "))";
            case REGION_IF_EXISTS -> "(r.region == '' || " + values.stream().map(v -> "r.region == '" + v + "'")
                    .collect(Collectors.joining(" || ")) + ")";
        };
    }

    private static String ipTerms(List<String> cidrs) {
        return cidrs.stream().map(c -> "sameFamilyIpMatch(r.ip, '" + c + "')").collect(Collectors.joining(" || "));
    }

    /** IAM wildcards to an anchored regular expression; other characters stand for themselves. */
    static String alternation(List<String> globs) {
        return globs.stream().map(CasbinTranslator::regex).collect(Collectors.joining("|", "^(", ")$"));
    }

    private static String regex(String glob) {
        StringBuilder out = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                out.append(".*");
            } else if (c == '?') {
                out.append('.');
            } else if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append('[').append(c).append(']'); // no backslashes: they would need escaping in the expression too
            }
        }
        return out.toString();
    }
}
