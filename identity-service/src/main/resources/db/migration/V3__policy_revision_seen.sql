-- The highest policy-service revision a write through this front door produced for the account: decisions
-- for the account's callers must reflect at least that much (read-your-writes across services and replicas).
alter table accounts add column policy_revision bigint not null default 0;
