-- Console passwords (login profiles) of users and of each account's root user. principal_id is the user's id, or
-- the account id for root (user_id null). The password is an Argon2id hash in PHC string form; never the password.
create table login_profiles (
    principal_id            varchar(20)  primary key,
    account_id              varchar(12)  not null references accounts,
    user_id                 varchar(20)  references users,
    password_hash           varchar(256) not null,
    password_reset_required boolean      not null,
    created_at              timestamptz  not null,
    password_changed_at     timestamptz  not null
);
create index login_profiles_account_idx on login_profiles (account_id);

-- The hashes a principal's passwords had before, newest first, for the policy's PasswordReusePrevention (≤ 24).
create table password_history (
    id            bigint generated always as identity primary key,
    principal_id  varchar(20)  not null,
    password_hash varchar(256) not null,
    changed_at    timestamptz  not null
);
create index password_history_principal_idx on password_history (principal_id, changed_at desc);

-- When a password last signed in; kept apart from the profile so a sign-in never contends with its writes, and
-- kept when the profile is deleted (GetUser's PasswordLastUsed, the credential report).
create table password_last_used (
    principal_id varchar(20) primary key,
    account_id   varchar(12) not null,
    last_used_at timestamptz not null
);

-- The account password policy; no row: none is set (AWS's default rules apply).
create table password_policies (
    account_id                     varchar(12) primary key references accounts,
    minimum_password_length        integer     not null,
    require_symbols                boolean     not null,
    require_numbers                boolean     not null,
    require_uppercase_characters   boolean     not null,
    require_lowercase_characters   boolean     not null,
    allow_users_to_change_password boolean     not null,
    max_password_age               integer,
    password_reuse_prevention      integer,
    hard_expiry                    boolean
);

-- The latest credential report of each account: STARTED while it is being generated, then COMPLETE with its CSV.
create table credential_reports (
    account_id   varchar(12) primary key references accounts,
    state        varchar(16) not null,
    started_at   timestamptz not null,
    generated_at timestamptz,
    content      bytea
);
