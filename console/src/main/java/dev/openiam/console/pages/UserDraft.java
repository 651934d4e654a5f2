package dev.openiam.console.pages;

import software.amazon.awssdk.services.iam.model.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Add-user wizard's form chose, kept in the session from the form to its review and to the create (so a
 * custom password never travels back to the browser).
 *
 * @param passwordMode {@code generated} or {@code custom}
 * @param password     the custom password, {@code null} otherwise
 * @param policies     the policy ARNs ticked
 * @param policyArns   the policy ARNs typed, as typed
 * @param tags         as typed, one {@code key=value} a line
 */
public record UserDraft(String userName, String path, boolean consoleAccess, String passwordMode, String password,
                        boolean mustReset, boolean accessKey, List<String> groups, List<String> policies, String policyArns,
                        String copyFrom, String boundary, String tags) {

    public UserDraft {
        groups = groups == null ? List.of() : List.copyOf(groups);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** An empty form: console access off, a generated password that must be reset, as AWS's wizard opens. */
    static UserDraft empty() {
        return new UserDraft("", "", false, "generated", null, true, false, List.of(), List.of(), "", "", "", "");
    }

    public boolean customPassword() {
        return "custom".equals(passwordMode);
    }

    /** Whether the user must reset the password at first sign-in (only with console access). */
    public boolean resetRequired() {
        return consoleAccess && mustReset;
    }

    /**
     * The policies attached directly, as created: those ticked and typed, and {@code IAMUserChangePassword} when the
     * password must be reset (as AWS's console attaches it). Those of a copied user are added at the create.
     */
    public List<String> attachedPolicies() {
        List<String> arns = PolicyChoices.chosen(policies, policyArns);
        if (resetRequired() && !arns.contains(UsersResource.CHANGE_PASSWORD)) {
            arns.add(UsersResource.CHANGE_PASSWORD);
        }
        return arns;
    }

    public List<Tag> tagList() {
        return UsersResource.tags(tags);
    }

    public boolean copies() {
        return copyFrom != null && !copyFrom.isBlank();
    }

    public String boundaryArn() {
        return boundary == null || boundary.isBlank() ? null : boundary.trim();
    }

    /** The form sent again after Back: a blank custom password keeps the one entered before. */
    UserDraft keepingPassword(UserDraft before) {
        if (customPassword() && (password == null || password.isEmpty()) && before != null && before.customPassword()) {
            return new UserDraft(userName, path, consoleAccess, passwordMode, before.password(), mustReset, accessKey, groups,
                    policies, policyArns, copyFrom, boundary, tags);
        }
        return this;
    }

    /** A line of the review's permissions summary, as AWS's console lists them. */
    public record Permission(String name, String type, String usedAs) {
    }

    /** The review's permissions summary: groups, the user copied, policies attached directly, the boundary. */
    public List<Permission> permissions() {
        List<Permission> rows = new ArrayList<>();
        groups.forEach(group -> rows.add(new Permission(group, "Group", "Permissions group")));
        if (copies()) {
            rows.add(new Permission(copyFrom, "User", "Copied: its groups, attached and inline policies"
                    + (boundaryArn() == null ? ", boundary" : "")));
        }
        attachedPolicies().forEach(arn -> rows.add(new Permission(arn, managedBy(arn), "Permissions policy")));
        if (boundaryArn() != null) {
            rows.add(new Permission(boundaryArn(), managedBy(boundaryArn()), "Permissions boundary"));
        }
        return rows;
    }

    private static String managedBy(String arn) {
        return arn.startsWith("arn:aws:iam::aws:") ? "AWS managed" : "Customer managed";
    }

    /** What is wrong with the form before its review, or {@code null}. */
    String problem() {
        if (userName == null || userName.isBlank()) {
            return "Enter a user name.";
        }
        if (consoleAccess && customPassword() && (password == null || password.isEmpty())) {
            return "Enter the custom password, or let the console generate one.";
        }
        try {
            tagList();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "UserDraft[" + userName + "]";
    }
}
