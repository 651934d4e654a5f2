-- Access advisor jobs (GenerateServiceLastAccessedDetails): one row per report, read back by its job id
-- (GetServiceLastAccessedDetails[WithEntities]) by the caller that generated it, as AWS binds a job to its caller.
-- The report is the JSON of advisor.domain.LastAccessReport; a failed job keeps AWS's ErrorDetails instead.
create table last_accessed_jobs (
    job_id          varchar(36)   primary key,
    account_id      varchar(12)   not null,
    caller_arn      varchar(2048) not null,
    entity_arn      varchar(2048) not null,
    granularity     varchar(16)   not null,
    status          varchar(16)   not null,
    created_at      timestamptz   not null,
    completed_at    timestamptz,
    report          text,
    error_code      text,
    error_message   text
);
create index last_accessed_jobs_by_age on last_accessed_jobs (created_at);
