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
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Access advisor of a user, group, role or managed policy (by ARN): the services its policies allow and when each was
 * last used, as AWS's console shows it — a GenerateServiceLastAccessedDetails job, read with
 * GetServiceLastAccessedDetails once complete (waited for up to 20 seconds), most recently used first.
 */
@Path("/access-advisor")
public class AccessAdvisorResource {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** One service as the table shows it. */
    public record Row(String name, String namespace, String lastAccessed, String entity, String region, Integer entities) {

        static Row of(ServiceLastAccessed service) {
            return new Row(service.serviceName(), service.serviceNamespace(),
                    service.lastAuthenticated() == null ? "Not accessed in the tracking period" : service.lastAuthenticated().toString(),
                    service.lastAuthenticatedEntity(), service.lastAuthenticatedRegion(), service.totalAuthenticatedEntities());
        }
    }

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final Template advisor;

    public AccessAdvisorResource(ConsoleSessions sessions, AwsApi aws, @Location("access-advisor.html") Template advisor) {
        this.sessions = sessions;
        this.aws = aws;
        this.advisor = advisor;
    }

    @GET
    public Response advisor(@CookieParam(ConsoleSessions.COOKIE) String id, @QueryParam("arn") String arn) throws InterruptedException {
        ConsoleSession session = sessions.require(id);
        String job = aws.iam(session, iam -> iam.generateServiceLastAccessedDetails(b -> b.arn(arn)).jobId());
        long deadline = System.nanoTime() + WAIT.toNanos();
        GetServiceLastAccessedDetailsResponse details;
        while ((details = aws.iam(session, iam -> iam.getServiceLastAccessedDetails(b -> b.jobId(job)))).jobStatus()
                == JobStatusType.IN_PROGRESS) {
            if (System.nanoTime() > deadline) {
                return Pages.html(503, advisor.data("arn", arn).data("rows", List.of())
                        .data("message", "The report is still being prepared; reload the page in a moment.")
                        .data("session", session).data("csrf", session.csrf()));
            }
            Thread.sleep(250);
        }
        if (details.jobStatus() == JobStatusType.FAILED) {
            String reason = details.error() == null ? "the report could not be prepared" : details.error().message();
            return Pages.html(503, advisor.data("arn", arn).data("rows", List.of()).data("message", reason)
                    .data("session", session).data("csrf", session.csrf()));
        }
        String first = details.marker();
        List<ServiceLastAccessed> services = new java.util.ArrayList<>(details.servicesLastAccessed());
        for (String marker = Boolean.TRUE.equals(details.isTruncated()) ? first : null; marker != null; ) {
            String from = marker;
            GetServiceLastAccessedDetailsResponse page = aws.iam(session, iam -> iam.getServiceLastAccessedDetails(b -> b.jobId(job).marker(from)));
            services.addAll(page.servicesLastAccessed());
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
        }
        List<Row> rows = services.stream()
                .sorted(Comparator.comparing(ServiceLastAccessed::lastAuthenticated, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(ServiceLastAccessed::serviceNamespace))
                .map(Row::of).toList();
        return Pages.page(advisor.data("arn", arn).data("rows", rows).data("message", null)
                .data("generated", details.jobCompletionDate() == null ? "" : details.jobCompletionDate().toString()), session);
    }
}
