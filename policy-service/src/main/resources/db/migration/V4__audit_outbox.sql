-- The audit outbox: one CloudTrail record per API call (iam.audit.v1), beside the outbox of change events. A write
-- appends its record in its own transaction; a read, a refusal or a failure on its own. Records are not part of an
-- account's revision sequence (nothing projects them; audit-service stores them by event id), so their revision is
-- an identity: insertion order, for the relay's order and key. See libs/outbox AuditOutbox.
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
