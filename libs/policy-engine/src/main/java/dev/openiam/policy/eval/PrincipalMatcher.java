package dev.openiam.policy.eval;

import dev.openiam.policy.Request;
import dev.openiam.policy.model.PrincipalBlock;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A compiled {@code Principal}/{@code NotPrincipal} block. */
final class PrincipalMatcher {

    private final boolean anyone;
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> arns = new HashSet<>();
    /** Role ARNs: {arn, account, role name}. */
    private final List<String[]> roles = new ArrayList<>();
    private final Set<String> services = new HashSet<>();
    private final Set<String> federated = new HashSet<>();
    private final Set<String> canonical = new HashSet<>();

    PrincipalMatcher(PrincipalBlock block) {
        boolean any = block.anyone();
        for (Map.Entry<String, List<String>> e : block.entries().entrySet()) {
            for (String name : e.getValue()) {
                switch (e.getKey()) {
                    case "AWS" -> {
                        if (name.equals("*")) {
                            any = true;
                        } else {
                            addAws(name);
                        }
                    }
                    case "Service" -> services.add(name);
                    case "Federated" -> federated.add(name);
                    case "CanonicalUser" -> canonical.add(name);
                    default -> {
                    }
                }
            }
        }
        this.anyone = any;
    }

    private void addAws(String name) {
        if (name.length() == 12 && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            accounts.add(name);
            return;
        }
        String[] parts = name.split(":", 6);
        if (parts.length != 6) {
            arns.add(name);
            return;
        }
        String res = parts[5];
        if (parts[2].equals("iam") && res.equals("root")) {
            accounts.add(parts[4]);
        } else if (parts[2].equals("iam") && res.startsWith("role/")) {
            roles.add(new String[] {name, parts[4], res.substring(res.lastIndexOf('/') + 1)});
        } else {
            arns.add(name);
        }
    }

    /**
     * Whether a {@code NotPrincipal} block lists the caller, which exempts it. AWS evaluates a caller as all of
     * its identities, and exempts it only when each is listed: the account and the user; or the account, the
     * role and the role session.
     */
    boolean lists(Request r) {
        if (anyone) {
            return true;
        }
        String p = r.principal();
        switch (r.principalKind()) {
            case SERVICE:
                return services.contains(p);
            case FEDERATED:
                return federated.contains(p);
            case CANONICAL_USER:
                return canonical.contains(p);
            case ANONYMOUS:
                return false;
            default:
                break;
        }
        boolean account = r.principalAccount() != null && accounts.contains(r.principalAccount());
        if (r.isAccountRoot()) {
            return account;
        }
        if (r.sessionRoleName() != null) {
            return account && arns.contains(p) && roleListed(r);
        }
        return account && arns.contains(p);
    }

    private boolean roleListed(Request r) {
        for (String[] role : roles) {
            boolean same = r.roleArn() != null ? r.roleArn().equals(role[0])
                    : role[1].equals(r.principalAccount()) && role[2].equals(r.sessionRoleName());
            if (same) {
                return true;
            }
        }
        return false;
    }

    Grant match(Request r) {
        if (anyone) {
            return Grant.DIRECT;
        }
        String p = r.principal();
        switch (r.principalKind()) {
            case SERVICE:
                return services.contains(p) ? Grant.DIRECT : Grant.NONE;
            case FEDERATED:
                return federated.contains(p) ? Grant.DIRECT : Grant.NONE;
            case CANONICAL_USER:
                return canonical.contains(p) ? Grant.DIRECT : Grant.NONE;
            case ANONYMOUS:
                return Grant.NONE;
            default:
                break;
        }
        if (arns.contains(p)) {
            return Grant.DIRECT;
        }
        if (r.sessionRoleName() != null) {
            for (String[] role : roles) {
                boolean same = r.roleArn() != null ? r.roleArn().equals(role[0])
                        : role[1].equals(r.principalAccount()) && role[2].equals(r.sessionRoleName());
                if (same) {
                    return Grant.ROLE;
                }
            }
        } else if (!roles.isEmpty()) {
            for (String[] role : roles) {
                if (role[0].equals(p)) {
                    return Grant.ROLE; // the role itself as caller: treated like any of its sessions
                }
            }
        }
        if (r.principalAccount() != null && accounts.contains(r.principalAccount())) {
            return Grant.ACCOUNT;
        }
        return Grant.NONE;
    }
}
