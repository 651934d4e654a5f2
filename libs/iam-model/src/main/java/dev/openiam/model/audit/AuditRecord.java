package dev.openiam.model.audit;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One API call, allowed or denied, as CloudTrail records it (record format {@code eventVersion} 1.11). The JSON
 * names are CloudTrail's ({@code sourceIPAddress}, {@code requestID}, {@code eventID}, a resource's {@code ARN});
 * absent members are left out, as CloudTrail leaves out {@code errorCode} on a success. {@code requestParameters}
 * and {@code responseElements} are the call's own JSON; they must pass through {@link AuditRedaction} before the
 * record leaves the service that made it ({@link AuditCodec} does so on every encode and decode).
 *
 * @param eventTime          when the call was made, to the second (CloudTrail's precision)
 * @param eventSource        {@code iam.amazonaws.com}, {@code sts.amazonaws.com}, {@code cloudtrail.amazonaws.com}
 * @param additionalEventData what CloudTrail adds to some events beyond the call (a console sign-in's
 *                           {@code LoginTo}, {@code MobileVersion}, {@code MFAUsed}); {@code null} for most
 * @param readOnly           whether the call only reads
 * @param recipientAccountId the account the call was made to; LookupEvents answers only within it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
        "userAgent", "errorCode", "errorMessage", "requestParameters", "responseElements", "additionalEventData", "requestID", "eventID", "readOnly",
        "resources", "eventType", "managementEvent", "recipientAccountId", "eventCategory"})
public record AuditRecord(
        String eventVersion,
        UserIdentity userIdentity,
        Instant eventTime,
        String eventSource,
        String eventName,
        String awsRegion,
        @JsonProperty("sourceIPAddress") String sourceIPAddress,
        String userAgent,
        String errorCode,
        String errorMessage,
        JsonNode requestParameters,
        JsonNode responseElements,
        JsonNode additionalEventData,
        @JsonProperty("requestID") String requestID,
        @JsonProperty("eventID") UUID eventID,
        boolean readOnly,
        List<Resource> resources,
        String eventType,
        boolean managementEvent,
        String recipientAccountId,
        String eventCategory) implements AuditEvent {

    public static final String EVENT_VERSION = "1.11";
    public static final String API_CALL = "AwsApiCall";
    /** The event type of a console sign-in (ConsoleLogin, from {@code signin.amazonaws.com}). */
    public static final String CONSOLE_SIGN_IN = "AwsConsoleSignIn";
    public static final String MANAGEMENT = "Management";
    /** The category of a data event: a decision the decision API made for a user's own service. */
    public static final String DATA = "Data";

    public AuditRecord {
        Objects.requireNonNull(userIdentity, "userIdentity");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(eventID, "eventID");
        Objects.requireNonNull(recipientAccountId, "recipientAccountId");
        eventVersion = eventVersion == null ? EVENT_VERSION : eventVersion;
        eventTime = eventTime.truncatedTo(ChronoUnit.SECONDS);
        resources = resources == null ? List.of() : List.copyOf(resources);
        eventType = eventType == null ? API_CALL : eventType;
        eventCategory = eventCategory == null ? MANAGEMENT : eventCategory;
    }

    /** An API call's record: no {@code additionalEventData}. */
    public AuditRecord(String eventVersion, UserIdentity userIdentity, Instant eventTime, String eventSource, String eventName,
                       String awsRegion, String sourceIPAddress, String userAgent, String errorCode, String errorMessage,
                       JsonNode requestParameters, JsonNode responseElements, String requestID, UUID eventID, boolean readOnly,
                       List<Resource> resources, String eventType, boolean managementEvent, String recipientAccountId,
                       String eventCategory) {
        this(eventVersion, userIdentity, eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent, errorCode,
                errorMessage, requestParameters, responseElements, null, requestID, eventID, readOnly, resources, eventType,
                managementEvent, recipientAccountId, eventCategory);
    }

    /** The same record with other request parameters and response elements (what redaction makes). */
    public AuditRecord withBodies(JsonNode requestParameters, JsonNode responseElements) {
        return new AuditRecord(eventVersion, userIdentity, eventTime, eventSource, eventName, awsRegion, sourceIPAddress,
                userAgent, errorCode, errorMessage, requestParameters, responseElements, additionalEventData, requestID, eventID,
                readOnly, resources, eventType, managementEvent, recipientAccountId, eventCategory);
    }

    /** The user name LookupEvents shows and matches: the IAM user's, the root's ({@code root}), or the session's. */
    public String username() {
        return userIdentity.lookupName();
    }

    /**
     * Who made the call. {@code type} is {@code Root}, {@code IAMUser}, {@code AssumedRole}, {@code FederatedUser},
     * {@code WebIdentityUser} (or {@code AWSService}, {@code Unknown}); a call with temporary credentials has a
     * {@code sessionContext}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "principalId", "arn", "accountId", "accessKeyId", "userName", "sessionContext", "invokedBy",
            "identityProvider"})
    public record UserIdentity(String type, String principalId, String arn, String accountId, String accessKeyId,
                               String userName, SessionContext sessionContext, String invokedBy, String identityProvider) {

        public UserIdentity {
            Objects.requireNonNull(type, "type");
        }

        /** Anyone but a web identity (which alone names an {@code identityProvider}). */
        public UserIdentity(String type, String principalId, String arn, String accountId, String accessKeyId,
                            String userName, SessionContext sessionContext, String invokedBy) {
            this(type, principalId, arn, accountId, accessKeyId, userName, sessionContext, invokedBy, null);
        }

        /**
         * A caller of AssumeRoleWithWebIdentity, as CloudTrail names it: principal id {@code <provider>:<aud>:<sub>},
         * user name the token's {@code sub}, the OIDC provider's ARN; all three {@code null} when the token could not be
         * verified. No ARN, no access key: the call is unsigned.
         */
        public static UserIdentity webIdentityUser(String accountId, String principalId, String userName, String identityProvider) {
            return new UserIdentity("WebIdentityUser", principalId, null, accountId, null, userName, null, null, identityProvider);
        }

        public static UserIdentity root(String accountId, String accessKeyId) {
            return new UserIdentity("Root", accountId, "arn:aws:iam::" + accountId + ":root", accountId, accessKeyId, null, null, null);
        }

        public static UserIdentity iamUser(String accountId, String userId, String arn, String userName, String accessKeyId) {
            return new UserIdentity("IAMUser", userId, arn, accountId, accessKeyId, userName, null, null);
        }

        /** A role session: principal id {@code AROA…:sessionName}, the role as issuer. */
        public static UserIdentity assumedRole(String accountId, String roleId, String roleArn, String roleName, String sessionName,
                                               String sessionArn, String accessKeyId, SessionContext context) {
            return new UserIdentity("AssumedRole", roleId + ":" + sessionName, sessionArn, accountId, accessKeyId, null,
                    context == null ? null : context.withIssuer(new SessionIssuer("Role", roleId, roleArn, accountId, roleName)),
                    null);
        }

        /** A caller no credentials could name (a request refused before authentication). */
        public static UserIdentity unknown(String accountId, String accessKeyId) {
            return new UserIdentity("Unknown", null, null, accountId, accessKeyId, null, null, null);
        }

        /** The name LookupEvents knows the caller by: the user's, {@code root}, or the session name of a role. */
        String lookupName() {
            if (userName != null) {
                return userName;
            }
            if ("Root".equals(type)) {
                return "root";
            }
            if (principalId != null && principalId.indexOf(':') > 0) {
                return principalId.substring(principalId.indexOf(':') + 1);
            }
            return null;
        }
    }

    /** The session a temporary credential belongs to. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"sessionIssuer", "webIdFederationData", "attributes", "sourceIdentity"})
    public record SessionContext(SessionIssuer sessionIssuer, JsonNode webIdFederationData, SessionAttributes attributes,
                                 String sourceIdentity) {

        SessionContext withIssuer(SessionIssuer issuer) {
            return new SessionContext(issuer, webIdFederationData, attributes, sourceIdentity);
        }
    }

    /** The role (or user, for a federation token) the session was issued for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "principalId", "arn", "accountId", "userName"})
    public record SessionIssuer(String type, String principalId, String arn, String accountId, String userName) {
    }

    /** When the session began and whether MFA was presented then; CloudTrail writes the flag as a string. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"creationDate", "mfaAuthenticated"})
    public record SessionAttributes(Instant creationDate,
                                    @JsonFormat(shape = JsonFormat.Shape.STRING) boolean mfaAuthenticated) {
    }

    /** A resource the call named, e.g. {@code AWS::IAM::User} and its ARN. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"accountId", "type", "ARN"})
    public record Resource(String accountId, String type, @JsonProperty("ARN") String arn) {

        public Resource {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(arn, "ARN");
        }

        /** The name LookupEvents shows: the ARN's last path segment ({@code user/team/alice} is {@code alice}). */
        public String name() {
            int colon = arn.lastIndexOf(':');
            String tail = colon < 0 ? arn : arn.substring(colon + 1);
            int slash = tail.lastIndexOf('/');
            return slash < 0 ? tail : tail.substring(slash + 1);
        }
    }
}
