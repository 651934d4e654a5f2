package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.Tag;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;

/**
 * The guard policies AWS users write against privilege escalation, as a pass/fail matrix (Polaris-style): for
 * each guard a fresh caller whose only policy is the guard sends an allowed-shaped request, which must succeed
 * with its effect visible to root afterwards, and denied-shaped ones, which must fail with AccessDenied (403) and
 * write nothing. Root arranges every target; names are fresh per run, since the system outlives a test class.
 * Surefire's report numbers the cases; a failure's first line names its case.
 */
@ExtendWith(LocalSystem.class)
class GuardPoliciesE2ETest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final AtomicInteger CALLERS = new AtomicInteger();
    static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    static final String ALLOW_ALL = statement("Allow", "iam:*", "*", null);

    static IamClient root;
    static String account;
    static String boundary;
    static String otherBoundary;

    /** A guard policy and the requests tried under it. */
    record Guard(String name, String policyJson, List<Case> cases) {
    }

    /** One request: what root arranges first, what the caller sends, and what root must see afterwards. */
    record Case(String name, boolean allowed, Runnable arrange, Call call, Call afterwards) {
    }

    /** A caller: an IAM user whose only policy is the guard, with its own access key. */
    record Caller(String name, AccessKey key, IamClient iam) implements AutoCloseable {
        @Override
        public void close() {
            iam.close();
        }
    }

    @FunctionalInterface
    interface Call {
        void send(Caller caller);
    }

    @BeforeAll
    static void setUp() {
        root = Clients.root();
        account = LocalSystem.get().accountId();
        String document = policy(statement("Allow", "iam:Get*", "*", null));
        boundary = root.createPolicy(b -> b.policyName(n("DelegatedBoundary")).policyDocument(document)).policy().arn();
        otherBoundary = root.createPolicy(b -> b.policyName(n("OtherBoundary")).policyDocument(document)).policy().arn();
    }

    @AfterAll
    static void tearDown() {
        root.close();
    }

    @TestFactory
    Stream<DynamicTest> guardPoliciesHoldThroughTheSdk() {
        return guards().stream().flatMap(guard -> guard.cases().stream().map(c -> {
            String name = guard.name() + ", " + c.name();
            return DynamicTest.dynamicTest(name, () -> run(name, guard, c));
        }));
    }

    static List<Guard> guards() {
        return List.of(pathScopedDeny(), pathScopedAllow(), letterCase(), policyArn(), delegatedAdmin(), resourceTags(),
                roleResourceTags(), tagKeys(), requestTagValue(), createUserRequestTag(), renameUser(), renameGroup(),
                passRole(), forwardedAction());
    }

    static Guard pathScopedDeny() {
        String boss = n("boss"), chief = n("chief"), clerk = n("clerk");
        return new Guard("with Allow iam:* and Deny iam:CreateAccessKey on user/admins/*",
                policy(ALLOW_ALL, statement("Deny", "iam:CreateAccessKey", arn("user/admins/*"), null)), List.of(
                shouldFail("CreateAccessKey for /admins/boss named as stored is denied", () -> user("/admins/", boss),
                        c -> c.iam().createAccessKey(b -> b.userName(boss)), c -> hasKeys(boss, 0)),
                shouldFail("CreateAccessKey for /admins/chief named CHIEF is denied", () -> user("/admins/", chief),
                        c -> c.iam().createAccessKey(b -> b.userName(upper(chief))), c -> hasKeys(chief, 0)),
                shouldPass("CreateAccessKey for /staff/clerk is allowed", () -> user("/staff/", clerk),
                        c -> c.iam().createAccessKey(b -> b.userName(clerk)), c -> hasKeys(clerk, 1))));
    }

    static Guard pathScopedAllow() {
        String dev = n("dev"), lead = n("lead"), op = n("op"), ghost = n("ghost");
        return new Guard("with Allow iam:GetUser on user/eng/*",
                policy(statement("Allow", "iam:GetUser", arn("user/eng/*"), null)), List.of(
                shouldPass("GetUser of /eng/dev is allowed", () -> user("/eng/", dev),
                        c -> assertThat(c.iam().getUser(b -> b.userName(dev)).user().path()).isEqualTo("/eng/"), null),
                shouldPass("GetUser of /eng/lead named LEAD is allowed", () -> user("/eng/", lead),
                        c -> assertThat(c.iam().getUser(b -> b.userName(upper(lead))).user().userName()).isEqualTo(lead), null),
                shouldFail("GetUser of /ops/op is denied", () -> user("/ops/", op), c -> c.iam().getUser(b -> b.userName(op)), null),
                shouldFail("GetUser of a user that does not exist is denied, not NoSuchEntity", null,
                        c -> c.iam().getUser(b -> b.userName(ghost)), null)));
    }

    static Guard letterCase() {
        String boss = n("boss3"), chief = n("chief3"), peon = n("peon3");
        return new Guard("with Allow iam:* and Deny iam:DeleteUser on user/boss and user/chief",
                policy(ALLOW_ALL, statement("Deny", "iam:DeleteUser", List.of(arn("user/" + boss), arn("user/" + chief)), null)), List.of(
                shouldFail("DeleteUser of boss named as stored is denied", () -> user("/", boss),
                        c -> c.iam().deleteUser(b -> b.userName(boss)), c -> exists(boss, true)),
                shouldFail("DeleteUser of chief named CHIEF is denied", () -> user("/", chief),
                        c -> c.iam().deleteUser(b -> b.userName(upper(chief))), c -> exists(chief, true)),
                shouldPass("DeleteUser of peon is allowed", () -> user("/", peon),
                        c -> c.iam().deleteUser(b -> b.userName(peon)), c -> exists(peon, false))));
    }

    static Guard policyArn() {
        return new Guard("with Allow iam:* and Deny iam:AttachUserPolicy if iam:PolicyARN is AdministratorAccess",
                policy(ALLOW_ALL, statement("Deny", "iam:AttachUserPolicy", "*", "{\"ArnEquals\":{\"iam:PolicyARN\":\"" + ADMIN + "\"}}")),
                List.of(
                shouldFail("attaching AdministratorAccess to oneself is denied", null,
                        c -> c.iam().attachUserPolicy(b -> b.userName(c.name()).policyArn(ADMIN)),
                        c -> assertThat(attached(c.name())).as("policies attached to the caller").isEmpty()),
                shouldPass("attaching ReadOnlyAccess to oneself is allowed", null,
                        c -> c.iam().attachUserPolicy(b -> b.userName(c.name()).policyArn(READ_ONLY)),
                        c -> assertThat(attached(c.name())).as("policies attached to the caller").containsExactly(READ_ONLY))));
    }

    static Guard delegatedAdmin() {
        String made = n("made"), bare = n("bare"), other = n("other"), bounded = n("bounded"), unbounded = n("unbounded");
        return new Guard("with Allow iam:CreateUser and iam:PutUserPermissionsBoundary only if iam:PermissionsBoundary"
                + " is DelegatedBoundary",
                policy(statement("Allow", List.of("iam:CreateUser", "iam:PutUserPermissionsBoundary"), "*",
                        "{\"StringEquals\":{\"iam:PermissionsBoundary\":\"" + boundary + "\"}}")), List.of(
                shouldPass("CreateUser with that boundary is allowed and the user has it", null,
                        c -> c.iam().createUser(b -> b.userName(made).permissionsBoundary(boundary)), c -> hasBoundary(made)),
                shouldFail("CreateUser without a boundary is denied", null,
                        c -> c.iam().createUser(b -> b.userName(bare)), c -> exists(bare, false)),
                shouldFail("CreateUser with another boundary is denied", null,
                        c -> c.iam().createUser(b -> b.userName(other).permissionsBoundary(otherBoundary)), c -> exists(other, false)),
                shouldPass("PutUserPermissionsBoundary with that boundary is allowed and the user has it", () -> user("/", bounded),
                        c -> c.iam().putUserPermissionsBoundary(b -> b.userName(bounded).permissionsBoundary(boundary)),
                        c -> hasBoundary(bounded)),
                shouldFail("PutUserPermissionsBoundary with another boundary is denied", () -> user("/", unbounded),
                        c -> c.iam().putUserPermissionsBoundary(b -> b.userName(unbounded).permissionsBoundary(otherBoundary)),
                        c -> assertThat(boundaryUsers(otherBoundary)).as("users with OtherBoundary").doesNotContain(unbounded))));
    }

    static Guard resourceTags() {
        String core1 = n("core1"), core2 = n("core2"), core3 = n("core3"), ops1 = n("ops1"), ops2 = n("ops2"), ops3 = n("ops3");
        Tag core = tag("team", "core"), ops = tag("team", "ops"), note = tag("note", "1");
        return new Guard("with Allow iam:GetUser, iam:TagUser and iam:UntagUser on users whose aws:ResourceTag/team is core",
                policy(statement("Allow", List.of("iam:GetUser", "iam:TagUser", "iam:UntagUser"), "*",
                        "{\"StringEquals\":{\"aws:ResourceTag/team\":\"core\"}}")), List.of(
                shouldPass("GetUser of a user tagged team=core is allowed", () -> user("/", core1, core),
                        c -> assertThat(c.iam().getUser(b -> b.userName(core1)).user().userName()).isEqualTo(core1), null),
                shouldFail("GetUser of a user tagged team=ops is denied", () -> user("/", ops1, ops),
                        c -> c.iam().getUser(b -> b.userName(ops1)), null),
                shouldPass("TagUser of a user tagged team=core is allowed", () -> user("/", core2, core),
                        c -> c.iam().tagUser(b -> b.userName(core2).tags(note)), c -> hasTags(core2, core, note)),
                shouldFail("TagUser of a user tagged team=ops is denied", () -> user("/", ops2, ops),
                        c -> c.iam().tagUser(b -> b.userName(ops2).tags(note)), c -> hasTags(ops2, ops)),
                shouldPass("UntagUser of a user tagged team=core is allowed", () -> user("/", core3, core, note),
                        c -> c.iam().untagUser(b -> b.userName(core3).tagKeys("note")), c -> hasTags(core3, core)),
                shouldFail("UntagUser of a user tagged team=ops is denied", () -> user("/", ops3, ops, note),
                        c -> c.iam().untagUser(b -> b.userName(ops3).tagKeys("note")), c -> hasTags(ops3, ops, note))));
    }

    static Guard roleResourceTags() {
        String core = n("core-role"), ops = n("ops-role");
        return new Guard("with Allow iam:GetRole on roles whose iam:ResourceTag/team is core",
                policy(statement("Allow", "iam:GetRole", "*", "{\"StringEquals\":{\"iam:ResourceTag/team\":\"core\"}}")), List.of(
                shouldPass("GetRole of a role tagged team=core is allowed", () -> role("/", core, tag("team", "core")),
                        c -> assertThat(c.iam().getRole(b -> b.roleName(core)).role().roleName()).isEqualTo(core), null),
                shouldFail("GetRole of a role tagged team=ops is denied", () -> role("/", ops, tag("team", "ops")),
                        c -> c.iam().getRole(b -> b.roleName(ops)), null)));
    }

    /** The stray TagKeys must not stand in for the keys TagUser stores (the SDK cannot send it; a raw request does). */
    static Guard tagKeys() {
        String u1 = n("keys1"), u2 = n("keys2"), u3 = n("keys3");
        return new Guard("with Allow iam:TagUser only for the tag key CostCenter (ForAllValues aws:TagKeys)",
                policy(statement("Allow", "iam:TagUser", "*",
                        "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"CostCenter\"]}}")), List.of(
                shouldPass("TagUser with CostCenter=7 is allowed", () -> user("/", u1),
                        c -> c.iam().tagUser(b -> b.userName(u1).tags(tag("CostCenter", "7"))), c -> hasTags(u1, tag("CostCenter", "7"))),
                shouldFail("TagUser with Admin=true is denied", () -> user("/", u2),
                        c -> c.iam().tagUser(b -> b.userName(u2).tags(tag("Admin", "true"))), c -> hasTags(u2)),
                shouldFail("a raw TagUser with Admin=true and a stray TagKeys.member.1=CostCenter is denied", () -> user("/", u3),
                        c -> query(c, "TagUser", "UserName=" + u3 + "&Tags.member.1.Key=Admin&Tags.member.1.Value=true"
                                + "&TagKeys.member.1=CostCenter"), c -> hasTags(u3))));
    }

    static Guard requestTagValue() {
        String u1 = n("cost1"), u2 = n("cost2"), u3 = n("cost3"), u4 = n("cost4");
        return new Guard("with Allow iam:TagUser only for CostCenter=42 (ForAllValues aws:TagKeys and aws:RequestTag/CostCenter)",
                policy(statement("Allow", "iam:TagUser", "*", "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"CostCenter\"]},"
                        + "\"StringEquals\":{\"aws:RequestTag/CostCenter\":\"42\"}}")), List.of(
                shouldPass("TagUser with CostCenter=42 is allowed", () -> user("/", u1),
                        c -> c.iam().tagUser(b -> b.userName(u1).tags(tag("CostCenter", "42"))), c -> hasTags(u1, tag("CostCenter", "42"))),
                shouldFail("TagUser with CostCenter=7 is denied", () -> user("/", u2),
                        c -> c.iam().tagUser(b -> b.userName(u2).tags(tag("CostCenter", "7"))), c -> hasTags(u2)),
                shouldFail("TagUser with Admin=true is denied", () -> user("/", u3),
                        c -> c.iam().tagUser(b -> b.userName(u3).tags(tag("Admin", "true"))), c -> hasTags(u3)),
                shouldFail("a raw TagUser with CostCenter=42, Admin=true and a stray TagKeys.member.1=CostCenter is denied",
                        () -> user("/", u4), c -> query(c, "TagUser", "UserName=" + u4 + "&Tags.member.1.Key=CostCenter"
                                + "&Tags.member.1.Value=42&Tags.member.2.Key=Admin&Tags.member.2.Value=true&TagKeys.member.1=CostCenter"),
                        c -> hasTags(u4))));
    }

    static Guard createUserRequestTag() {
        String core = n("new-core"), ops = n("new-ops"), untagged = n("new-untagged");
        return new Guard("with Allow iam:CreateUser and iam:TagUser only if aws:RequestTag/team is core",
                policy(statement("Allow", List.of("iam:CreateUser", "iam:TagUser"), "*",
                        "{\"StringEquals\":{\"aws:RequestTag/team\":\"core\"}}")), List.of(
                shouldPass("CreateUser tagged team=core is allowed", null,
                        c -> c.iam().createUser(b -> b.userName(core).tags(tag("team", "core"))), c -> hasTags(core, tag("team", "core"))),
                shouldFail("CreateUser tagged team=ops is denied", null,
                        c -> c.iam().createUser(b -> b.userName(ops).tags(tag("team", "ops"))), c -> exists(ops, false)),
                shouldFail("CreateUser without tags is denied", null,
                        c -> c.iam().createUser(b -> b.userName(untagged)), c -> exists(untagged, false))));
    }

    /** AWS authorizes a rename or move on the old and the new ARN. */
    static Guard renameUser() {
        String a = n("ua"), renamed = n("ub"), x = n("ux"), y = n("uy");
        return new Guard("with Allow iam:UpdateUser on user/team/*",
                policy(statement("Allow", "iam:UpdateUser", arn("user/team/*"), null)), List.of(
                shouldPass("renaming /team/a to /team/b is allowed", () -> user("/team/", a),
                        c -> c.iam().updateUser(b -> b.userName(a).newUserName(renamed)),
                        c -> assertAll(() -> exists(a, false), () -> assertThat(userPath(renamed)).isEqualTo("/team/"))),
                shouldFail("moving /team/x to the path /admins/ is denied", () -> user("/team/", x),
                        c -> c.iam().updateUser(b -> b.userName(x).newPath("/admins/")), c -> assertThat(userPath(x)).isEqualTo("/team/")),
                shouldFail("moving /elsewhere/y into /team/ is denied", () -> user("/elsewhere/", y),
                        c -> c.iam().updateUser(b -> b.userName(y).newPath("/team/")),
                        c -> assertThat(userPath(y)).isEqualTo("/elsewhere/"))));
    }

    static Guard renameGroup() {
        String a = n("ga"), renamed = n("gb"), x = n("gx"), y = n("gy");
        return new Guard("with Allow iam:UpdateGroup on group/team/*",
                policy(statement("Allow", "iam:UpdateGroup", arn("group/team/*"), null)), List.of(
                shouldPass("renaming /team/a to /team/b is allowed", () -> group("/team/", a),
                        c -> c.iam().updateGroup(b -> b.groupName(a).newGroupName(renamed)),
                        c -> assertAll(() -> assertThat(groupPath(a)).as("group " + a).isNull(),
                                () -> assertThat(groupPath(renamed)).isEqualTo("/team/"))),
                shouldFail("moving /team/x to the path /admins/ is denied", () -> group("/team/", x),
                        c -> c.iam().updateGroup(b -> b.groupName(x).newPath("/admins/")),
                        c -> assertThat(groupPath(x)).isEqualTo("/team/")),
                shouldFail("moving /elsewhere/y into /team/ is denied", () -> group("/elsewhere/", y),
                        c -> c.iam().updateGroup(b -> b.groupName(y).newPath("/team/")),
                        c -> assertThat(groupPath(y)).isEqualTo("/elsewhere/"))));
    }

    static Guard passRole() {
        String app = n("app-role"), admin = n("admin-role"), p1 = n("profile1"), p2 = n("profile2");
        return new Guard("with Allow iam:AddRoleToInstanceProfile on * and iam:PassRole on role/app/* only",
                policy(statement("Allow", "iam:AddRoleToInstanceProfile", "*", null),
                        statement("Allow", "iam:PassRole", arn("role/app/*"), null)), List.of(
                shouldPass("adding a role under /app/ to an instance profile is allowed", () -> profileAndRole(p1, "/app/", app),
                        c -> c.iam().addRoleToInstanceProfile(b -> b.instanceProfileName(p1).roleName(app)),
                        c -> assertThat(profileRoles(p1)).as("roles of %s", p1).containsExactly(app)),
                shouldFail("adding a role under /admin/ to an instance profile is denied", () -> profileAndRole(p2, "/admin/", admin),
                        c -> c.iam().addRoleToInstanceProfile(b -> b.instanceProfileName(p2).roleName(admin)),
                        c -> assertThat(profileRoles(p2)).as("roles of %s", p2).isEmpty())));
    }

    /** policy-service performs PutUserPolicy; the front door still authorizes it on the stored ARN. */
    static Guard forwardedAction() {
        String boss = n("boss10"), clerk = n("clerk10");
        String inline = policy(statement("Allow", "s3:GetObject", "*", null));
        return new Guard("with Allow iam:* and Deny iam:PutUserPolicy on user/admins/*",
                policy(ALLOW_ALL, statement("Deny", "iam:PutUserPolicy", arn("user/admins/*"), null)), List.of(
                shouldFail("PutUserPolicy on /admins/boss is denied", () -> user("/admins/", boss),
                        c -> c.iam().putUserPolicy(b -> b.userName(boss).policyName("extra").policyDocument(inline)),
                        c -> assertThat(inlinePolicies(boss)).as("inline policies of %s", boss).isEmpty()),
                shouldPass("PutUserPolicy on /staff/clerk is allowed", () -> user("/staff/", clerk),
                        c -> c.iam().putUserPolicy(b -> b.userName(clerk).policyName("extra").policyDocument(inline)),
                        c -> assertThat(inlinePolicies(clerk)).as("inline policies of %s", clerk).containsExactly("extra"))));
    }

    // --- the matrix ---

    static Case shouldPass(String name, Runnable arrange, Call call, Call visibleAfterwards) {
        return new Case(name, true, arrange, call, visibleAfterwards);
    }

    static Case shouldFail(String name, Runnable arrange, Call call, Call nothingWritten) {
        return new Case(name, false, arrange, call, nothingWritten);
    }

    static void run(String name, Guard guard, Case c) {
        if (c.arrange() != null) {
            c.arrange().run();
        }
        Call afterwards = c.afterwards() != null ? c.afterwards() : nothing -> { };
        try (Caller caller = caller(guard.policyJson())) {
            if (c.allowed()) {
                assertAll(name, () -> {
                    assertAllowed(caller, c.call());
                    afterwards.send(caller);
                });
            } else {
                // a denial that let the write through reports both
                assertAll(name, () -> assertDenied(caller, c.call()), () -> afterwards.send(caller));
            }
        }
    }

    static void assertAllowed(Caller caller, Call call) {
        try {
            call.send(caller);
        } catch (IamException e) {
            fail("expected success, got %d %s: %s", e.statusCode(), e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
        }
    }

    static void assertDenied(Caller caller, Call call) {
        Throwable thrown = catchThrowable(() -> call.send(caller));
        if (thrown == null) {
            fail("expected AccessDenied, but the request succeeded");
        }
        if (!(thrown instanceof IamException e)) {
            throw new AssertionError("expected AccessDenied, got " + thrown, thrown);
        }
        assertThat(e.statusCode() + " " + e.awsErrorDetails().errorCode()).as(e.awsErrorDetails().errorMessage())
                .isEqualTo("403 AccessDenied");
    }

    static Caller caller(String policyJson) {
        String name = "guarded-" + CALLERS.incrementAndGet() + "-" + RUN;
        root.createUser(b -> b.userName(name));
        root.putUserPolicy(b -> b.userName(name).policyName("guard").policyDocument(policyJson));
        AccessKey key = root.createAccessKey(b -> b.userName(name)).accessKey();
        return new Caller(name, key, Clients.iam(key.accessKeyId(), key.secretAccessKey()));
    }

    /** A Query request the SDK will not send, signed with the caller's key by the SDK's signer; an error is thrown as the SDK would. */
    static void query(Caller caller, String action, String parameters) {
        String body = "Action=" + action + "&Version=2010-05-08&" + parameters;
        RawRequests.Answer answer = RawRequests.send(RawRequests.sign(LocalSystem.get(), caller.key().accessKeyId(),
                caller.key().secretAccessKey(), body, Clock.systemUTC()), body);
        if (answer.status() != 200) {
            throw IamException.builder().statusCode(answer.status()).message(answer.body()).awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode(answer.code()).errorMessage(answer.element("Message")).build()).build();
        }
    }

    // --- policies and names ---

    static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    /** {@code actions} and {@code resources}: one string or a list; {@code condition}: a JSON object or {@code null}. */
    static String statement(String effect, Object actions, Object resources, String condition) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":" + json(actions) + ",\"Resource\":" + json(resources)
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
    }

    static String json(Object stringOrList) {
        return stringOrList instanceof List<?> list
                ? list.stream().map(GuardPoliciesE2ETest::json).collect(Collectors.joining(",", "[", "]"))
                : "\"" + stringOrList + "\"";
    }

    static String arn(String resource) {
        return "arn:aws:iam::" + account + ":" + resource;
    }

    /** A name unique to this run. */
    static String n(String base) {
        return base + "-" + RUN;
    }

    static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    // --- what root arranges ---

    static void user(String path, String name, Tag... tags) {
        root.createUser(b -> {
            b.path(path).userName(name);
            if (tags.length > 0) {
                b.tags(tags);
            }
        });
    }

    static void role(String path, String name, Tag... tags) {
        root.createRole(b -> {
            b.path(path).roleName(name).assumeRolePolicyDocument(IdentityLifecycleE2ETest.TRUST);
            if (tags.length > 0) {
                b.tags(tags);
            }
        });
    }

    static void group(String path, String name) {
        root.createGroup(b -> b.path(path).groupName(name));
    }

    static void profileAndRole(String profile, String rolePath, String role) {
        role(rolePath, role);
        root.createInstanceProfile(b -> b.instanceProfileName(profile));
    }

    // --- what root sees afterwards ---

    static void exists(String user, boolean expected) {
        assertThat(userPathOrNull(user) != null).as("user %s exists", user).isEqualTo(expected);
    }

    static String userPath(String user) {
        return root.getUser(b -> b.userName(user)).user().path();
    }

    static String userPathOrNull(String user) {
        try {
            return userPath(user);
        } catch (IamException e) {
            return nullIfNoSuchEntity(e);
        }
    }

    static String groupPath(String group) {
        try {
            return root.getGroup(b -> b.groupName(group)).group().path();
        } catch (IamException e) {
            return nullIfNoSuchEntity(e);
        }
    }

    /** Only NoSuchEntity means absent; any other error fails the check. */
    static <T> T nullIfNoSuchEntity(IamException e) {
        if (e.statusCode() == 404 && "NoSuchEntity".equals(e.awsErrorDetails().errorCode())) {
            return null;
        }
        throw e;
    }

    static void hasKeys(String user, int count) {
        assertThat(root.listAccessKeys(b -> b.userName(user)).accessKeyMetadata()).as("access keys of %s", user).hasSize(count);
    }

    static void hasTags(String user, Tag... expected) {
        Map<String, String> tags = root.listUserTags(b -> b.userName(user)).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(tags).as("tags of %s", user).isEqualTo(Stream.of(expected).collect(Collectors.toMap(Tag::key, Tag::value)));
    }

    static List<String> attached(String user) {
        return root.listAttachedUserPolicies(b -> b.userName(user)).attachedPolicies().stream().map(p -> p.policyArn()).toList();
    }

    static List<String> inlinePolicies(String user) {
        return root.listUserPolicies(b -> b.userName(user)).policyNames();
    }

    static List<String> profileRoles(String profile) {
        return root.getInstanceProfile(b -> b.instanceProfileName(profile)).instanceProfile().roles().stream()
                .map(r -> r.roleName()).toList();
    }

    static List<String> boundaryUsers(String policyArn) {
        return root.listEntitiesForPolicy(b -> b.policyArn(policyArn).entityFilter(EntityType.USER)
                .policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY)).policyUsers().stream().map(u -> u.userName()).toList();
    }

    /** GetUser shows the boundary, as AWS does (identity-service may learn it from policy-service a moment later). */
    static void hasBoundary(String user) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            AttachedPermissionsBoundary attached = root.getUser(b -> b.userName(user)).user().permissionsBoundary();
            assertThat(attached).as("PermissionsBoundary of %s in GetUser", user).isNotNull();
            assertThat(attached.permissionsBoundaryArn()).isEqualTo(boundary);
        });
    }
}
