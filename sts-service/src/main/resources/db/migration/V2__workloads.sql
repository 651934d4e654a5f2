-- Workloads (pods, VMs, processes) that get role credentials from the metadata endpoints (package sts/workload): each
-- is bound to an instance profile (its role, trusted by ec2.amazonaws.com) or to a role (trusted by
-- ecs-tasks.amazonaws.com), and proves itself by one of
--   secret_sha256     the SHA-256 of the secret iam-local / POST /v1/workloads handed out once (never stored itself);
--   service_account   a Kubernetes service account (issuer and subject of its projected token, checked as
--                     AssumeRoleWithWebIdentity checks a web identity token).
create table workloads (
    workload_id      varchar(19)   primary key,
    account_id       varchar(12)   not null,
    kind             varchar(16)   not null check (kind in ('instance-profile', 'role')),
    target_name      varchar(128)  not null,
    secret_sha256    varchar(64)   unique,
    issuer           varchar(2048),
    subject          varchar(2048),
    created_by       varchar(2048) not null,
    created_at       timestamptz   not null,
    check ((secret_sha256 is null) <> (subject is null)),
    check ((issuer is null) = (subject is null)),
    unique (issuer, subject)
);
create index workloads_account on workloads (account_id, workload_id);
