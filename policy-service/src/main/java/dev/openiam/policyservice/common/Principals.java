package dev.openiam.policyservice.common;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.principal.Principal;
import dev.openiam.policyservice.principal.PrincipalDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Optional;

/** Finds the user, group or role an action names, or fails with IAM's NoSuchEntity wording. */
@ApplicationScoped
public class Principals {

    /** The kinds of principal policies are attached to, with their name limits for attachment actions. */
    public enum Kind {
        USER("user", "User", 64), GROUP("group", "Group", 128), ROLE("role", "Role", 64);

        private final String type;
        private final String title;
        private final int maxName;

        Kind(String type, String title, int maxName) {
            this.type = type;
            this.title = title;
            this.maxName = maxName;
        }

        /** {@code user}, {@code group} or {@code role}, as stored and as in ARNs. */
        public String type() {
            return type;
        }

        /** {@code User}, {@code Group} or {@code Role}, as in action and parameter names. */
        public String title() {
            return title;
        }

        /** The longest name AWS accepts in attachment and boundary actions ({@code userNameType} etc.). */
        public int maxName() {
            return maxName;
        }

        /** The request parameter naming the principal: {@code UserName}, {@code GroupName}, {@code RoleName}. */
        public String parameter() {
            return title + "Name";
        }

        /** The validation field name of that parameter, e.g. {@code userName}. */
        public String field() {
            return type + "Name";
        }
    }

    private final Instance<PrincipalDirectory> directories;

    /** Resolved per call: without a directory (none deployed), every principal lookup fails closed. */
    public Principals(Instance<PrincipalDirectory> directories) {
        this.directories = directories;
    }

    public Uni<Principal> require(String accountId, Kind kind, String name) {
        return find(accountId, kind, name).map(principal -> principal.orElseThrow(() -> IamException.noSuchEntity(
                "The " + kind.type() + " with name " + name + " cannot be found.")));
    }

    public Uni<Optional<Principal>> find(String accountId, Kind kind, String name) {
        if (!directories.isResolvable()) {
            return Uni.createFrom().failure(new IamException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The principal directory is not available; the request may be retried."));
        }
        PrincipalDirectory directory = directories.get();
        return switch (kind) {
            case USER -> directory.findUser(accountId, name);
            case GROUP -> directory.findGroup(accountId, name);
            case ROLE -> directory.findRole(accountId, name);
        };
    }
}
