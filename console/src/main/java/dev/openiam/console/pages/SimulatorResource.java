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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import software.amazon.awssdk.services.iam.model.EvaluationResult;

import java.util.List;
import java.util.stream.Stream;

/**
 * Policy simulator: the decision for a user, group or role (SimulatePrincipalPolicy — its identity policies, groups'
 * and boundary) on actions and resources, with the statements that decided. A read: the form is a GET, so a result
 * has its own URL.
 */
@Path("/simulator")
public class SimulatorResource {

    /** A principal to choose. */
    public record Choice(String arn, String label, boolean selected) {
    }

    /** One simulated action on one resource. */
    public record Row(String action, String resource, String decision, List<String> matched, List<String> missingContext) {

        static Row of(EvaluationResult result) {
            return new Row(result.evalActionName(), result.evalResourceName(), result.evalDecisionAsString(),
                    result.matchedStatements().stream().map(s -> s.sourcePolicyId() + (s.sourcePolicyType() == null ? ""
                            : " (" + s.sourcePolicyTypeAsString() + ")")).distinct().toList(),
                    result.missingContextValues());
        }
    }

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final Template simulator;

    public SimulatorResource(ConsoleSessions sessions, AwsApi aws, @Location("simulator.html") Template simulator) {
        this.sessions = sessions;
        this.aws = aws;
        this.simulator = simulator;
    }

    @GET
    public Response simulate(@CookieParam(ConsoleSessions.COOKIE) String id, @QueryParam("principal") String principal,
                             @QueryParam("actions") String actions, @QueryParam("resources") String resources) {
        ConsoleSession session = sessions.require(id);
        List<Choice> choices = aws.iam(session, iam -> Stream.of(
                        iam.listUsersPaginator().users().stream().map(u -> new Choice(u.arn(), "User: " + u.userName(), u.arn().equals(principal))),
                        iam.listGroupsPaginator().groups().stream().map(g -> new Choice(g.arn(), "Group: " + g.groupName(), g.arn().equals(principal))),
                        iam.listRolesPaginator().roles().stream().map(r -> new Choice(r.arn(), "Role: " + r.roleName(), r.arn().equals(principal))))
                .flatMap(s -> s).toList());
        List<String> actionNames = IdentityProvidersResource.lines(actions);
        List<Row> rows = List.of();
        if (principal != null && !principal.isBlank() && !actionNames.isEmpty()) {
            List<String> resourceArns = IdentityProvidersResource.lines(resources);
            rows = aws.iam(session, iam -> iam.simulatePrincipalPolicyPaginator(b -> b.policySourceArn(principal).actionNames(actionNames)
                    .resourceArns(resourceArns.isEmpty() ? null : resourceArns)).evaluationResults().stream()
                    .map(Row::of).toList());
        }
        return Pages.page(simulator.data("choices", choices).data("actions", actions).data("resources", resources)
                .data("rows", rows).data("ran", !rows.isEmpty()), session);
    }
}
