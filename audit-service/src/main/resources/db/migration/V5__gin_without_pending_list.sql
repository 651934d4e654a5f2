-- The two GIN indexes (ResourceType, ResourceName) without GIN's pending list (fastupdate off), on every partition
-- now and to come (a partition's index takes the options of its parent's). With the pending list, an insert now and
-- then merged 4 MB of pending entries into the index inside its own transaction, holding the ingest order's lock for
-- up to a second: the tail of LookupEvents' visibility at 5,000 records/s (bench/RESULTS.md). Without it each insert
-- pays its own entries, and no insert pays everyone's.
drop index events_by_resource_type;
drop index events_by_resource_name;
create index events_by_resource_type on events using gin (resource_types) with (fastupdate = off);
create index events_by_resource_name on events using gin (resource_names) with (fastupdate = off);
