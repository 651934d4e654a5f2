-- Log files and their digest chain (audit-service logfiles/): where the chain stands. One row; the writer locks it
-- (select … for update), so that one replica at a time writes a period, and each record goes into exactly one log file
-- (those stored after last_seq up to the period's close).
create table log_chain (
    id               int primary key check (id = 1),
    last_seq         bigint not null,
    -- the end of the last period written (its digest's digestEndTime); null before the first
    period_end       timestamptz,
    -- the last digest: its path in the directory, the SHA-256 of its content (hex) and its signature (hex)
    digest_object    text,
    digest_hash      text,
    digest_signature text
);
insert into log_chain (id, last_seq) values (1, 0);
