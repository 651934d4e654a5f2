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
import jakarta.ws.rs.core.Response;
import software.amazon.awssdk.services.iam.model.ReportStateType;

import java.time.Duration;

/** Credential report: generated (GenerateCredentialReport until COMPLETE) and downloaded as AWS's CSV. */
@Path("/credential-report")
public class CredentialReportResource {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final Template report;

    public CredentialReportResource(ConsoleSessions sessions, AwsApi aws, @Location("credential-report.html") Template report) {
        this.sessions = sessions;
        this.aws = aws;
        this.report = report;
    }

    @GET
    public Response page(@CookieParam(ConsoleSessions.COOKIE) String id) {
        ConsoleSession session = sessions.require(id);
        return Pages.page(report.data("message", null), session);
    }

    @POST
    public Response download(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf)
            throws InterruptedException {
        ConsoleSession session = sessions.requireForm(id, csrf);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (aws.iam(session, iam -> iam.generateCredentialReport().state()) != ReportStateType.COMPLETE) {
            if (System.nanoTime() > deadline) {
                return Pages.html(503, report.data("message", "The report is still being generated; try again in a moment.")
                        .data("session", session).data("csrf", session.csrf()));
            }
            Thread.sleep(250);
        }
        var got = aws.iam(session, iam -> iam.getCredentialReport());
        return Response.ok(got.content().asByteArray(), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"status_reports_" + got.generatedTime().getEpochSecond() + ".csv\"")
                .header("Cache-Control", "no-store").build();
    }
}
