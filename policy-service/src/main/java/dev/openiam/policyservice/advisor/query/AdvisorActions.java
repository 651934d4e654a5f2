package dev.openiam.policyservice.advisor.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.policyservice.advisor.domain.AccessAdvisorService;
import dev.openiam.policyservice.advisor.domain.LastAccessReport;
import dev.openiam.policyservice.advisor.persistence.LastAccessedJobs.Job;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.query.IamAction;
import dev.openiam.policyservice.query.IamAction.Result;
import dev.openiam.policyservice.query.IamActionGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Access advisor: GenerateServiceLastAccessedDetails, GetServiceLastAccessedDetails[WithEntities]. */
@ApplicationScoped
public class AdvisorActions implements IamActionGroup {

    private final AccessAdvisorService advisor;

    public AdvisorActions(AccessAdvisorService advisor) {
        this.advisor = advisor;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(new IamAction("GenerateServiceLastAccessedDetails", this::generate),
                new IamAction("GetServiceLastAccessedDetails", this::services),
                new IamAction("GetServiceLastAccessedDetailsWithEntities", this::entities));
    }

    private Uni<Result> generate(QueryRequest q, Caller caller) {
        return advisor.generate(caller, q.string("Arn"), q.string("Granularity"))
                .map(jobId -> Result.of(r -> r.text("JobId", jobId)));
    }

    private Uni<Result> services(QueryRequest q, Caller caller) {
        return advisor.services(caller, q.string("JobId"), q.string("Marker"), q.integer("MaxItems"))
                .map(found -> Result.of(r -> {
                    status(r, found.job());
                    r.text("JobType", found.job().granularity());
                    r.list("ServicesLastAccessed", found.page().items(), AdvisorActions::service);
                    r.page(found.page().isTruncated(), found.page().marker());
                    error(r, found.job());
                }));
    }

    private Uni<Result> entities(QueryRequest q, Caller caller) {
        String namespace = q.string("ServiceNamespace");
        return advisor.entities(caller, q.string("JobId"), namespace, q.string("Marker"), q.integer("MaxItems"))
                .map(found -> Result.of(r -> {
                    status(r, found.job());
                    r.list("EntityDetailsList", found.page().items(), (m, e) -> m
                            .element("EntityInfo", info -> info.text("Arn", e.entity().arn()).text("Name", e.entity().name())
                                    .text("Type", e.entity().type()).text("Id", e.entity().id()).text("Path", e.entity().path()))
                            .date("LastAuthenticated", e.lastAuthenticated().get(namespace)));
                    r.page(found.page().isTruncated(), found.page().marker());
                    error(r, found.job());
                }));
    }

    private static void status(QueryXml.Element r, Job job) {
        r.text("JobStatus", job.status()).date("JobCreationDate", job.createdAt()).date("JobCompletionDate", job.completedAt());
    }

    private static void error(QueryXml.Element r, Job job) {
        if (job.errorCode() != null) {
            r.element("Error", e -> e.text("Message", job.errorMessage()).text("Code", job.errorCode()));
        }
    }

    private static void service(QueryXml.Element m, LastAccessReport.Service s) {
        m.text("ServiceName", s.serviceName()).date("LastAuthenticated", s.lastAuthenticated())
                .text("ServiceNamespace", s.serviceNamespace()).text("LastAuthenticatedEntity", s.lastAuthenticatedEntity())
                .text("LastAuthenticatedRegion", s.lastAuthenticatedRegion())
                .integer("TotalAuthenticatedEntities", s.totalAuthenticatedEntities() == null ? null
                        : s.totalAuthenticatedEntities().longValue())
                .list("TrackedActionsLastAccessed", s.trackedActions(), (a, t) -> a.text("ActionName", t.actionName())
                        .text("LastAccessedEntity", t.lastAccessedEntity()).date("LastAccessedTime", t.lastAccessedTime())
                        .text("LastAccessedRegion", t.lastAccessedRegion()));
    }
}
