-- One row per API call (CloudTrail record), partitioned by UTC day of event_time. Partitions are created ahead and
-- dropped whole after the retention period by audit-service itself (storage/Partitions).
--
-- The key holds the partition key, as PostgreSQL requires of a partitioned table; a record's eventTime never
-- changes, so (event_id, event_time) is unique per eventID and a redelivered record is stored once.
create table events (
    event_id       uuid        not null,
    event_time     timestamptz not null,
    account_id     varchar(12) not null,
    event_name     text        not null,
    event_source   text        not null,
    read_only      boolean     not null,
    username       text,
    access_key_id  text,
    error_code     text,
    -- every resource's type, and every resource's name and ARN (ResourceName matches either)
    resource_types text[]      not null default '{}',
    resource_names text[]      not null default '{}',
    -- the redacted record as CloudTrail shows it (LookupEvents' CloudTrailEvent), byte for byte
    record         text        not null,
    stored_at      timestamptz not null default now(),
    primary key (event_id, event_time)
) partition by range (event_time);

-- LookupEvents always names the account and a time range and pages newest first by (event_time, event_id): one
-- index per lookup attribute in that order, and the plain one for no attribute.
create index events_by_time on events (account_id, event_time desc, event_id desc);
create index events_by_name on events (account_id, event_name, event_time desc, event_id desc);
create index events_by_read_only on events (account_id, read_only, event_time desc, event_id desc);
create index events_by_username on events (account_id, username, event_time desc, event_id desc);
create index events_by_source on events (account_id, event_source, event_time desc, event_id desc);
create index events_by_access_key on events (account_id, access_key_id, event_time desc, event_id desc);
create index events_by_resource_type on events using gin (resource_types);
create index events_by_resource_name on events using gin (resource_names);
-- EventId: the primary key (event_id first).
