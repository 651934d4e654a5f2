package dev.openiam.bench.workload;

import dev.openiam.policy.catalog.Wildcards;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The workload's decisions, by AWS's documented rules applied directly to the generated statements
 * (identity policies of one principal in its own account): an explicit deny wins, else an allow, else
 * implicit deny. Slow and obvious on purpose: it is the yardstick the engines are checked against.
 */
public final class ReferenceEvaluator {

    /** The three outcomes of IAM's evaluation. */
    public enum Outcome { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    private final Workload workload;

    public ReferenceEvaluator(Workload workload) {
        this.workload = workload;
    }

    public Outcome decide(RequestSpec request) {
        boolean allowed = false;
        for (PolicySpec policy : workload.policies()) {
            for (StatementSpec statement : policy.statements()) {
                if (applies(statement, request)) {
                    if (!statement.allow()) {
                        return Outcome.EXPLICIT_DENY;
                    }
                    allowed = true;
                }
            }
        }
        return allowed ? Outcome.ALLOW : Outcome.IMPLICIT_DENY;
    }

    /**
     * The statements an explained decision names: every applicable {@code Deny} when one applies, else every
     * applicable {@code Allow}; in policy and then document order.
     */
    public java.util.List<StatementSpec> explanation(RequestSpec request) {
        java.util.List<StatementSpec> allows = new java.util.ArrayList<>();
        java.util.List<StatementSpec> denies = new java.util.ArrayList<>();
        for (PolicySpec policy : workload.policies()) {
            for (StatementSpec statement : policy.statements()) {
                if (applies(statement, request)) {
                    (statement.allow() ? allows : denies).add(statement);
                }
            }
        }
        return denies.isEmpty() ? allows : denies;
    }

    private boolean applies(StatementSpec statement, RequestSpec request) {
        String action = request.action().toLowerCase(Locale.ROOT);
        boolean listed = statement.actions().stream()
                .anyMatch(p -> Wildcards.matches(p.toLowerCase(Locale.ROOT), action));
        if (listed == statement.notAction()) {
            return false;
        }
        Principal principal = workload.principal();
        if (statement.resources().stream().noneMatch(p -> Wildcards.matches(principal.substitute(p), request.resource()))) {
            return false;
        }
        return statement.conditions().stream().allMatch(c -> holds(c, request));
    }

    private boolean holds(ConditionSpec condition, RequestSpec request) {
        Principal principal = workload.principal();
        return switch (condition.kind()) {
            case PRINCIPAL_TEAM_EQUALS -> condition.values().contains(principal.team());
            case PREFIX_LIKE -> request.prefix() != null && condition.values().stream()
                    .anyMatch(v -> Wildcards.matches(principal.substitute(v), request.prefix()));
            case SOURCE_IP_IN -> condition.values().stream().anyMatch(c -> inCidr(request.sourceIp(), c));
            case SOURCE_IP_NOT_IN -> condition.values().stream().noneMatch(c -> inCidr(request.sourceIp(), c));
            case SECURE_TRANSPORT -> condition.values().contains(String.valueOf(request.secureTransport()));
            case MFA_AGE_BELOW -> request.mfaAge() != null && condition.values().stream()
                    .anyMatch(v -> request.mfaAge() < Long.parseLong(v));
            case REGION_IF_EXISTS -> request.region() == null || condition.values().contains(request.region());
        };
    }

    /** Whether {@code ip} lies in {@code cidr}; addresses of different families never do. */
    static boolean inCidr(String ip, String cidr) {
        try {
            int slash = cidr.indexOf('/');
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            byte[] address = InetAddress.getByName(ip).getAddress();
            if (network.length != address.length) {
                return false;
            }
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((network[i / 8] & mask) != (address[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: `" + ip + "` or `" + cidr + "`", e);
        }
    }
}
