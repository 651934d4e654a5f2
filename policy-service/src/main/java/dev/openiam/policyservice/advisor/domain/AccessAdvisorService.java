package dev.openiam.policyservice.advisor.domain;

import dev.openiam.awsprotocol.query.ValidationErrors;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Page;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.rules.Rules;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.model.Statement;
import dev.openiam.policyservice.advisor.persistence.LastAccessedJobs;
import dev.openiam.policyservice.advisor.persistence.LastAccessedJobs.Job;
import dev.openiam.policyservice.decision.CompiledPolicies;
import dev.openiam.policyservice.decision.PolicySources;
import dev.openiam.policyservice.internal.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Access advisor: a report lists the services the entity's identity-based policies allow and when each was last used
 * (by the entity; for a group its members, for a policy the entities it is attached to), from the authorized calls
 * audit-service recorded within AWS's 400-day tracking period. The report is made when the job is generated (so a job
 * is {@code COMPLETED}, or {@code FAILED} when audit-service did not answer, by the time its id is returned) and read
 * back a page at a time, only by the caller that generated it.
 */
@ApplicationScoped
public class AccessAdvisorService {

    private static final Logger LOG = Logger.getLogger(AccessAdvisorService.class);
    private static final List<String> GRANULARITIES = List.of(LastAccessReport.SERVICE_LEVEL, LastAccessReport.ACTION_LEVEL);

    private final ReportSubjects subjects;
    private final CompiledPolicies compiled;
    private final AuditServiceClient audit;
    private final LastAccessedJobs jobs;

    public AccessAdvisorService(ReportSubjects subjects, CompiledPolicies compiled, AuditServiceClient audit, LastAccessedJobs jobs) {
        this.subjects = subjects;
        this.compiled = compiled;
        this.audit = audit;
        this.jobs = jobs;
    }

    /** A page of a job's report: the job, and the services or entities of this page. */
    public record JobPage<T>(Job job, Page<T> page) {
    }

    /** GenerateServiceLastAccessedDetails: the job id. */
    public Uni<String> generate(Caller caller, String arn, String granularity) {
        Rules.length("arn", Rules.required("arn", arn), 20, 2048);
        String level = granularity == null ? LastAccessReport.SERVICE_LEVEL : granularity;
        if (!GRANULARITIES.contains(level)) {
            throw ValidationErrors.of(level, "granularity", "Member must satisfy enum value set: " + GRANULARITIES);
        }
        return subjects.resolve(caller, arn).chain(subject -> {
            Job job = new Job(UUID.randomUUID().toString(), caller.accountId(), caller.arn(), subject.arn(), level, "IN_PROGRESS",
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), null, null, null, null);
            return jobs.create(job)
                    .chain(() -> audit.lastAccessed(caller, subject.principalArns()))
                    .map(accesses -> LastAccessReport.build(level, AllowedServices.of(statements(subject)), subject, accesses))
                    .chain(report -> jobs.complete(job.jobId(), report, Instant.now()))
                    // the job exists: whatever stops the report, the job says so (FAILED) rather than stay IN_PROGRESS
                    .onFailure().recoverWithUni(failure -> {
                        LOG.warnf("access advisor job %s failed: %s", job.jobId(), failure.getMessage());
                        return failure instanceof IamException e
                                ? jobs.fail(job.jobId(), e.code().awsCode(), "the last accesses could not be read: " + e.getMessage(),
                                Instant.now())
                                : jobs.fail(job.jobId(), "ServiceFailure", "the report could not be made", Instant.now());
                    })
                    .replaceWith(job.jobId());
        });
    }

    /** GetServiceLastAccessedDetails: the job and a page of its services. */
    public Uni<JobPage<LastAccessReport.Service>> services(Caller caller, String jobId, String marker, Integer maxItems) {
        PageRequest request = PageRequest.of(marker, maxItems);
        return job(caller, jobId).map(job -> new JobPage<>(job, request.slice(
                job.report() == null ? List.of() : job.report().services(), LastAccessReport.Service::serviceNamespace)));
    }

    /** GetServiceLastAccessedDetailsWithEntities: the job and a page of its entities with their last use of {@code namespace}. */
    public Uni<JobPage<LastAccessReport.EntityAccess>> entities(Caller caller, String jobId, String namespace, String marker,
                                                              Integer maxItems) {
        Rules.matching("serviceNamespace", namespace, 1, 64, "[\\w-]*");
        PageRequest request = PageRequest.of(marker, maxItems);
        return job(caller, jobId).map(job -> {
            List<LastAccessReport.EntityAccess> all = job.report() == null ? List.of() : job.report().entities();
            return new JobPage<>(job, request.slice(all, e -> e.entity().arn().toLowerCase(Locale.ROOT)));
        });
    }

    private Uni<Job> job(Caller caller, String jobId) {
        Rules.length("jobId", Rules.required("jobId", jobId), 36, 36);
        return jobs.find(jobId).map(job -> {
            // a job is read back by the caller that generated it (the same user, or the same role session), as on AWS
            if (job == null || !job.accountId().equals(caller.accountId()) || !job.callerArn().equals(caller.arn())) {
                throw IamException.noSuchEntity("The job with ID " + jobId + " cannot be found.");
            }
            return job;
        });
    }

    private List<Statement> statements(ReportSubject subject) {
        List<Statement> statements = new ArrayList<>();
        for (PolicySources.Source source : subject.documents()) {
            statements.addAll(compiled.get(source, PolicyType.IDENTITY).document().statements());
        }
        return statements;
    }
}
