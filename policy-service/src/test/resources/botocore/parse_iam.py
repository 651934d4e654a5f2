"""Parses IAM Query XML answers the way the AWS CLI does (botocore's parser, then its policy-document
decoding). Reads [{"operation", "status", "xml"}...] as JSON on stdin, writes the parsed results on stdout."""
import json
import sys

import botocore.handlers
import botocore.parsers
import botocore.session


def main():
    model = botocore.session.get_session().get_service_model("iam")
    parser = botocore.parsers.create_parser(model.metadata["protocol"])
    results = []
    for answer in json.load(sys.stdin):
        operation = model.operation_model(answer["operation"])
        parsed = parser.parse({"body": answer["xml"].encode("utf-8"), "headers": {}, "status_code": answer["status"]},
                              operation.output_shape)
        if answer["status"] == 200:
            botocore.handlers.json_decode_policies(parsed, operation)
        parsed.pop("ResponseMetadata", None)
        results.append(parsed)
    json.dump(results, sys.stdout, default=lambda o: o.isoformat() if hasattr(o, "isoformat") else str(o))


if __name__ == "__main__":
    main()
