package dev.openiam.console.session;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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
    /** What a wizard's steps carry between them (a password typed stays here, never goes back to the browser). */
    private final Map<String, Object> drafts = new LinkedHashMap<>();

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

    /** Keeps {@code draft} for the wizard's next step (the last {@value #DRAFTS} of the session); its id. */
    public synchronized String keepDraft(Object draft) {
        String draftId = ConsoleSessions.token();
        drafts.put(draftId, draft);
        while (drafts.size() > DRAFTS) {
            drafts.remove(drafts.keySet().iterator().next());
        }
        return draftId;
    }

    /** The draft {@code draftId} of this type, or {@code null}. */
    public synchronized <T> T draft(String draftId, Class<T> type) {
        Object draft = draftId == null ? null : drafts.get(draftId);
        return type.isInstance(draft) ? type.cast(draft) : null;
    }

    /** Takes the draft out (a confirmed step is not done twice), or {@code null}. */
    public synchronized <T> T takeDraft(String draftId, Class<T> type) {
        T draft = draft(draftId, type);
        if (draft != null) {
            drafts.remove(draftId);
        }
        return draft;
    }

    private static final int DRAFTS = 8;

    /** Never the credentials. */
    @Override
    public String toString() {
        return "ConsoleSession[" + arn + ", until " + expiresAt + "]";
    }
}
