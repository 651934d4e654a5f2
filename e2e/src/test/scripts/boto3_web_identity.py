"""boto3, unchanged: AssumeRoleWithWebIdentity (unsigned) with a token of the test issuer, then the session's identity;
a token whose subject the trust policy does not name is AccessDenied, a damaged one InvalidIdentityToken. Needs
STS_ENDPOINT, IAM_ACCOUNT_ID and WI_ROLE_ARN, WI_TOKEN, WI_WRONG_SUBJECT_TOKEN, WI_PROVIDER."""
import os

import boto3
from botocore import UNSIGNED
from botocore.config import Config

from local_iam import expect

region = os.environ.get("AWS_REGION", "us-east-1")
endpoint = os.environ["STS_ENDPOINT"]
role_arn = os.environ["WI_ROLE_ARN"]
sts = boto3.client("sts", endpoint_url=endpoint, region_name=region, config=Config(signature_version=UNSIGNED))

answer = sts.assume_role_with_web_identity(RoleArn=role_arn, RoleSessionName="py-session",
                                           WebIdentityToken=os.environ["WI_TOKEN"], DurationSeconds=900)
role_name = role_arn.split("/")[-1]
expected = "arn:aws:sts::%s:assumed-role/%s/py-session" % (os.environ["IAM_ACCOUNT_ID"], role_name)
assert answer["AssumedRoleUser"]["Arn"] == expected, answer["AssumedRoleUser"]
assert answer["Provider"] == os.environ["WI_PROVIDER"], answer["Provider"]
assert answer["Audience"] == "sts.amazonaws.com", answer["Audience"]
assert answer["SubjectFromWebIdentityToken"], answer
credentials = answer["Credentials"]
assert credentials["AccessKeyId"].startswith("ASIA"), credentials["AccessKeyId"]
session = boto3.client("sts", endpoint_url=endpoint, region_name=region, aws_access_key_id=credentials["AccessKeyId"],
                       aws_secret_access_key=credentials["SecretAccessKey"], aws_session_token=credentials["SessionToken"])
assert session.get_caller_identity()["Arn"] == expected

expect("AccessDenied", sts.assume_role_with_web_identity, RoleArn=role_arn, RoleSessionName="py-session",
       WebIdentityToken=os.environ["WI_WRONG_SUBJECT_TOKEN"])
expect("InvalidIdentityToken", sts.assume_role_with_web_identity, RoleArn=role_arn, RoleSessionName="py-session",
       WebIdentityToken=os.environ["WI_TOKEN"][:-4] + "AAAA")
print("boto3 web identity: ok")
