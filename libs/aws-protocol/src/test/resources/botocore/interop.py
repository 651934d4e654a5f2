"""Signs requests with botocore's SigV4 signers and parses Query XML with botocore's parser.

Reads a JSON document on stdin and writes one on stdout, for BotocoreInteropTest:
  {"sign": [request...], "parse": [response...]}
  request:  {method, url, params ([[name, value]...] or null: sent form-encoded, "+" for a space),
             headers: {name: value}, body (base64), service, region, key, secret, token (or null),
             presign (bool), expires (seconds)}
  response: {service, operation, status, xml}
"""
import base64
import json
import sys
from urllib.parse import urlsplit

import botocore.auth
import botocore.handlers
import botocore.parsers
import botocore.session
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(spec):
    params = [tuple(p) for p in spec["params"]] if spec.get("params") else None
    request = AWSRequest(method=spec["method"], url=spec["url"], headers=spec["headers"],
                         data=base64.b64decode(spec["body"]), params=params)
    credentials = Credentials(spec["key"], spec["secret"], spec.get("token"))
    if spec["presign"]:
        signer = botocore.auth.SigV4QueryAuth(credentials, spec["service"], spec["region"], expires=spec["expires"])
    else:
        signer = botocore.auth.SigV4Auth(credentials, spec["service"], spec["region"])
    signer.add_auth(request)
    prepared = request.prepare()
    parts = urlsplit(prepared.url)
    headers = [[k, v if isinstance(v, str) else v.decode("utf-8")] for k, v in prepared.headers.items()]
    if not any(k.lower() == "host" for k, _ in headers):
        headers.append(["Host", parts.netloc])
    body = prepared.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    return {"method": prepared.method, "path": parts.path, "query": parts.query or None, "headers": headers,
            "body": base64.b64encode(body).decode("ascii")}


def parse(spec, session):
    model = session.get_service_model(spec["service"])
    operation = model.operation_model(spec["operation"])
    parser = botocore.parsers.create_parser(model.metadata["protocol"])
    parsed = parser.parse({"body": spec["xml"].encode("utf-8"), "headers": {}, "status_code": spec["status"]},
                          operation.output_shape)
    if spec["service"] == "iam" and spec["status"] == 200:
        # what the client does after every IAM call: URL-decode and JSON-parse policy documents
        botocore.handlers.json_decode_policies(parsed, operation)
    parsed.get("ResponseMetadata", {}).pop("HTTPHeaders", None)
    return parsed


def main():
    job = json.load(sys.stdin)
    session = botocore.session.get_session()
    out = {"signed": [sign(s) for s in job.get("sign", [])],
           "parsed": [parse(p, session) for p in job.get("parse", [])]}
    json.dump(out, sys.stdout, default=lambda o: o.isoformat() if hasattr(o, "isoformat") else str(o))


if __name__ == "__main__":
    main()
