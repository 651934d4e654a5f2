package dev.openiam.console.pages;

import dev.openiam.console.aws.AwsApi;
import dev.openiam.console.session.ConsoleSession;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.User;

import java.util.List;

/**
 * A user's page: details, permissions (attached, inline, boundary), groups, tags and security credentials (console
 * password, MFA devices, access keys with their last use), read as the signed-in person; shown again with the
 * message of a change that failed.
 */
@ApplicationScoped
public class UserPage {

    /** A user's access key as its page shows it, with its last use. */
    public record KeyRow(String accessKeyId, String status, String created, String lastUsed, String lastService) {
    }

    /** A change on the page that failed: AWS's error code and message, and the section it belongs to. */
    public record Failure(String section, String code, String message) {
    }

    private final AwsApi aws;
    private final Template user;

    public UserPage(AwsApi aws, @Location("user.html") Template user) {
        this.aws = aws;
        this.user = user;
    }

    /** The page of user {@code name}; {@code failure} {@code null} when nothing failed. */
    public TemplateInstance of(ConsoleSession session, String name, Failure failure) {
        User found = aws.iam(session, iam -> iam.getUser(b -> b.userName(name)).user());
        var attached = aws.iam(session, iam -> iam.listAttachedUserPolicies(b -> b.userName(name)).attachedPolicies());
        var inline = aws.iam(session, iam -> iam.listUserPolicies(b -> b.userName(name)).policyNames());
        var groups = aws.iam(session, iam -> iam.listGroupsForUser(b -> b.userName(name)).groups());
        var tags = aws.iam(session, iam -> iam.listUserTags(b -> b.userName(name)).tags());
        var mfa = aws.iam(session, iam -> iam.listMFADevices(b -> b.userName(name)).mfaDevices());
        LoginProfile profile;
        try {
            profile = aws.iam(session, iam -> iam.getLoginProfile(b -> b.userName(name)).loginProfile());
        } catch (NoSuchEntityException e) {
            profile = null;
        }
        List<KeyRow> keys = aws.iam(session, iam -> iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata().stream()
                .map(k -> {
                    var used = iam.getAccessKeyLastUsed(b -> b.accessKeyId(k.accessKeyId())).accessKeyLastUsed();
                    return new KeyRow(k.accessKeyId(), k.statusAsString(), String.valueOf(k.createDate()),
                            used.lastUsedDate() == null ? "never" : used.lastUsedDate().toString(), used.serviceName());
                }).toList());
        return user.data("user", found).data("attached", attached).data("inline", inline).data("groups", groups)
                .data("tags", tags).data("mfa", mfa).data("hasPassword", profile != null).data("profile", profile)
                .data("keys", keys).data("failure", failure);
    }
}
