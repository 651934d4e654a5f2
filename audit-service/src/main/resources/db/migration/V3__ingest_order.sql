-- The order records were stored in (audit-service's live streams and log files). Inserts take one lock per
-- transaction (EventStore), so sequence numbers become visible in their order: a reader that has seen seq n has seen
-- every record stored before it, and "every record after n" (a stream resumed with Last-Event-ID, the next log file)
-- misses none.
create sequence ingest_seq;
alter table events add column seq bigint not null default nextval('ingest_seq');
-- the caller's ARN, for the principal filter of GET /v1/events and its stream (a user's name or an ARN)
alter table events add column principal_arn text;

create index events_by_seq on events (account_id, seq);
create index events_in_ingest_order on events (seq);
create index events_by_principal_arn on events (account_id, principal_arn, event_time desc, event_id desc);
create index events_by_error_code on events (account_id, error_code, event_time desc, event_id desc);
