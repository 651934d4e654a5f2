#!/usr/bin/env bash
# The AWS CLI v2, unchanged, against the local IAM: every in-scope identity command once, and the
# error codes it must report. Needs IAM_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (local.env).
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
check() { # jq-free checks with the CLI's own --query
  local expected="$1"; shift
  local got; got=$(iam "$@")
  [[ "$got" == "$expected" ]] || { echo "expected $expected from: $*, got: $got" >&2; exit 1; }
}

iam create-user --user-name "alice-$run" --path "/cli/" --tags Key=team,Value=core >/dev/null
check "\"alice-$run\"" get-user --user-name "alice-$run" --query User.UserName
check "\"/cli/\"" get-user --user-name "alice-$run" --query User.Path
check "1" list-users --path-prefix /cli/ --query 'length(Users)'
iam tag-user --user-name "alice-$run" --tags Key=env,Value=dev
check "2" list-user-tags --user-name "alice-$run" --query 'length(Tags)'
iam untag-user --user-name "alice-$run" --tag-keys env
iam update-user --user-name "alice-$run" --new-path /cli2/
expect_error EntityAlreadyExists create-user --user-name "ALICE-$run"
expect_error ValidationError create-user --user-name "bad name $run"

iam create-group --group-name "devs-$run" >/dev/null
iam add-user-to-group --group-name "devs-$run" --user-name "alice-$run"
check "\"devs-$run\"" list-groups-for-user --user-name "alice-$run" --query 'Groups[0].GroupName'
check "\"alice-$run\"" get-group --group-name "devs-$run" --query 'Users[0].UserName'
expect_error DeleteConflict delete-group --group-name "devs-$run"
expect_error DeleteConflict delete-user --user-name "alice-$run"
iam remove-user-from-group --group-name "devs-$run" --user-name "alice-$run"
iam update-group --group-name "devs-$run" --new-group-name "ops-$run"
iam list-groups >/dev/null
iam delete-group --group-name "ops-$run"

trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
iam create-role --role-name "app-$run" --assume-role-policy-document "$trust" --max-session-duration 7200 >/dev/null
# the CLI decodes the URL-encoded document back into JSON
check "\"sts:AssumeRole\"" get-role --role-name "app-$run" --query 'Role.AssumeRolePolicyDocument.Statement[0].Action'
check "7200" get-role --role-name "app-$run" --query Role.MaxSessionDuration
iam update-role --role-name "app-$run" --description "cli role" >/dev/null
iam update-role-description --role-name "app-$run" --description "cli role 2" >/dev/null
iam update-assume-role-policy --role-name "app-$run" --policy-document "$trust"
iam tag-role --role-name "app-$run" --tags Key=a,Value=b
check "1" list-role-tags --role-name "app-$run" --query 'length(Tags)'
iam untag-role --role-name "app-$run" --tag-keys a
expect_error MalformedPolicyDocument create-role --role-name "bad-$run" --assume-role-policy-document '{not json'
expect_error ValidationError create-role --role-name "long-$run" --assume-role-policy-document "$trust" --max-session-duration 50000
iam list-roles >/dev/null

iam create-instance-profile --instance-profile-name "ip-$run" >/dev/null
iam add-role-to-instance-profile --instance-profile-name "ip-$run" --role-name "app-$run"
expect_error LimitExceeded add-role-to-instance-profile --instance-profile-name "ip-$run" --role-name "app-$run"
check "\"app-$run\"" get-instance-profile --instance-profile-name "ip-$run" --query 'InstanceProfile.Roles[0].RoleName'
check "\"ip-$run\"" list-instance-profiles-for-role --role-name "app-$run" --query 'InstanceProfiles[0].InstanceProfileName'
expect_error DeleteConflict delete-role --role-name "app-$run"
iam list-instance-profiles >/dev/null
iam remove-role-from-instance-profile --instance-profile-name "ip-$run" --role-name "app-$run"
iam delete-instance-profile --instance-profile-name "ip-$run"
iam delete-role --role-name "app-$run"

key=$(iam create-access-key --user-name "alice-$run" --query AccessKey.AccessKeyId --output text)
iam create-access-key --user-name "alice-$run" >/dev/null
expect_error LimitExceeded create-access-key --user-name "alice-$run"
check "2" list-access-keys --user-name "alice-$run" --query 'length(AccessKeyMetadata)'
iam update-access-key --user-name "alice-$run" --access-key-id "$key" --status Inactive
check "\"alice-$run\"" get-access-key-last-used --access-key-id "$key" --query UserName
for k in $(iam list-access-keys --user-name "alice-$run" --query 'AccessKeyMetadata[].AccessKeyId' --output text); do
  iam delete-access-key --user-name "alice-$run" --access-key-id "$k"
done
iam delete-user --user-name "alice-$run"
expect_error NoSuchEntity get-user --user-name "alice-$run"

iam create-account-alias --account-alias "cli-$run"
check "\"cli-$run\"" list-account-aliases --query 'AccountAliases[0]'
iam delete-account-alias --account-alias "cli-$run"
iam get-account-summary --query 'SummaryMap.AccessKeysPerUserQuota' >/dev/null
iam get-account-authorization-details >/dev/null
echo "aws-cli lifecycle: ok"
