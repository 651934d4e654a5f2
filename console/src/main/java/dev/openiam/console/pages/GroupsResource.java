package dev.openiam.console.pages;

import dev.openiam.console.aws.AwsApi;
import dev.openiam.console.session.ConsoleSession;
import dev.openiam.console.session.ConsoleSessions;
import dev.openiam.console.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** User groups: the list, Create group (name and policies to attach), and a group's page (users, permissions). */
@Path("/groups")
public class GroupsResource {

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final PolicyChoices policies;
    private final Template list;
    private final Template wizard;
    private final Template group;

    public GroupsResource(ConsoleSessions sessions, AwsApi aws, PolicyChoices policies, @Location("groups.html") Template list,
                          @Location("group-new.html") Template wizard, @Location("group.html") Template group) {
        this.sessions = sessions;
        this.aws = aws;
        this.policies = policies;
        this.list = list;
        this.wizard = wizard;
        this.group = group;
    }

    @GET
    public Response list(@CookieParam(ConsoleSessions.COOKIE) String id) {
        ConsoleSession session = sessions.require(id);
        return Pages.page(list.data("groups", aws.iam(session, iam -> iam.listGroupsPaginator().groups().stream().toList())), session);
    }

    @GET
    @Path("new")
    public Response wizard(@CookieParam(ConsoleSessions.COOKIE) String id) {
        ConsoleSession session = sessions.require(id);
        return Pages.page(wizard.data("policies", policies.offered(session)), session);
    }

    @POST
    public Response create(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                           @FormParam("groupName") String groupName, @FormParam("policy") List<String> ticked,
                           @FormParam("policyArns") String typed) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        aws.iam(session, iam -> iam.createGroup(b -> b.groupName(groupName)));
        for (String arn : PolicyChoices.chosen(ticked, typed)) {
            aws.iam(session, iam -> iam.attachGroupPolicy(b -> b.groupName(groupName).policyArn(arn)));
        }
        return Pages.seeOther("/groups/" + URLEncoder.encode(groupName, StandardCharsets.UTF_8));
    }

    @GET
    @Path("{name}")
    public Response group(@CookieParam(ConsoleSessions.COOKIE) String id, @PathParam("name") String name) {
        ConsoleSession session = sessions.require(id);
        var found = aws.iam(session, iam -> iam.getGroup(b -> b.groupName(name)));
        var attached = aws.iam(session, iam -> iam.listAttachedGroupPolicies(b -> b.groupName(name)).attachedPolicies());
        return Pages.page(group.data("group", found.group()).data("users", found.users()).data("attached", attached), session);
    }
}
