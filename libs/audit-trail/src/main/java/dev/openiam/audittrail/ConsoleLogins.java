package dev.openiam.audittrail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.model.audit.AuditRedaction;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The record of a console sign-in as CloudTrail writes it: event {@code ConsoleLogin} from {@code signin.amazonaws.com},
 * type {@code AwsConsoleSignIn}, a management event that is not read-only, no request parameters (the password is
 * never in it), {@code responseElements} {@code {"ConsoleLogin": "Success"|"Failure"}}, and {@code additionalEventData}
 * with {@code LoginTo}, {@code MobileVersion} and {@code MFAUsed}. A failure has CloudTrail's {@code errorMessage} and
 * no {@code errorCode}; a user name that names no user is not recorded (it might be a password typed in the wrong
 * box): {@value AuditRedaction#HIDDEN} stands for it, as AWS writes it.
 */
public final class ConsoleLogins {

    public static final String EVENT_SOURCE = "signin.amazonaws.com";
    public static final String EVENT_NAME = "ConsoleLogin";
    /** CloudTrail's message of a wrong password or MFA code. */
    public static final String FAILED_AUTHENTICATION = "Failed authentication";
    /** CloudTrail's message of a user name that names no user of the account. */
    public static final String NO_SUCH_USER = "No username found in supplied account";

    private ConsoleLogins() {
    }

    /**
     * Where the person signed in from (the browser, as the console saw it) and the console URL signed in to.
     */
    public record Origin(String sourceIp, String userAgent, String loginTo) {
    }

    /** Who signed in, or tried: {@code userName} {@code null} for the root user. */
    public record Principal(String accountId, String principalId, String arn, String userName) {

        public Principal {
            Objects.requireNonNull(accountId, "accountId");
        }

        boolean root() {
            return userName == null;
        }
    }

    public static AuditRecord success(Principal who, boolean mfaUsed, Origin origin) {
        return record(identity(who), null, mfaUsed, origin);
    }

    /** A wrong password or MFA code (or a password expired for good) of a principal that exists. */
    public static AuditRecord failure(Principal who, boolean mfaUsed, Origin origin) {
        return record(identity(who), FAILED_AUTHENTICATION, mfaUsed, origin);
    }

    /** A user name that names no user of {@code accountId}: the name is not recorded. */
    public static AuditRecord noSuchUser(String accountId, Origin origin) {
        return record(new AuditRecord.UserIdentity("IAMUser", null, null, accountId, null, AuditRedaction.HIDDEN, null, null),
                NO_SUCH_USER, false, origin);
    }

    private static AuditRecord.UserIdentity identity(Principal who) {
        return who.root() ? AuditRecord.UserIdentity.root(who.accountId(), null)
                : AuditRecord.UserIdentity.iamUser(who.accountId(), who.principalId(), who.arn(), who.userName(), null);
    }

    private static AuditRecord record(AuditRecord.UserIdentity identity, String errorMessage, boolean mfaUsed, Origin origin) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode response = json.objectNode().put(EVENT_NAME, errorMessage == null ? "Success" : "Failure");
        ObjectNode additional = json.objectNode();
        if (origin.loginTo() != null) {
            additional.put("LoginTo", origin.loginTo());
        }
        additional.put("MobileVersion", "No").put("MFAUsed", mfaUsed ? "Yes" : "No");
        return new AuditRecord(AuditRecord.EVENT_VERSION, identity, Instant.now(), EVENT_SOURCE, EVENT_NAME, ApiCall.GLOBAL_REGION,
                origin.sourceIp(), origin.userAgent(), null, errorMessage, null, response, additional, null, UUID.randomUUID(),
                false, null, AuditRecord.CONSOLE_SIGN_IN, true, identity.accountId(), AuditRecord.MANAGEMENT);
    }
}
