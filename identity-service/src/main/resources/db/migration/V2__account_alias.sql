-- An account has at most one alias; an alias names one account across the whole system.
create table account_aliases (
    account_alias varchar(63) primary key,
    account_id    varchar(12) not null unique references accounts,
    created_at    timestamptz not null
);
