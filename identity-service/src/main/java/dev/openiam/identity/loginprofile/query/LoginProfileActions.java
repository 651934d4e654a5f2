package dev.openiam.identity.loginprofile.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.loginprofile.domain.LoginProfile;
import dev.openiam.identity.loginprofile.domain.LoginProfileService;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile, ChangePassword. Without
 * {@code UserName} the login-profile actions act on the caller's own password — for the root user, the root
 * password, which is how root sets its console password through the API.
 */
@ApplicationScoped
public class LoginProfileActions implements IamActionGroup {

    private final LoginProfileService profiles;

    public LoginProfileActions(LoginProfileService profiles) {
        this.profiles = profiles;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("CreateLoginProfile", this::create),
                new IamAction("GetLoginProfile", this::get),
                new IamAction("UpdateLoginProfile", this::update),
                new IamAction("DeleteLoginProfile", this::delete),
                new IamAction("ChangePassword", this::changePassword));
    }

    private Uni<Result> create(QueryRequest q, Caller caller) {
        return profiles.create(caller.accountId(), caller.arn(), caller.userOrSelf(q.string("UserName")), q.required("Password"), q.bool("PasswordResetRequired"))
                .map(c -> Result.written(r -> r.element("LoginProfile", e -> write(e, c.value())), c.revision()));
    }

    private Uni<Result> get(QueryRequest q, Caller caller) {
        return profiles.get(caller.accountId(), caller.userOrSelf(q.string("UserName"))).map(p -> Result.of(r -> r.element("LoginProfile", e -> write(e, p))));
    }

    private Uni<Result> update(QueryRequest q, Caller caller) {
        return profiles.update(caller.accountId(), caller.arn(), caller.userOrSelf(q.string("UserName")), q.string("Password"), q.bool("PasswordResetRequired"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> delete(QueryRequest q, Caller caller) {
        return profiles.delete(caller.accountId(), caller.arn(), caller.userOrSelf(q.string("UserName"))).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> changePassword(QueryRequest q, Caller caller) {
        return profiles.changePassword(caller.accountId(), caller.arn(), caller.root() ? null : caller.principalId(),
                q.required("OldPassword"), q.required("NewPassword")).map(c -> Result.empty(c.revision()));
    }

    /** The root user's profile has no user name in AWS's answers. */
    private static void write(dev.openiam.awsprotocol.query.QueryXml.Element e, LoginProfile profile) {
        e.text("UserName", profile.userName()).date("CreateDate", profile.createDate())
                .bool("PasswordResetRequired", profile.passwordResetRequired());
    }
}
