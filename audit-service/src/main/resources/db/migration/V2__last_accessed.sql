-- Access advisor (IAM's Get/GenerateServiceLastAccessedDetails): when each IAM user or role last made an authorized
-- call, per service namespace and action. Kept up to date as records are stored (in the same transaction, a
-- repeated record changes nothing: the newest time wins), so a report never scans the events. Rows outlive the
-- events' retention: AWS's tracking period is 400 days, and reports read only rows within it.
create table last_accessed (
    account_id    varchar(12) not null,
    entity_arn    text        not null,
    namespace     text        not null,
    action_name   text        not null,
    last_accessed timestamptz not null,
    region        text,
    primary key (account_id, entity_arn, namespace, action_name)
);
