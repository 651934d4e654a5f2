"""boto3, unchanged: console passwords, the password policy and the credential report, as the root of an account
of its own (IAM_ENDPOINT and the AWS_* variables)."""
import base64
import csv
import io
import os
import random
import time

import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam", endpoint_url=os.environ["IAM_ENDPOINT"], region_name="us-east-1")
run = "py%d" % random.randint(0, 10**9)


def expect(code, fn, **kwargs):
    try:
        fn(**kwargs)
    except ClientError as e:
        assert e.response["Error"]["Code"] == code, (code, e.response["Error"])
        return
    raise AssertionError("expected %s from %s" % (code, fn.__name__))


user = "dave-" + run
iam.create_user(UserName=user)
profile = iam.create_login_profile(UserName=user, Password="Dave-pass-1", PasswordResetRequired=True)["LoginProfile"]
assert profile["UserName"] == user and profile["PasswordResetRequired"] is True, profile
iam.update_account_password_policy(MinimumPasswordLength=10, RequireNumbers=True, PasswordReusePrevention=1)
policy = iam.get_account_password_policy()["PasswordPolicy"]
assert policy["MinimumPasswordLength"] == 10 and policy["RequireNumbers"] is True and policy["ExpirePasswords"] is False, policy
expect("PasswordPolicyViolation", iam.update_login_profile, UserName=user, Password="NoNumbersHere")
expect("PasswordPolicyViolation", iam.update_login_profile, UserName=user, Password="Dave-pass-1")
iam.update_login_profile(UserName=user, Password="Dave-pass-22", PasswordResetRequired=False)
assert iam.get_login_profile(UserName=user)["LoginProfile"]["PasswordResetRequired"] is False

iam.generate_credential_report()
for _ in range(60):
    try:
        report = iam.get_credential_report()
        break
    except ClientError as e:
        assert e.response["Error"]["Code"] == "ReportInProgress", e.response["Error"]
        time.sleep(0.5)
rows = {row["user"]: row for row in csv.DictReader(io.StringIO(report["Content"].decode()))}
assert rows[user]["password_enabled"] == "true" and rows[user]["password_last_used"] == "no_information", rows[user]
assert rows["<root_account>"]["password_enabled"] == "not_supported", rows["<root_account>"]

iam.delete_login_profile(UserName=user)
iam.delete_user(UserName=user)
iam.delete_account_password_policy()
expect("NoSuchEntity", iam.get_account_password_policy)
print("boto3 passwords: ok")
