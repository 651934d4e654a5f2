package dev.openiam.console.session;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.time.Instant;

/**
 * One signed-in person: who, the session's temporary credentials (kept here, never in the cookie), the CSRF token
 * every form of the session carries, and whether the password must be changed before anything else.
 */
public final class ConsoleSession {

    private final String id;
    private final String accountId;
    private final String arn;
    private final String userName;
    private final boolean root;
    private final boolean mfaAuthenticated;
    private final AwsSessionCredentials credentials;
    private final Instant expiresAt;
    private final String csrf;
    private volatile boolean passwordChangeRequired;

    public ConsoleSession(String id, String accountId, String arn, String userName, boolean root, boolean mfaAuthenticated,
                          AwsSessionCredentials credentials, Instant expiresAt, String csrf, boolean passwordChangeRequired) {
        this.id = id;
        this.accountId = accountId;
        this.arn = arn;
        this.userName = userName;
        this.root = root;
        this.mfaAuthenticated = mfaAuthenticated;
        this.credentials = credentials;
        this.expiresAt = expiresAt;
        this.csrf = csrf;
        this.passwordChangeRequired = passwordChangeRequired;
    }

    public String id() {
        return id;
    }

    public String accountId() {
        return accountId;
    }

    public String arn() {
        return arn;
    }

    /** The IAM user's name; {@code null} for root. */
    public String userName() {
        return userName;
    }

    public boolean root() {
        return root;
    }

    public boolean mfaAuthenticated() {
        return mfaAuthenticated;
    }

    public AwsSessionCredentials credentials() {
        return credentials;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String csrf() {
        return csrf;
    }

    /** Who is signed in, as the page header shows it. */
    public String displayName() {
        return root ? "root (" + accountId + ")" : userName + " @ " + accountId;
    }

    public boolean passwordChangeRequired() {
        return passwordChangeRequired;
    }

    public void passwordChanged() {
        passwordChangeRequired = false;
    }

    /** Never the credentials. */
    @Override
    public String toString() {
        return "ConsoleSession[" + arn + ", until " + expiresAt + "]";
    }
}
