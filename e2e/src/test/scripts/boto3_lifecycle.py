"""boto3, unchanged, against the local IAM. Needs IAM_ENDPOINT and the AWS_* variables of local.env."""
from local_iam import expect, iam, run


user = iam.create_user(UserName="bob-" + run, Tags=[{"Key": "team", "Value": "core"}])["User"]
assert user["UserId"].startswith("AIDA"), user
assert iam.get_user(UserName="bob-" + run)["User"]["Tags"] == [{"Key": "team", "Value": "core"}]
names = [u["UserName"] for page in iam.get_paginator("list_users").paginate(PaginationConfig={"PageSize": 1}) for u in page["Users"]]
assert "bob-" + run in names and len(names) == len(set(names)), names
expect("EntityAlreadyExists", iam.create_user, UserName="BOB-" + run)
expect("NoSuchEntity", iam.get_user, UserName="nobody-" + run)
trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
role = iam.create_role(RoleName="r-" + run, AssumeRolePolicyDocument=trust)["Role"]
# botocore decodes the URL-encoded policy document into a dict
assert iam.get_role(RoleName="r-" + run)["Role"]["AssumeRolePolicyDocument"]["Statement"][0]["Action"] == "sts:AssumeRole"
iam.delete_role(RoleName="r-" + run)
key = iam.create_access_key(UserName="bob-" + run)["AccessKey"]
assert len(key["SecretAccessKey"]) == 40
iam.delete_access_key(UserName="bob-" + run, AccessKeyId=key["AccessKeyId"])
iam.delete_user(UserName="bob-" + run)
print("boto3 lifecycle: ok")
