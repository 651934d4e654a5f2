-- Customer managed policies, their versions and tags; attachments, inline policies and permissions
-- boundaries of users, groups and roles. Principals are identity-service's: kept here by unique id, with
-- the name they had when the row was written (names and paths are looked up afresh where AWS shows them).

create table policies (
    policy_id          varchar(20)   primary key,
    account_id         varchar(12)   not null,
    policy_name        varchar(128)  not null,
    path               varchar(512)  not null,
    arn                varchar(2048) not null,
    description        varchar(1000),
    default_version_id varchar(16)   not null,
    -- version ids are never reused (v1, v2, … even after deletions), as in IAM
    next_version       integer       not null,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null
);
create unique index policies_name_uq on policies (account_id, lower(policy_name));
create unique index policies_arn_uq on policies (arn);

create table policy_versions (
    id          bigint generated always as identity primary key,
    policy_id   varchar(20) not null references policies on delete cascade,
    version_id  varchar(16) not null,
    document    text        not null,
    created_at  timestamptz not null
);
create unique index policy_versions_uq on policy_versions (policy_id, version_id);

create table policy_tags (
    id          bigint generated always as identity primary key,
    policy_id   varchar(20)  not null references policies on delete cascade,
    tag_key     varchar(128) not null,
    tag_value   varchar(256) not null,
    position    integer      not null
);
create unique index policy_tags_key_uq on policy_tags (policy_id, lower(tag_key));

-- Managed policies (customer or AWS) attached to a user, group or role.
create table attachments (
    id              bigint generated always as identity primary key,
    account_id      varchar(12)   not null,
    principal_type  varchar(8)    not null,
    principal_id    varchar(20)   not null,
    principal_name  varchar(128)  not null,
    principal_path  varchar(512)  not null,
    policy_arn      varchar(2048) not null,
    attached_at     timestamptz   not null
);
create unique index attachments_uq on attachments (principal_id, policy_arn);
create index attachments_policy_idx on attachments (account_id, policy_arn);

-- Inline policies embedded in a user, group or role; names are matched exactly (case-sensitive).
create table inline_policies (
    id              bigint generated always as identity primary key,
    account_id      varchar(12)  not null,
    principal_type  varchar(8)   not null,
    principal_id    varchar(20)  not null,
    principal_name  varchar(128) not null,
    policy_name     varchar(128) not null,
    document        text         not null,
    updated_at      timestamptz  not null
);
create unique index inline_policies_uq on inline_policies (principal_id, policy_name);

-- The permissions boundary of a user or role (at most one each).
create table permissions_boundaries (
    principal_id    varchar(20)   primary key,
    account_id      varchar(12)   not null,
    principal_type  varchar(8)    not null,
    principal_name  varchar(128)  not null,
    principal_path  varchar(512)  not null,
    policy_arn      varchar(2048) not null,
    set_at          timestamptz   not null
);
create index permissions_boundaries_policy_idx on permissions_boundaries (account_id, policy_arn);
