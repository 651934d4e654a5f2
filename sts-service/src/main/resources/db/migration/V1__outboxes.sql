-- sts-service's own schema. It keeps no sessions (session tokens carry them), only what it must publish:
--   audit_outbox      one CloudTrail record per STS call (iam.audit.v1), written before the call is answered;
--   outbox            its change events (iam.sts.v1: revocations, issued-session notices), laid out as every service's
--                     outbox (libs/outbox OutboxWriter), written in the transaction of what they record;
--   account_revisions the per-account revision those events take, locked by each write (commit order, gap-free).
create table account_revisions (
    account_id varchar(12) primary key,
    revision   bigint      not null
);

create table outbox (
    event_id     uuid          primary key,
    account_id   varchar(12)   not null,
    revision     bigint        not null,
    topic        varchar(128)  not null,
    event_type   varchar(64)   not null,
    version      integer       not null,
    actor        varchar(2048) not null,
    occurred_at  timestamptz   not null,
    payload      text          not null,
    unique (account_id, revision)
);

-- Audit records are not part of an account's revision sequence (see libs/outbox AuditOutbox): their revision is an
-- identity, insertion order, for the relay's order and key.
create table audit_outbox (
    event_id     uuid          primary key,
    account_id   varchar(12)   not null,
    revision     bigint        generated always as identity,
    topic        varchar(128)  not null,
    event_type   varchar(64)   not null,
    version      integer       not null,
    actor        varchar(2048) not null,
    occurred_at  timestamptz   not null,
    payload      text          not null,
    unique (account_id, revision)
);
