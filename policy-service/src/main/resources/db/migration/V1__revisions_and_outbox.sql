-- policy-service owns schema "policy". Odd migration versions: policies (this service's writes);
-- even versions: the identity projection and decision point.

-- Per-account revision of policy-service's writes: each write transaction locks its account's row and
-- takes the next revision, so revisions are gap-free and follow commit order (see DESIGN.md).
create table account_revisions (
    account_id  varchar(12) primary key,
    revision    bigint      not null default 0
);

-- Transactional outbox (libs/outbox): written in the change's transaction, relayed to iam.policy.v1
-- in (account_id, revision) order, deleted once Kafka acknowledged it.
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
