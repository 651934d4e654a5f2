#!/usr/bin/env bash
# The AWS CLI v2, unchanged: GetCallerIdentity, AssumeRole into a role, the role's temporary credentials used at the
# IAM API (allowed and denied by the role's policy), and an altered session token refused. Needs IAM_ENDPOINT,
# STS_ENDPOINT and the AWS_* variables of local.env (the CLI of Debian predates AWS_ENDPOINT_URL_STS, so the endpoint
# is given with --endpoint-url).
set -euo pipefail
AWS="${AWS_CLI:-/usr/bin/aws}"
run="cli$RANDOM$RANDOM"
iam() { "$AWS" --endpoint-url "$IAM_ENDPOINT" --output json iam "$@"; }
sts() { "$AWS" --endpoint-url "$STS_ENDPOINT" --output json sts "$@"; }
fail() { echo "$*" >&2; exit 1; }

[[ "$(sts get-caller-identity --query Arn --output text)" == "arn:aws:iam::$IAM_ACCOUNT_ID:root" ]] || fail "root identity"

user_arn=$(iam create-user --user-name "sts-$run" --query User.Arn --output text)
read -r key_id key_secret <<<"$(iam create-access-key --user-name "sts-$run" \
  --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)"
trust="{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"$user_arn\"},\"Action\":\"sts:AssumeRole\"}]}"
role_arn=$(iam create-role --role-name "sts-$run" --assume-role-policy-document "$trust" --query Role.Arn --output text)
iam put-role-policy --role-name "sts-$run" --policy-name read \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}]}'

read -r session_key session_secret session_token <<<"$(AWS_ACCESS_KEY_ID=$key_id AWS_SECRET_ACCESS_KEY=$key_secret \
  sts assume-role --role-arn "$role_arn" --role-session-name cli \
  --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)"
[[ "$session_key" == ASIA* ]] || fail "not a temporary key: $session_key"

as_role() { AWS_ACCESS_KEY_ID=$session_key AWS_SECRET_ACCESS_KEY=$session_secret AWS_SESSION_TOKEN=$session_token "$@"; }
[[ "$(as_role sts get-caller-identity --query Arn --output text)" == "arn:aws:sts::$IAM_ACCOUNT_ID:assumed-role/sts-$run/cli" ]] \
  || fail "assumed-role identity"
as_role iam list-roles --query "Roles[?RoleName=='sts-$run'].Arn" --output text | grep -q "$role_arn" || fail "list-roles as the role"
if out=$(as_role iam list-users 2>&1); then fail "list-users should be denied"; fi
grep -q "(AccessDenied)" <<<"$out" || fail "expected AccessDenied, got: $out"
altered="${session_token:0:40}A${session_token:41}"
[[ "$altered" != "$session_token" ]] || altered="${session_token:0:40}B${session_token:41}"
if out=$(AWS_ACCESS_KEY_ID=$session_key AWS_SECRET_ACCESS_KEY=$session_secret AWS_SESSION_TOKEN=$altered \
  "$AWS" --endpoint-url "$IAM_ENDPOINT" iam list-roles 2>&1); then fail "an altered token should be refused"; fi
grep -q "(InvalidClientTokenId)" <<<"$out" || fail "expected InvalidClientTokenId, got: $out"
echo "aws-cli sts: ok"
