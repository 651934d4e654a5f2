package dev.openiam.e2e;

import dev.openiam.internalauth.ServiceKey;
import dev.openiam.sessiontoken.SessionClaims;
import dev.openiam.sessiontoken.SessionTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.openiam.e2e.Sts.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * sts-service with the unchanged AWS SDK for Java v2: role sessions used at the IAM API, trust policies, ExternalId,
 * duration and chaining limits, session policies and tags in decisions, altered and expired tokens, MFA sessions for
 * an MFA-gated policy, and revoking a role's older sessions.
 */
@ExtendWith(LocalSystem.class)
class StsE2ETest {

    static IamClient root;
    static String account;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void client() {
        root = Clients.root();
        account = LocalSystem.get().accountId();
    }

    @AfterAll
    static void close() {
        root.close();
    }

    /** A user with an access key and an inline policy. */
    record User(String name, String arn, AccessKey key) {
        StsClient sts() {
            return Sts.sts(key.accessKeyId(), key.secretAccessKey());
        }
    }

    User user(String name, String policy) {
        String arn = root.createUser(b -> b.userName(name)).user().arn();
        if (policy != null) {
            root.putUserPolicy(b -> b.userName(name).policyName("p").policyDocument(policy));
        }
        return new User(name, arn, root.createAccessKey(b -> b.userName(name)).accessKey());
    }

    String role(String name, String trust, String permissions) {
        String arn = root.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
        if (permissions != null) {
            root.putRolePolicy(b -> b.roleName(name).policyName("p").policyDocument(permissions));
        }
        return arn;
    }

    static String trust(String principalArn, String actions, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principalArn
                + "\"},\"Action\":" + actions + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    static String allow(String actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions + ",\"Resource\":\"*\"}]}";
    }

    @Test
    void theAwsCliAndBoto3AssumeRolesAndUseTheirCredentials() throws Exception {
        RequiredClients.awsCliV2();
        RequiredClients.boto3();
        assertThat(AwsCliE2ETest.run(List.of("bash", AwsCliE2ETest.script("aws-cli-sts.sh")))).contains("aws-cli sts: ok");
        assertThat(AwsCliE2ETest.run(List.of(RequiredClients.PYTHON.toString(), AwsCliE2ETest.script("boto3_sts.py"))))
                .contains("boto3 sts: ok");
    }

    @Test
    void getCallerIdentityNamesLongTermAndTemporaryCallers() {
        try (StsClient sts = Sts.sts(LocalSystem.get().accessKeyId(), LocalSystem.get().secretAccessKey())) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.arn()).isEqualTo("arn:aws:iam::" + account + ":root");
            assertThat(me.account()).isEqualTo(account);
            assertThat(me.userId()).isEqualTo(account);
        }
        User alice = user("sts-id-" + run, null);
        try (StsClient sts = alice.sts()) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.arn()).isEqualTo(alice.arn());
            assertThat(me.userId()).startsWith("AIDA");
        }
    }

    @Test
    void aRoleSessionHasTheRolesPermissionsAtTheIamApiAndNoMore() {
        User alice = user("sts-alice-" + run, null);
        String roleName = "sts-reader-" + run;
        String roleArn = role(roleName, trust(alice.arn(), "\"sts:AssumeRole\"", null), allow("[\"iam:ListUsers\",\"iam:GetRole\"]"));
        AssumeRoleResponse assumed;
        try (StsClient sts = alice.sts()) {
            assumed = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("alice-session"));
        }
        String sessionArn = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/alice-session";
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo(sessionArn);
        assertThat(assumed.assumedRoleUser().assumedRoleId()).startsWith("AROA").endsWith(":alice-session");
        assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(assumed.credentials().secretAccessKey()).hasSize(40);
        assertThat(assumed.credentials().expiration()).isBetween(Instant.now().plus(Duration.ofMinutes(55)),
                Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(assumed.packedPolicySize()).isNull();

        try (IamClient asRole = Sts.iam(assumed.credentials()); StsClient sts = Sts.sts(Sts.session(assumed.credentials()))) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo(sessionArn);
            // every page: the account is shared with other tests and may hold more users than one page
            assertThat(asRole.listUsersPaginator().users().stream().map(u -> u.userName()).toList()).contains(alice.name());
            assertThat(asRole.getRole(b -> b.roleName(roleName)).role().arn()).isEqualTo(roleArn);
            String message = assertAwsError(() -> asRole.createUser(b -> b.userName("nope-" + run)), 403, "AccessDenied");
            assertThat(message).startsWith("User: " + sessionArn + " is not authorized to perform: iam:CreateUser");
            // a role has no user name: acting on "myself" is refused as AWS refuses it
            assertAwsError(() -> asRole.getUser(), 400, "ValidationError");
        }
    }

    @Test
    void theTrustPolicyDecidesWhoMayAssumeTheRoleAndExternalIdIsChecked() {
        User alice = user("sts-trust-a-" + run, allow("\"sts:AssumeRole\""));
        User bob = user("sts-trust-b-" + run, null);
        String roleArn = role("sts-trusted-" + run, trust(bob.arn(), "\"sts:AssumeRole\"", null), null);
        try (StsClient sts = alice.sts()) {
            // alice's own policy allows sts:AssumeRole on everything, but the trust policy names bob only
            String message = assertAwsError(() -> sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("ss")), 403, "AccessDenied");
            assertThat(message).contains(alice.arn()).contains("sts:AssumeRole").contains(roleArn);
            assertAwsError(() -> sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/missing-" + run)
                    .roleSessionName("ss")), 403, "AccessDenied");
        }
        try (StsClient sts = bob.sts()) {
            assertThat(sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("ss")).credentials()).isNotNull();
        }
        String external = role("sts-external-" + run, trust("arn:aws:iam::" + account + ":root", "\"sts:AssumeRole\"",
                "{\"StringEquals\":{\"sts:ExternalId\":\"ticket-42\"}}"), null);
        try (StsClient sts = alice.sts()) {
            assertAwsError(() -> sts.assumeRole(b -> b.roleArn(external).roleSessionName("ss")), 403, "AccessDenied");
            assertAwsError(() -> sts.assumeRole(b -> b.roleArn(external).roleSessionName("ss").externalId("ticket-43")), 403,
                    "AccessDenied");
            assertThat(sts.assumeRole(b -> b.roleArn(external).roleSessionName("ss").externalId("ticket-42")).credentials()).isNotNull();
        }
        // naming the account in the trust policy leaves it to the caller's own policies: bob has none
        try (StsClient sts = bob.sts()) {
            assertAwsError(() -> sts.assumeRole(b -> b.roleArn(external).roleSessionName("ss").externalId("ticket-42")), 403,
                    "AccessDenied");
        }
    }

    @Test
    void durationIsBoundedByTheRoleAndByChaining() {
        User alice = user("sts-dur-" + run, null);
        String first = role("sts-first-" + run, trust(alice.arn(), "\"sts:AssumeRole\"", null), allow("\"sts:AssumeRole\""));
        String second = role("sts-second-" + run, trust(first, "\"sts:AssumeRole\"", null), allow("\"iam:ListRoles\""));
        try (StsClient sts = alice.sts()) {
            assertThat(assertAwsError(() -> sts.assumeRole(b -> b.roleArn(first).roleSessionName("ss").durationSeconds(7200)), 400,
                    "ValidationError")).contains("MaxSessionDuration");
            assertAwsError(() -> sts.assumeRole(b -> b.roleArn(first).roleSessionName("ss").durationSeconds(899)), 400, "ValidationError");
            root.updateRole(b -> b.roleName("sts-first-" + run).maxSessionDuration(7200));
            Credentials firstSession = sts.assumeRole(b -> b.roleArn(first).roleSessionName("ss").durationSeconds(7200)).credentials();
            assertThat(firstSession.expiration()).isAfter(Instant.now().plus(Duration.ofMinutes(110)));
            try (StsClient chained = Sts.sts(Sts.session(firstSession))) {
                assertThat(assertAwsError(() -> chained.assumeRole(b -> b.roleArn(second).roleSessionName("cc").durationSeconds(3601)),
                        400, "ValidationError")).contains("role chaining");
                Credentials secondSession = chained.assumeRole(b -> b.roleArn(second).roleSessionName("cc")).credentials();
                try (IamClient asSecond = Sts.iam(secondSession)) {
                    assertThat(asSecond.listRoles().roles()).isNotEmpty();
                    assertAwsError(() -> asSecond.listUsers(), 403, "AccessDenied");
                }
            }
        }
    }

    @Test
    void sessionPoliciesNarrowTheRoleAndSessionTagsReachConditions() {
        User alice = user("sts-narrow-" + run, null);
        String roleArn = role("sts-wide-" + run, trust(alice.arn(), "[\"sts:AssumeRole\",\"sts:TagSession\"]", null),
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:ListUsers\",\"iam:ListRoles\"],"
                        + "\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Action\":\"iam:ListGroups\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}}]}");
        try (StsClient sts = alice.sts()) {
            AssumeRoleResponse narrowed = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("nn").policy(allow("\"iam:ListRoles\"")));
            assertThat(narrowed.packedPolicySize()).isBetween(1, 100);
            try (IamClient asRole = Sts.iam(narrowed.credentials())) {
                assertThat(asRole.listRoles().roles()).isNotEmpty();
                assertThat(assertAwsError(() -> asRole.listUsers(), 403, "AccessDenied")).contains("session policy");
            }
            Credentials blue = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("bb").tags(t -> t.key("team").value("blue")))
                    .credentials();
            Credentials red = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("rr").tags(t -> t.key("team").value("red")))
                    .credentials();
            try (IamClient asBlue = Sts.iam(blue); IamClient asRed = Sts.iam(red)) {
                assertThat(asBlue.listGroups().groups()).isNotNull();
                assertAwsError(() -> asRed.listGroups(), 403, "AccessDenied");
            }
        }
        // passing tags needs sts:TagSession in the trust policy
        String untagged = role("sts-notags-" + run, trust(alice.arn(), "\"sts:AssumeRole\"", null), null);
        try (StsClient sts = alice.sts()) {
            assertAwsError(() -> sts.assumeRole(b -> b.roleArn(untagged).roleSessionName("tt").tags(t -> t.key("team").value("blue"))),
                    403, "AccessDenied");
        }
    }

    @Test
    void alteredAndExpiredTokensAreRefusedByTheIamApi() throws Exception {
        User alice = user("sts-tok-" + run, null);
        String roleArn = role("sts-tok-" + run, trust(alice.arn(), "\"sts:AssumeRole\"", null), allow("\"iam:ListUsers\""));
        Credentials good;
        try (StsClient sts = alice.sts()) {
            good = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("tt")).credentials();
        }
        String token = good.sessionToken();
        int middle = token.length() / 2;
        String altered = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1);
        try (IamClient iam = Sts.iam(good.toBuilder().sessionToken(altered).build())) {
            assertAwsError(iam::listUsers, 403, "InvalidClientTokenId");
        }
        // an expired token, minted here with the keys iam-local generated (as sts-service would have, an hour ago)
        ServiceKey signing = ServiceKey.read("sts-service", LocalSystem.get().keysDir().resolve("sts-service.pem"));
        ServiceKey encryption = ServiceKey.read("session", LocalSystem.get().keysDir().resolve("session/session.pem"));
        Instant issued = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String expired = new SessionTokenIssuer(signing, encryption).issue(new SessionClaims(good.accessKeyId(),
                good.secretAccessKey(), account, "arn:aws:sts::" + account + ":assumed-role/sts-tok-" + run + "/t", "AROAX:t", roleArn,
                "AssumedRole", issued, issued.plus(Duration.ofHours(1)), null, null, List.of(), Map.of(), List.of(), null, null, false));
        try (IamClient iam = Sts.iam(good.toBuilder().sessionToken(expired).build())) {
            assertAwsError(iam::listUsers, 400, "ExpiredToken");
        }
        try (IamClient iam = Sts.iam(good)) {
            assertThat(iam.listUsers().users()).isNotEmpty();
        }
    }

    @Test
    void anMfaGatedPolicyNeedsAnMfaSessionFromGetSessionToken() {
        // AWS's example: allow what the user needs, deny everything unless signed in with MFA
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"DenyAllExceptListedIfNoMFA\",\"Effect\":\"Deny\",\"NotAction\":[\"iam:ListMFADevices\",\"sts:GetSessionToken\"],"
                + "\"Resource\":\"*\",\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}]}";
        User bob = user("sts-mfa-" + run, policy);
        VirtualMFADevice device = root.createVirtualMFADevice(b -> b.virtualMFADeviceName("sts-mfa-" + run)).virtualMFADevice();
        String seed = device.base32StringSeed().asUtf8String();
        String serial = device.serialNumber();
        root.enableMFADevice(b -> b.userName(bob.name()).serialNumber(serial).authenticationCode1(Authenticator.code(seed, -1))
                .authenticationCode2(Authenticator.code(seed, 0)));
        try (IamClient longTerm = Clients.iam(bob.key().accessKeyId(), bob.key().secretAccessKey()); StsClient sts = bob.sts()) {
            assertAwsError(longTerm::listUsers, 403, "AccessDenied");
            Credentials withoutMfa = sts.getSessionToken(b -> b.durationSeconds(900)).credentials();
            try (IamClient iam = Sts.iam(withoutMfa)) {
                assertAwsError(iam::listUsers, 403, "AccessDenied");
            }
            assertThat(assertAwsError(() -> sts.getSessionToken(b -> b.serialNumber(serial).tokenCode(Authenticator.wrong(seed, 0))), 403,
                    "AccessDenied")).isEqualTo("MultiFactorAuthentication failed with invalid MFA one time pass code.");
            String code = Authenticator.code(seed, 1);
            Credentials withMfa = sts.getSessionToken(b -> b.serialNumber(serial).tokenCode(code)).credentials();
            assertThat(withMfa.expiration()).isAfter(Instant.now().plus(Duration.ofHours(11)));
            try (IamClient iam = Sts.iam(withMfa); StsClient asSession = Sts.sts(Sts.session(withMfa))) {
                assertThat(iam.listUsers().users()).isNotEmpty();
                assertThat(asSession.getCallerIdentity().arn()).isEqualTo(bob.arn());
                assertAwsError(() -> asSession.getSessionToken(), 403, "AccessDenied");
            }
            // the same code again is a replay
            assertAwsError(() -> sts.getSessionToken(b -> b.serialNumber(serial).tokenCode(code)), 403, "AccessDenied");
        }
    }

    /** Waits for the clock to reach the next whole second (token issue times are whole seconds); that second. */
    static Instant nextSecond() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        org.awaitility.Awaitility.await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(3))
                .until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(start));
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void revokingARolesOlderSessionsTakesEffectOnTheNextCall() {
        User alice = user("sts-rev-" + run, null);
        String roleName = "sts-rev-" + run;
        String roleArn = role(roleName, trust(alice.arn(), "\"sts:AssumeRole\"", null), allow("\"iam:ListUsers\""));
        try (StsClient sts = alice.sts()) {
            Credentials old = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("old")).credentials();
            try (IamClient iam = Sts.iam(old)) {
                assertThat(iam.listUsers().users()).isNotEmpty();
                // what the console's "Revoke active sessions" writes: sessions issued before this second are denied
                String now = nextSecond().toString();
                root.putRolePolicy(b -> b.roleName(roleName).policyName("AWSRevokeOlderSessions").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                                + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + now + "\"}}}]}"));
                assertAwsError(iam::listUsers, 403, "AccessDenied");
            }
            nextSecond();
            Credentials fresh = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("new")).credentials();
            try (IamClient iam = Sts.iam(fresh)) {
                assertThat(iam.listUsers().users()).isNotEmpty();
            }
        }
    }

    @Test
    void aFederatedUserIsNamedByStsAndKeptAwayFromIam() {
        User plain = user("sts-fed-none-" + run, null);
        try (StsClient sts = plain.sts()) {
            assertAwsError(() -> sts.getFederationToken(b -> b.name("partner")), 403, "AccessDenied");
        }
        User broker = user("sts-fed-" + run, allow("[\"sts:GetFederationToken\",\"iam:ListUsers\"]"));
        try (StsClient sts = broker.sts()) {
            var federated = sts.getFederationToken(b -> b.name("partner").policy(allow("\"iam:ListUsers\"")).durationSeconds(900));
            String arn = "arn:aws:sts::" + account + ":federated-user/partner";
            assertThat(federated.federatedUser().arn()).isEqualTo(arn);
            assertThat(federated.federatedUser().federatedUserId()).isEqualTo(account + ":partner");
            assertThat(federated.packedPolicySize()).isBetween(1, 100);
            try (StsClient asFederated = Sts.sts(Sts.session(federated.credentials())); IamClient iam = Sts.iam(federated.credentials())) {
                assertThat(asFederated.getCallerIdentity().arn()).isEqualTo(arn);
                assertAwsError(iam::listUsers, 403, "AccessDenied");
                assertAwsError(() -> asFederated.getFederationToken(b -> b.name("again")), 403, "AccessDenied");
            }
            assertAwsError(() -> sts.getFederationToken(b -> b.name("x")), 400, "ValidationError");
        }
    }
}
