package dev.openiam.identity.user.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.account.AccountRepository;
import dev.openiam.identity.account.RevisionCache;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.loginprofile.domain.PasswordUse;
import dev.openiam.identity.policyforward.BoundaryCopy;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import dev.openiam.identity.query.IamXml;
import dev.openiam.identity.user.domain.User;
import dev.openiam.identity.user.domain.UserService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, TagUser, UntagUser, ListUserTags. */
@ApplicationScoped
public class UserActions implements IamActionGroup {

    private final UserService users;
    private final AccountRepository accounts;
    private final BoundaryCopy boundaries;
    private final PasswordUse passwordUse;
    private final RevisionCache cache;

    public UserActions(UserService users, AccountRepository accounts, BoundaryCopy boundaries, PasswordUse passwordUse,
                       RevisionCache cache) {
        this.cache = cache;
        this.users = users;
        this.accounts = accounts;
        this.boundaries = boundaries;
        this.passwordUse = passwordUse;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("CreateUser", this::create),
                new IamAction("GetUser", this::get),
                new IamAction("ListUsers", this::list),
                new IamAction("UpdateUser", this::update),
                new IamAction("DeleteUser", this::delete),
                new IamAction("TagUser", this::tag),
                new IamAction("UntagUser", this::untag),
                new IamAction("ListUserTags", this::listTags));
    }

    private Uni<Result> create(QueryRequest q, Caller caller) {
        String boundary = q.string("PermissionsBoundary");
        return users.create(caller.accountId(), caller.arn(), q.required("UserName"), q.string("Path"), q.tags("Tags"), boundary,
                        boundary == null ? null : boundaries.preset(caller, "user", boundary))
                .map(c -> Result.written(r -> r.element("User", u -> IamXml.user(u, c.value())), c.revision()));
    }

    /** Without UserName, GetUser describes the caller; for the root user that is the account's root. */
    private Uni<Result> get(QueryRequest q, Caller caller) {
        String userName = q.string("UserName");
        if (userName == null && caller.root()) {
            return Panache.withSession(() -> accounts.findById(caller.accountId())
                    .chain(account -> passwordUse.of(caller.accountId()).map(used -> Result.of(r ->
                            r.element("User", u -> u.text("UserId", caller.accountId()).text("Arn", caller.arn())
                                    .date("CreateDate", account.createdAt).date("PasswordLastUsed", used))))));
        }
        String name = userName != null ? userName : caller.userName();
        // one session for both reads (UserService.get joins it); kept until the account changes or someone of it signs in
        Supplier<Uni<User>> load = () -> Panache.withSession(() -> users.get(caller.accountId(), name)
                .chain(user -> passwordUse.of(user.userId()).map(user::withPasswordLastUsed)));
        return (name == null ? load.get() : cache.read(caller.accountId(), "user", name.toLowerCase(Locale.ROOT), load))
                .map(user -> Result.of(r -> r.element("User", u -> IamXml.user(u, user))));
    }

    private Uni<Result> list(QueryRequest q, Caller caller) {
        return users.list(caller.accountId(), q.string("PathPrefix"), q.string("Marker"), q.integer("MaxItems"))
                .chain(page -> Panache.withSession(() -> passwordUse.of(page.items().stream().map(u -> u.userId()).toList()))
                        .map(used -> Result.of(r -> r
                        .list("Users", page.items(), (e, user) -> IamXml.user(e, user.withPasswordLastUsed(used.get(user.userId()))))
                        .page(page.isTruncated(), page.marker()))));
    }

    private Uni<Result> update(QueryRequest q, Caller caller) {
        return users.update(caller.accountId(), caller.arn(), q.required("UserName"), q.string("NewUserName"), q.string("NewPath"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> delete(QueryRequest q, Caller caller) {
        return users.delete(caller.accountId(), caller.arn(), q.required("UserName")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> tag(QueryRequest q, Caller caller) {
        return users.tag(caller.accountId(), caller.arn(), q.required("UserName"), q.tags("Tags"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> untag(QueryRequest q, Caller caller) {
        List<String> keys = q.list("TagKeys");
        return users.untag(caller.accountId(), caller.arn(), q.required("UserName"), keys.isEmpty() ? null : keys)
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> listTags(QueryRequest q, Caller caller) {
        PageRequest page = PageRequest.of(q.string("Marker"), q.integer("MaxItems"));
        return users.listTags(caller.accountId(), q.required("UserName")).map(tags -> {
            var slice = page.slice(tags, tag -> tag.key().toLowerCase(Locale.ROOT));
            return Result.of(r -> r.tags("Tags", slice.items()).page(slice.isTruncated(), slice.marker()));
        });
    }

}
