-- Virtual MFA devices and OpenID Connect providers (issue 9). V5 is the login profiles'.

-- Tags of entities that AWS names by ARN only (MFA devices, OIDC providers) are kept under that ARN.
alter table tags alter column resource_id type varchar(2048);

-- A virtual MFA device, named by its serial number (its ARN). The TOTP seed is AES-GCM ciphertext under the
-- key-encryption key named by kek_id, with the serial number as associated data. Assigned (enabled) to a user
-- (user_id) or to the account's root (root), or to nobody. last_time_step is the TOTP time step of the last code
-- accepted (a code is accepted once); drift_steps the clock drift ResyncMFADevice measured.
create table mfa_devices (
    serial_number    varchar(256) primary key,
    account_id       varchar(12)  not null references accounts,
    path             varchar(512) not null,
    device_name      varchar(226) not null,
    seed_ciphertext  bytea        not null,
    seed_nonce       bytea        not null,
    kek_id           varchar(64)  not null,
    created_at       timestamptz  not null,
    user_id          varchar(20)  references users,
    root             boolean      not null default false,
    enabled_at       timestamptz,
    last_time_step   bigint,
    drift_steps      integer      not null default 0,
    check (not (root and user_id is not null)),
    check ((enabled_at is null) = (user_id is null and not root))
);
create unique index mfa_devices_serial_uq on mfa_devices (account_id, lower(serial_number));
create index mfa_devices_user_idx on mfa_devices (user_id);

-- OpenID Connect providers: one per URL (host and path, without https://) per account. Client ids and thumbprints
-- are JSON arrays of strings, in the order they were given.
create table oidc_providers (
    arn          varchar(2048) primary key,
    account_id   varchar(12)   not null references accounts,
    url          varchar(255)  not null,
    client_ids   text          not null,
    thumbprints  text          not null,
    created_at   timestamptz   not null
);
create unique index oidc_providers_url_uq on oidc_providers (account_id, lower(url));
