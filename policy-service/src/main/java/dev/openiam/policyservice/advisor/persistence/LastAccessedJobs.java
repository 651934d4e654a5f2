package dev.openiam.policyservice.advisor.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.policyservice.advisor.domain.LastAccessReport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The access advisor's jobs; a job is kept {@link #KEPT} after it was created, then removed by the next one. */
@ApplicationScoped
public class LastAccessedJobs {

    public static final Duration KEPT = Duration.ofDays(30);

    /** A job as stored; {@code report} is set when {@code status} is {@code COMPLETED}, the error when {@code FAILED}. */
    public record Job(String jobId, String accountId, String callerArn, String entityArn, String granularity, String status,
                      Instant createdAt, Instant completedAt, LastAccessReport report, String errorCode, String errorMessage) {
    }

    private final Pool pool;
    private final ObjectMapper json;

    public LastAccessedJobs(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Stores a new job {@code IN_PROGRESS}, and removes the jobs past {@link #KEPT}. */
    public Uni<Void> create(Job job) {
        return pool.preparedQuery("delete from policy.last_accessed_jobs where created_at < $1")
                .execute(Tuple.of(at(job.createdAt().minus(KEPT))))
                .chain(() -> pool.preparedQuery("insert into policy.last_accessed_jobs (job_id, account_id, caller_arn, entity_arn, "
                                + "granularity, status, created_at) values ($1, $2, $3, $4, $5, 'IN_PROGRESS', $6)")
                        .execute(Tuple.from(new Object[]{job.jobId(), job.accountId(), job.callerArn(), job.entityArn(),
                                job.granularity(), at(job.createdAt())})))
                .replaceWithVoid();
    }

    public Uni<Void> complete(String jobId, LastAccessReport report, Instant at) {
        String text;
        try {
            text = json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return pool.preparedQuery("update policy.last_accessed_jobs set status = 'COMPLETED', completed_at = $2, report = $3 "
                + "where job_id = $1").execute(Tuple.of(jobId, at(at), text)).replaceWithVoid();
    }

    public Uni<Void> fail(String jobId, String code, String message, Instant at) {
        return pool.preparedQuery("update policy.last_accessed_jobs set status = 'FAILED', completed_at = $2, error_code = $3, "
                + "error_message = $4 where job_id = $1").execute(Tuple.of(jobId, at(at), code, message)).replaceWithVoid();
    }

    /** The job, or {@code null}. */
    public Uni<Job> find(String jobId) {
        return pool.preparedQuery("select * from policy.last_accessed_jobs where job_id = $1").execute(Tuple.of(jobId))
                .map(rows -> rows.iterator().hasNext() ? job(rows.iterator().next()) : null);
    }

    private Job job(Row row) {
        LastAccessReport report = null;
        if (row.getString("report") != null) {
            try {
                report = json.readValue(row.getString("report"), LastAccessReport.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the report of job " + row.getString("job_id") + " cannot be read", e);
            }
        }
        OffsetDateTime completed = row.getOffsetDateTime("completed_at");
        return new Job(row.getString("job_id"), row.getString("account_id"), row.getString("caller_arn"), row.getString("entity_arn"),
                row.getString("granularity"), row.getString("status"), row.getOffsetDateTime("created_at").toInstant(),
                completed == null ? null : completed.toInstant(), report, row.getString("error_code"), row.getString("error_message"));
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
