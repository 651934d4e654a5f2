-- identity-service owns schema "identity". Names are unique case-insensitively per account, as in AWS.

create table accounts (
    account_id  varchar(12) primary key,
    revision    bigint      not null default 0,
    created_at  timestamptz not null
);

create table users (
    user_id     varchar(20)  primary key,
    account_id  varchar(12)  not null references accounts,
    user_name   varchar(64)  not null,
    path        varchar(512) not null,
    arn         varchar(2048) not null,
    created_at  timestamptz  not null
);
create unique index users_name_uq on users (account_id, lower(user_name));

create table groups (
    group_id    varchar(20)  primary key,
    account_id  varchar(12)  not null references accounts,
    group_name  varchar(128) not null,
    path        varchar(512) not null,
    arn         varchar(2048) not null,
    created_at  timestamptz  not null
);
create unique index groups_name_uq on groups (account_id, lower(group_name));

create table group_members (
    group_id    varchar(20) not null references groups,
    user_id     varchar(20) not null references users,
    account_id  varchar(12) not null,
    added_at    timestamptz not null,
    primary key (group_id, user_id)
);
create index group_members_user_idx on group_members (user_id);

create table roles (
    role_id              varchar(20)   primary key,
    account_id           varchar(12)   not null references accounts,
    role_name            varchar(64)   not null,
    path                 varchar(512)  not null,
    arn                  varchar(2048) not null,
    assume_role_policy   text          not null,
    description          varchar(1000),
    max_session_duration integer       not null,
    created_at           timestamptz   not null
);
create unique index roles_name_uq on roles (account_id, lower(role_name));

create table instance_profiles (
    instance_profile_id   varchar(20)   primary key,
    account_id            varchar(12)   not null references accounts,
    instance_profile_name varchar(128)  not null,
    path                  varchar(512)  not null,
    arn                   varchar(2048) not null,
    role_id               varchar(20)   references roles,
    created_at            timestamptz   not null
);
create unique index instance_profiles_name_uq on instance_profiles (account_id, lower(instance_profile_name));
create index instance_profiles_role_idx on instance_profiles (role_id);

-- Tags of users, roles and instance profiles; keys unique case-insensitively per resource.
create table tags (
    id            bigint generated always as identity primary key,
    account_id    varchar(12)  not null,
    resource_id   varchar(20)  not null,
    tag_key       varchar(128) not null,
    tag_value     varchar(256) not null,
    position      integer      not null
);
create unique index tags_key_uq on tags (resource_id, lower(tag_key));

-- Access keys; user_id is null for the account root's keys. The secret is AES-GCM ciphertext under
-- the key-encryption key named by kek_id, with the access key id as associated data.
create table access_keys (
    access_key_id     varchar(20) primary key,
    account_id        varchar(12) not null references accounts,
    user_id           varchar(20) references users,
    status            varchar(8)  not null,
    secret_ciphertext bytea       not null,
    secret_nonce      bytea       not null,
    kek_id            varchar(64) not null,
    created_at        timestamptz not null,
    last_used_at      timestamptz,
    last_used_region  varchar(32),
    last_used_service varchar(64)
);
create index access_keys_owner_idx on access_keys (account_id, user_id);

-- Transactional outbox: written in the same transaction as the change it records, published in
-- (account_id, revision) order by the relay, deleted once Kafka acknowledged it.
create table outbox (
    event_id     uuid         primary key,
    account_id   varchar(12)  not null,
    revision     bigint       not null,
    topic        varchar(128) not null,
    event_type   varchar(64)  not null,
    version      integer      not null,
    actor        varchar(2048) not null,
    occurred_at  timestamptz  not null,
    payload      text         not null,
    unique (account_id, revision)
);
