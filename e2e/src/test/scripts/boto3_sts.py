"""boto3, unchanged: AssumeRole with a session tag, the role's credentials at the IAM API, GetSessionToken. Needs
IAM_ENDPOINT, STS_ENDPOINT and the AWS_* variables of local.env."""
import json
import os

import boto3

from local_iam import expect, iam, run

region = os.environ.get("AWS_REGION", "us-east-1")
account = os.environ["IAM_ACCOUNT_ID"]
root_sts = boto3.client("sts", endpoint_url=os.environ["STS_ENDPOINT"], region_name=region)
assert root_sts.get_caller_identity()["Arn"] == "arn:aws:iam::%s:root" % account

user = iam.create_user(UserName="sts-" + run)["User"]
key = iam.create_access_key(UserName="sts-" + run)["AccessKey"]
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": user["Arn"]},
                                                 "Action": ["sts:AssumeRole", "sts:TagSession"]}]}
role = iam.create_role(RoleName="sts-" + run, AssumeRolePolicyDocument=json.dumps(trust))["Role"]
iam.put_role_policy(RoleName="sts-" + run, PolicyName="tagged", PolicyDocument=json.dumps({
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:ListRoles", "Resource": "*",
                                            "Condition": {"StringEquals": {"aws:PrincipalTag/project": "apollo"}}}]}))

user_sts = boto3.client("sts", endpoint_url=os.environ["STS_ENDPOINT"], region_name=region,
                        aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])


def as_session(credentials, service, endpoint):
    return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id=credentials["AccessKeyId"],
                        aws_secret_access_key=credentials["SecretAccessKey"], aws_session_token=credentials["SessionToken"])


apollo = user_sts.assume_role(RoleArn=role["Arn"], RoleSessionName="py", Tags=[{"Key": "project", "Value": "apollo"}])
assert apollo["AssumedRoleUser"]["Arn"] == "arn:aws:sts::%s:assumed-role/sts-%s/py" % (account, run), apollo["AssumedRoleUser"]
assert any(r["RoleName"] == "sts-" + run for r in as_session(apollo["Credentials"], "iam", os.environ["IAM_ENDPOINT"])
           .list_roles()["Roles"])
gemini = user_sts.assume_role(RoleArn=role["Arn"], RoleSessionName="py2", Tags=[{"Key": "project", "Value": "gemini"}])
expect("AccessDenied", as_session(gemini["Credentials"], "iam", os.environ["IAM_ENDPOINT"]).list_roles)

session = user_sts.get_session_token(DurationSeconds=900)["Credentials"]
identity = as_session(session, "sts", os.environ["STS_ENDPOINT"]).get_caller_identity()
assert identity["Arn"] == user["Arn"], identity
print("boto3 sts: ok")
