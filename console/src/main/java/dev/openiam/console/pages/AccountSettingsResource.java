package dev.openiam.console.pages;

import dev.openiam.console.aws.AwsApi;
import dev.openiam.console.session.ConsoleSession;
import dev.openiam.console.session.ConsoleSessions;
import dev.openiam.console.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyRequest;

import java.util.List;

/**
 * Account settings: the password policy (GetAccountPasswordPolicy; edited with UpdateAccountPasswordPolicy, reset to
 * IAM's default with DeleteAccountPasswordPolicy) and the account alias (the sign-in URL's name).
 */
@Path("/account-settings")
public class AccountSettingsResource {

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final Template settings;

    public AccountSettingsResource(ConsoleSessions sessions, AwsApi aws, @Location("account-settings.html") Template settings) {
        this.sessions = sessions;
        this.aws = aws;
        this.settings = settings;
    }

    @GET
    public Response page(@CookieParam(ConsoleSessions.COOKIE) String id) {
        ConsoleSession session = sessions.require(id);
        PasswordPolicy policy;
        try {
            policy = aws.iam(session, iam -> iam.getAccountPasswordPolicy().passwordPolicy());
        } catch (NoSuchEntityException e) {
            policy = null; // IAM's default applies
        }
        List<String> aliases = aws.iam(session, iam -> iam.listAccountAliases().accountAliases());
        return Pages.page(settings.data("policy", policy).data("alias", aliases.isEmpty() ? null : aliases.get(0)), session);
    }

    @POST
    @Path("password-policy")
    public Response update(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                           @FormParam("minimumPasswordLength") String minimumLength, @FormParam("requireUppercase") boolean uppercase,
                           @FormParam("requireLowercase") boolean lowercase, @FormParam("requireNumbers") boolean numbers,
                           @FormParam("requireSymbols") boolean symbols, @FormParam("allowUsersToChangePassword") boolean allowChange,
                           @FormParam("maxPasswordAge") String maxAge, @FormParam("passwordReusePrevention") String reuse,
                           @FormParam("hardExpiry") boolean hardExpiry) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        UpdateAccountPasswordPolicyRequest.Builder request = UpdateAccountPasswordPolicyRequest.builder()
                .minimumPasswordLength(number(minimumLength)).requireUppercaseCharacters(uppercase).requireLowercaseCharacters(lowercase)
                .requireNumbers(numbers).requireSymbols(symbols).allowUsersToChangePassword(allowChange).hardExpiry(hardExpiry);
        // an empty field leaves the setting off (IAM's default length when it is the length), as the AWS console does
        request.maxPasswordAge(number(maxAge)).passwordReusePrevention(number(reuse));
        aws.iam(session, iam -> iam.updateAccountPasswordPolicy(request.build()));
        return Pages.seeOther("/account-settings");
    }

    /** A number field: empty → not sent; not a number → 400 (the API itself judges the range and answers AWS's error). */
    private static Integer number(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(field.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException("not a number: " + field);
        }
    }

    @POST
    @Path("password-policy/delete")
    public Response reset(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        aws.iam(session, iam -> iam.deleteAccountPasswordPolicy());
        return Pages.seeOther("/account-settings");
    }

    @POST
    @Path("alias")
    public Response alias(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                          @FormParam("alias") String alias) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        List<String> current = aws.iam(session, iam -> iam.listAccountAliases().accountAliases());
        for (String old : current) {
            aws.iam(session, iam -> iam.deleteAccountAlias(b -> b.accountAlias(old)));
        }
        if (alias != null && !alias.isBlank()) {
            aws.iam(session, iam -> iam.createAccountAlias(b -> b.accountAlias(alias.strip())));
        }
        return Pages.seeOther("/account-settings");
    }
}
