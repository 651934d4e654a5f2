-- Counts the account's console sign-ins that set a PasswordLastUsed: read with the account's revisions at the start
-- of a request, so what is kept of a principal (GetUser's PasswordLastUsed) is read again after a sign-in on any
-- replica. Not an event revision: no event carries it and nothing waits for it.
alter table accounts add column sign_in_revision bigint not null default 0;
