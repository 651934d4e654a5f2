package dev.openiam.bench.workload;

import dev.openiam.policy.catalog.ActionCatalog;
import dev.openiam.policy.catalog.ActionInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds a {@link Workload} deterministically from a seed: statements with action wildcards
 * ({@code *}, {@code ?}), {@code NotAction}, resource patterns with policy variables and conditions
 * over the request context, and requests of which most aim at some statement (so decisions mix
 * allows, explicit denies and implicit denies) and the rest are random.
 */
public final class WorkloadGenerator {

    static final String ACCOUNT = "111122223333";
    private static final List<String> SERVICES =
            List.of("s3", "ec2", "iam", "dynamodb", "sqs", "sns", "kms", "lambda", "logs", "sts");
    // a resource type per service; ARNs are arn:aws:<service>:<region>:<account>:<type>/<name> (s3: bucket/key)
    private static final Map<String, String> TYPES = Map.of("ec2", "instance", "iam", "role", "dynamodb", "table",
            "sqs", "queue", "sns", "topic", "kms", "key", "lambda", "function", "logs", "log-group", "sts", "role");
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-south-1");
    private static final List<String> BUCKETS = List.of("data", "logs", "shared", "team-platform", "team-web");
    private static final List<String> TEAMS = List.of("platform", "web", "data");
    private static final List<String> NAMES = List.of("alice", "bob", "team-platform", "team-web", "build");
    private static final List<String> CIDRS = List.of("10.0.0.0/8", "192.168.0.0/16", "203.0.113.0/24",
            "2001:db8::/32");
    private static final List<String> IPS = List.of("10.1.2.3", "10.200.0.7", "192.168.10.20", "203.0.113.9",
            "198.51.100.4", "2001:db8::42", "2001:db9::1");
    private static final Pattern VERB = Pattern.compile("^[A-Z][a-z]+");

    private final Random random;
    private final Principal principal = new Principal(ACCOUNT, "alice", "platform");
    private final Map<String, List<String>> actionsByService;

    public WorkloadGenerator(long seed) {
        this.random = new Random(seed);
        ActionCatalog catalog = ActionCatalog.bundled();
        this.actionsByService = new java.util.LinkedHashMap<>();
        for (String service : SERVICES) {
            actionsByService.put(service, catalog.matching(service + ":*").stream()
                    .map(ActionInfo::qualifiedName).sorted(Comparator.naturalOrder()).toList());
        }
    }

    public Workload generate(int policies, int statementsPerPolicy, int requests) {
        List<PolicySpec> policyList = new ArrayList<>();
        for (int p = 0; p < policies; p++) {
            List<StatementSpec> statements = new ArrayList<>();
            for (int s = 0; s < statementsPerPolicy; s++) {
                statements.add(statement("P" + p + "S" + s));
            }
            policyList.add(new PolicySpec("policy-" + p, List.copyOf(statements)));
        }
        List<StatementSpec> all = policyList.stream().flatMap(p -> p.statements().stream()).toList();
        Set<RequestSpec> requestSet = new LinkedHashSet<>();
        while (requestSet.size() < requests) {
            requestSet.add(random.nextInt(10) < 5 ? aimedRequest(all.get(random.nextInt(all.size()))) : randomRequest());
        }
        return new Workload(principal, List.copyOf(policyList), List.copyOf(requestSet));
    }

    private StatementSpec statement(String sid) {
        boolean allow = random.nextInt(10) < 8;
        String service = pick(SERVICES);
        boolean notAction = random.nextInt(100) < 12;
        List<String> actions = new ArrayList<>();
        if (notAction) {
            actions.add(pick(SERVICES) + ":*");
            actions.add(pattern(pick(SERVICES)));
        } else {
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                actions.add(pattern(i == 0 || random.nextBoolean() ? service : pick(SERVICES)));
            }
        }
        List<String> resources = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String resource = resourcePattern(service);
            if (!(allow && resource.equals("*") && (notAction || random.nextBoolean()))) {
                resources.add(resource); // few allows on every resource, none with NotAction: as in practice
            }
        }
        if (resources.isEmpty()) {
            resources.add(service.equals("s3") ? "arn:aws:s3:::data/home/${aws:username}/*"
                    : "arn:aws:" + service + ":*:" + ACCOUNT + ":" + TYPES.get(service) + "/${aws:username}-*");
        }
        List<ConditionSpec> conditions = new ArrayList<>();
        int c = allow ? random.nextInt(3) : 1 + random.nextInt(2); // denies are mostly conditional, as in practice
        Set<ConditionSpec.Kind> kinds = new java.util.HashSet<>();
        while (conditions.size() < c) {
            ConditionSpec condition = condition();
            if (kinds.add(condition.kind())) { // one key once per statement, as JSON objects require
                conditions.add(condition);
            }
        }
        return new StatementSpec(sid, allow, notAction, List.copyOf(new LinkedHashSet<>(actions)),
                List.copyOf(new LinkedHashSet<>(resources)), List.copyOf(conditions));
    }

    private String pattern(String service) {
        String action = pick(actionsByService.get(service));
        int kind = random.nextInt(100);
        if (kind < 40) {
            return action;
        }
        if (kind < 75) {
            var verb = VERB.matcher(action.substring(action.indexOf(':') + 1));
            return verb.find() ? service + ":" + verb.group() + "*" : action;
        }
        if (kind < 85) {
            return service + ":*";
        }
        int at = action.indexOf(':') + 1 + random.nextInt(action.length() - action.indexOf(':') - 1);
        return action.substring(0, at) + "?" + action.substring(at + 1);
    }

    private String resourcePattern(String service) {
        int kind = random.nextInt(100);
        if (kind < 15) {
            return "*";
        }
        if (service.equals("s3")) {
            return switch (kind % 4) {
                case 0 -> "arn:aws:s3:::data/home/${aws:username}/*";
                case 1 -> "arn:aws:s3:::" + pick(BUCKETS) + "/*";
                case 2 -> "arn:aws:s3:::" + pick(BUCKETS) + "/public/*";
                default -> "arn:aws:s3:::team-${aws:PrincipalTag/team}/*";
            };
        }
        String type = TYPES.get(service);
        String region = service.equals("iam") || service.equals("sts") ? "" : null;
        return switch (kind % 4) {
            case 0 -> "arn:aws:" + service + ":" + (region != null ? region : "*") + ":" + ACCOUNT + ":*";
            case 1 -> "arn:aws:" + service + ":" + (region != null ? region : pick(REGIONS)) + ":" + ACCOUNT + ":"
                    + type + "/${aws:username}-*";
            case 2 -> "arn:aws:" + service + ":" + (region != null ? region : "*") + ":" + ACCOUNT + ":"
                    + type + "/team-${aws:PrincipalTag/team}-*";
            default -> "arn:aws:" + service + ":" + (region != null ? region : pick(REGIONS)) + ":" + ACCOUNT + ":"
                    + type + "/" + pick(NAMES) + "-1*";
        };
    }

    private ConditionSpec condition() {
        ConditionSpec.Kind kind = ConditionSpec.Kind.values()[random.nextInt(ConditionSpec.Kind.values().length)];
        return switch (kind) {
            case PRINCIPAL_TEAM_EQUALS -> new ConditionSpec(kind, List.of(pick(TEAMS)));
            case PREFIX_LIKE -> new ConditionSpec(kind, List.of("home/${aws:username}/*", pick(List.of("public/*", "shared/x*"))));
            case SOURCE_IP_IN, SOURCE_IP_NOT_IN -> new ConditionSpec(kind, List.of(pick(CIDRS), pick(CIDRS)));
            case SECURE_TRANSPORT -> new ConditionSpec(kind, List.of(random.nextInt(4) == 0 ? "false" : "true"));
            case MFA_AGE_BELOW -> new ConditionSpec(kind, List.of(String.valueOf(600 + 600 * random.nextInt(6))));
            case REGION_IF_EXISTS -> new ConditionSpec(kind, List.of(pick(REGIONS), pick(REGIONS)));
        };
    }

    // A request inside the statement's actions and resources; its context may or may not meet the conditions.
    private RequestSpec aimedRequest(StatementSpec statement) {
        String action;
        if (statement.notAction()) {
            action = randomAction();
        } else {
            String pattern = statement.actions().get(random.nextInt(statement.actions().size()));
            List<String> matching = actionsByService.get(pattern.substring(0, pattern.indexOf(':'))).stream()
                    .filter(a -> dev.openiam.policy.catalog.Wildcards.matches(pattern.toLowerCase(java.util.Locale.ROOT),
                            a.toLowerCase(java.util.Locale.ROOT)))
                    .toList();
            action = matching.isEmpty() ? randomAction() : pick(matching);
        }
        String resourcePattern = statement.resources().get(random.nextInt(statement.resources().size()));
        String resource = resourcePattern.equals("*") ? randomResource(action) : instantiate(resourcePattern);
        return withContext(action, resource);
    }

    private RequestSpec randomRequest() {
        String action = randomAction();
        return withContext(action, randomResource(action));
    }

    private RequestSpec withContext(String action, String resource) {
        Long mfa = random.nextInt(10) < 3 ? null : (long) random.nextInt(7200);
        String prefix = switch (random.nextInt(5)) {
            case 0, 1 -> null;
            case 2 -> "home/alice/" + pick(List.of("docs/", "notes/", ""));
            case 3 -> "home/bob/";
            default -> pick(List.of("public/", "shared/x", "shared/xy"));
        };
        String region = random.nextInt(10) == 0 ? null : pick(REGIONS);
        return new RequestSpec(action, resource, pick(IPS), random.nextInt(10) != 0, mfa, prefix, region);
    }

    private String randomAction() {
        return pick(actionsByService.get(pick(SERVICES)));
    }

    private String randomResource(String action) {
        String service = action.substring(0, action.indexOf(':'));
        if (service.equals("s3")) {
            return "arn:aws:s3:::" + pick(BUCKETS) + "/" + pick(List.of("home/alice/", "home/bob/", "public/", ""))
                    + "f" + random.nextInt(20) + ".txt";
        }
        String region = service.equals("iam") || service.equals("sts") ? "" : pick(REGIONS);
        return "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + TYPES.get(service) + "/" + pick(NAMES)
                + "-" + random.nextInt(30);
    }

    // A resource ARN matching the pattern: variables take the principal's values, wildcards short text.
    private String instantiate(String pattern) {
        String text = principal.substitute(pattern);
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*') {
                out.append(pick(List.of("", "x", "f" + random.nextInt(20), "a/b", "q-1")));
            } else if (c == '?') {
                out.append((char) ('a' + random.nextInt(26)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
