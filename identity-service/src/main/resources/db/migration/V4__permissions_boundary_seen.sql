-- The permissions boundary of each user and role as written through this front door (CreateUser/CreateRole with
-- PermissionsBoundary, and the forwarded Put/Delete*PermissionsBoundary). policy-service owns boundaries and decides
-- with its own; this copy is what GetUser/GetRole show and what identity-service's own actions are authorized with
-- (iam:PermissionsBoundary of GetRole, DeleteRole, …).
alter table users add column permissions_boundary_arn varchar(2048);
alter table roles add column permissions_boundary_arn varchar(2048);
