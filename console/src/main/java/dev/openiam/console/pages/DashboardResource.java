package dev.openiam.console.pages;

import dev.openiam.console.aws.AwsApi;
import dev.openiam.console.session.ConsoleSession;
import dev.openiam.console.session.ConsoleSessions;
import dev.openiam.console.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The IAM dashboard: the account's sign-in URL (with its alias when it has one), the resource counts and the
 * security recommendations of GetAccountSummary (root MFA, root access keys), and users without MFA.
 */
@Path("/")
public class DashboardResource {

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final Template dashboard;

    public DashboardResource(ConsoleSessions sessions, AwsApi aws, @Location("dashboard.html") Template dashboard) {
        this.sessions = sessions;
        this.aws = aws;
        this.dashboard = dashboard;
    }

    public record Recommendation(boolean ok, String text) {
    }

    @GET
    public Response dashboard(@CookieParam(ConsoleSessions.COOKIE) String id, @Context UriInfo uri) {
        ConsoleSession session = sessions.require(id);
        if (session.passwordChangeRequired()) {
            return Pages.seeOther("/password");
        }
        Map<SummaryKeyType, Integer> summary = aws.iam(session, iam -> iam.getAccountSummary().summaryMap());
        List<String> aliases = aws.iam(session, iam -> iam.listAccountAliases().accountAliases());
        String signInName = aliases.isEmpty() ? session.accountId() : aliases.get(0);
        String signInUrl = uri.getBaseUri().resolve("signin?account=" + signInName).toString();
        List<Recommendation> recommendations = new ArrayList<>();
        recommendations.add(new Recommendation(summary.getOrDefault(SummaryKeyType.ACCOUNT_MFA_ENABLED, 0) == 1,
                summary.getOrDefault(SummaryKeyType.ACCOUNT_MFA_ENABLED, 0) == 1 ? "The root user has MFA."
                        : "Add MFA for the root user."));
        recommendations.add(new Recommendation(summary.getOrDefault(SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT, 0) == 0,
                summary.getOrDefault(SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT, 0) == 0 ? "The root user has no active access keys."
                        : "Delete the root user's access keys: use IAM users or roles instead."));
        int users = summary.getOrDefault(SummaryKeyType.USERS, 0);
        int withMfa = summary.getOrDefault(SummaryKeyType.MFA_DEVICES_IN_USE, 0) - (summary.getOrDefault(SummaryKeyType.ACCOUNT_MFA_ENABLED, 0));
        int withoutMfa = Math.max(0, users - Math.max(0, withMfa));
        recommendations.add(new Recommendation(withoutMfa == 0, withoutMfa == 0 ? "Every IAM user has MFA."
                : withoutMfa + " IAM user(s) without MFA: assign a device to each person."));
        return Pages.page(dashboard.data("accountId", session.accountId()).data("alias", aliases.isEmpty() ? null : aliases.get(0))
                .data("signInUrl", signInUrl).data("recommendations", recommendations)
                .data("users", users).data("groups", summary.getOrDefault(SummaryKeyType.GROUPS, 0))
                .data("roles", summary.getOrDefault(SummaryKeyType.ROLES, 0))
                .data("policies", summary.getOrDefault(SummaryKeyType.POLICIES, 0))
                .data("providers", summary.getOrDefault(SummaryKeyType.PROVIDERS, 0)), session);
    }
}
