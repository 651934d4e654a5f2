"""What the boto3 scripts share: a boto3 IAM client for the local system (IAM_ENDPOINT and the AWS_* variables of
local.env), a run id that keeps names apart, and expect(), which asserts an AWS error code."""
import os
import random

import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam", endpoint_url=os.environ["IAM_ENDPOINT"], region_name=os.environ.get("AWS_REGION", "us-east-1"))
run = "py%d" % random.randint(0, 10**9)


def expect(code, fn, **kwargs):
    try:
        fn(**kwargs)
    except ClientError as e:
        assert e.response["Error"]["Code"] == code, (code, e.response["Error"])
        return
    raise AssertionError("expected %s from %s" % (code, fn.__name__))
