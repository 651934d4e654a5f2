"""boto3, unchanged, in a workload's environment only (the export lines of `iam-local workload add`: the metadata
endpoint, or the container credentials endpoint and its token): the default credential chain finds the role's
credentials, and GetCallerIdentity names the session. botocore 1.29 does not read AWS_ENDPOINT_URL_STS, so the STS
endpoint is passed to the client (the credentials are not). Prints the ARN."""
import os

import boto3

session = boto3.session.Session()
credentials = session.get_credentials()
assert credentials is not None, "the default chain found no credentials"
assert credentials.method in ("iam-role", "container-role"), credentials.method
assert credentials.access_key.startswith("ASIA"), credentials.access_key
sts = session.client("sts", endpoint_url=os.environ["AWS_ENDPOINT_URL_STS"], region_name=os.environ["AWS_REGION"])
print("method=" + credentials.method)
print("arn=" + sts.get_caller_identity()["Arn"])
