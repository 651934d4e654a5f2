package dev.openiam.policy;

import java.util.Locale;

/**
 * One authorization question: may {@code principal} perform {@code action} on {@code resource}, given the
 * condition keys in {@code context}? Immutable; the lowercased action and the parts of the principal ARN are
 * computed once here so evaluation does not allocate.
 */
public final class Request {

    private final String principal;
    private final PrincipalKind principalKind;
    private final String action;
    private final String resource;
    private final String resourceAccount;
    private final RequestContext context;
    private final String roleArn;

    // derived
    private final String actionLower;
    private final String serviceLower;
    private final String headLower;
    private final String resourceService;
    private final String principalAccount;
    private final String sessionRoleName;
    private final boolean accountRoot;

    private Request(Builder b) {
        if (b.action == null || b.action.isEmpty()) {
            throw new IllegalArgumentException("a request needs an action");
        }
        this.principal = b.principal == null ? "" : b.principal;
        this.principalKind = b.principalKind != null ? b.principalKind : PrincipalKind.infer(principal);
        this.action = b.action;
        this.resource = b.resource == null || b.resource.isEmpty() ? "*" : b.resource;
        this.context = b.context == null ? RequestContext.empty() : b.context;
        this.roleArn = b.roleArn;
        this.actionLower = action.toLowerCase(Locale.ROOT);
        int colon = actionLower.indexOf(':');
        this.serviceLower = colon < 0 ? actionLower : actionLower.substring(0, colon);
        this.headLower = colon >= 0 && colon + 1 < actionLower.length() ? actionLower.substring(0, colon + 2) : null;
        String account = null;
        String roleName = null;
        boolean root = false;
        if (principalKind == PrincipalKind.AWS) {
            if (isAccountId(principal)) {
                account = principal;
                root = true;
            } else {
                String[] parts = principal.split(":", 6);
                if (parts.length == 6 && parts[0].equals("arn")) {
                    account = parts[4].isEmpty() ? null : parts[4];
                    String res = parts[5];
                    root = parts[2].equals("iam") && res.equals("root");
                    if (parts[2].equals("sts") && res.startsWith("assumed-role/")) {
                        int slash = res.indexOf('/', "assumed-role/".length());
                        roleName = slash < 0 ? res.substring("assumed-role/".length())
                                : res.substring("assumed-role/".length(), slash);
                    }
                }
            }
        }
        this.principalAccount = account;
        this.sessionRoleName = roleName;
        this.accountRoot = root;
        this.resourceService = serviceOf(resource);
        this.resourceAccount = b.resourceAccount == null || b.resourceAccount.isEmpty() ? null : b.resourceAccount;
    }

    /** The service segment of an ARN ({@code s3} in {@code arn:aws:s3:::b}), or {@code null}. */
    private static String serviceOf(String arn) {
        if (!arn.startsWith("arn:")) {
            return null;
        }
        int partitionEnd = arn.indexOf(':', 4);
        int serviceEnd = partitionEnd < 0 ? -1 : arn.indexOf(':', partitionEnd + 1);
        return serviceEnd < 0 ? null : arn.substring(partitionEnd + 1, serviceEnd);
    }

    static boolean isAccountId(String s) {
        if (s.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The caller: an ARN, a service principal, a federated provider, a canonical user, or empty for anonymous. */
    public String principal() {
        return principal;
    }

    public PrincipalKind principalKind() {
        return principalKind;
    }

    /** E.g. {@code s3:GetObject}, as given. */
    public String action() {
        return action;
    }

    /** The resource ARN, or {@code *} for actions without a resource. */
    public String resource() {
        return resource;
    }

    /** The account that owns the resource; {@code null} means the principal's own account. */
    public String resourceAccount() {
        return resourceAccount;
    }

    public RequestContext context() {
        return context;
    }

    /**
     * For a role session, the ARN of its role (with path), if the caller knows it; otherwise a {@code Principal}
     * naming a role is matched against the session by role name.
     */
    public String roleArn() {
        return roleArn;
    }

    /** The principal's account id, from its ARN; {@code null} for services, providers and anonymous callers. */
    public String principalAccount() {
        return principalAccount;
    }

    /** Whether the resource belongs to another account than the principal. */
    public boolean isCrossAccount() {
        return resourceAccount != null && principalAccount != null && !resourceAccount.equals(principalAccount);
    }

    /** Whether the principal is an account's root user. */
    public boolean isAccountRoot() {
        return accountRoot;
    }

    /** Internal: the lowercased action. */
    public String actionLower() {
        return actionLower;
    }

    /** Internal: the lowercased service prefix of the action. */
    public String serviceLower() {
        return serviceLower;
    }

    /** Internal: the service segment of the resource ARN, or {@code null} when the resource is not an ARN. */
    public String resourceService() {
        return resourceService;
    }

    /** Internal: the lowercased service prefix, colon and first letter of the action name, or {@code null}. */
    public String headLower() {
        return headLower;
    }

    /** Internal: for an {@code assumed-role} session ARN, the role's name; otherwise {@code null}. */
    public String sessionRoleName() {
        return sessionRoleName;
    }

    /** A builder with this request's fields, to vary one. */
    public Builder toBuilder() {
        return new Builder().principal(principal).principalKind(principalKind).action(action).resource(resource)
                .resourceAccount(resourceAccount).context(context).roleArn(roleArn);
    }

    @Override
    public String toString() {
        return "Request[" + principal + " " + action + " " + resource
                + (resourceAccount == null ? "" : " account " + resourceAccount) + " " + context + "]";
    }

    public static final class Builder {
        private String principal;
        private PrincipalKind principalKind;
        private String action;
        private String resource;
        private String resourceAccount;
        private RequestContext context;
        private String roleArn;

        private Builder() {
        }

        public Builder principal(String principal) {
            this.principal = principal;
            return this;
        }

        /** Optional; inferred from the principal's text when not given. */
        public Builder principalKind(PrincipalKind kind) {
            this.principalKind = kind;
            return this;
        }

        public Builder action(String action) {
            this.action = action;
            return this;
        }

        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        public Builder resourceAccount(String resourceAccount) {
            this.resourceAccount = resourceAccount;
            return this;
        }

        public Builder context(RequestContext context) {
            this.context = context;
            return this;
        }

        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        public Request build() {
            return new Request(this);
        }
    }
}
