#!/usr/bin/env bash
# The AWS CLI v2, unchanged: console passwords, the account password policy, ChangePassword, access-key last use and
# the credential report. Run as the root of an account of its own (the policy and the report are account-wide).
set -euo pipefail
AWS="${AWS_CLI:-/usr/bin/aws}"
run="cli$RANDOM$RANDOM"
iam() { "$AWS" --endpoint-url "$IAM_ENDPOINT" --output json iam "$@"; }
expect_error() { # CODE command...
  local code="$1"; shift
  local out
  if out=$(iam "$@" 2>&1); then echo "expected $code from: $*" >&2; exit 1; fi
  grep -q "($code)" <<<"$out" || { echo "expected $code from: $*, got: $out" >&2; exit 1; }
}
check() {
  local expected="$1"; shift
  local got; got=$(iam "$@")
  [[ "$got" == "$expected" ]] || { echo "expected $expected from: $*, got: $got" >&2; exit 1; }
}

iam create-user --user-name "carol-$run" >/dev/null
check "true" create-login-profile --user-name "carol-$run" --password 'Carol-pass-1' --password-reset-required \
  --query LoginProfile.PasswordResetRequired
check "\"carol-$run\"" get-login-profile --user-name "carol-$run" --query LoginProfile.UserName
iam update-login-profile --user-name "carol-$run" --no-password-reset-required
check "false" get-login-profile --user-name "carol-$run" --query LoginProfile.PasswordResetRequired
expect_error DeleteConflict delete-user --user-name "carol-$run"

expect_error NoSuchEntity get-account-password-policy
iam update-account-password-policy --minimum-password-length 12 --require-symbols --require-numbers \
  --require-uppercase-characters --require-lowercase-characters --allow-users-to-change-password \
  --max-password-age 90 --password-reuse-prevention 5 --no-hard-expiry
check "12" get-account-password-policy --query PasswordPolicy.MinimumPasswordLength
check "true" get-account-password-policy --query PasswordPolicy.ExpirePasswords
check "5" get-account-password-policy --query PasswordPolicy.PasswordReusePrevention
expect_error PasswordPolicyViolation update-login-profile --user-name "carol-$run" --password 'short-1!A'
expect_error PasswordPolicyViolation update-login-profile --user-name "carol-$run" --password 'Carol-pass-1'

# the user changes its own password with its own key (the policy allows users to)
key=$(iam create-access-key --user-name "carol-$run" --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)
read -r key_id key_secret <<<"$key"
AWS_ACCESS_KEY_ID="$key_id" AWS_SECRET_ACCESS_KEY="$key_secret" \
  "$AWS" --endpoint-url "$IAM_ENDPOINT" iam change-password --old-password 'Carol-pass-1' --new-password 'Carol-pass-2-longer!'
out=$(AWS_ACCESS_KEY_ID="$key_id" AWS_SECRET_ACCESS_KEY="$key_secret" \
  "$AWS" --endpoint-url "$IAM_ENDPOINT" iam change-password --old-password 'wrong' --new-password 'Carol-pass-3-longer!' 2>&1) \
  && { echo "a wrong old password changed the password" >&2; exit 1; }
grep -q '(AccessDenied)' <<<"$out" || { echo "expected AccessDenied, got: $out" >&2; exit 1; }

# the key's use is recorded off the request path: within seconds
for _ in $(seq 1 60); do
  service=$(iam get-access-key-last-used --access-key-id "$key_id" --query AccessKeyLastUsed.ServiceName --output text)
  [[ "$service" == iam ]] && break
  sleep 0.5
done
[[ "$service" == iam ]] || { echo "the use of $key_id was not recorded: $service" >&2; exit 1; }

state=$(iam generate-credential-report --query State --output text)
[[ "$state" == STARTED || "$state" == COMPLETE ]] || { echo "unexpected report state $state" >&2; exit 1; }
for _ in $(seq 1 60); do
  [[ "$(iam generate-credential-report --query State --output text)" == COMPLETE ]] && break
  sleep 0.5
done
report=$(iam get-credential-report --query Content --output text | base64 -d)
head -1 <<<"$report" | grep -q '^user,arn,user_creation_time,password_enabled,password_last_used,' \
  || { echo "unexpected report header: $(head -1 <<<"$report")" >&2; exit 1; }
grep -q "^carol-$run,arn:aws:iam::[0-9]*:user/carol-$run,.*,true," <<<"$report" \
  || { echo "no row for carol-$run: $report" >&2; exit 1; }

iam delete-access-key --user-name "carol-$run" --access-key-id "$key_id"
iam delete-login-profile --user-name "carol-$run"
expect_error NoSuchEntity get-login-profile --user-name "carol-$run"
iam delete-user --user-name "carol-$run"
iam delete-account-password-policy
expect_error NoSuchEntity delete-account-password-policy
echo "aws-cli passwords: ok"
