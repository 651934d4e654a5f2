#!/usr/bin/env python3
"""Writes the scenario corpus: src/test/resources/scenarios/<family>/<nnn>-<slug>.json, one scenario per file.

Every expectation below is written by hand from AWS's documentation of the IAM policy language and the policy
evaluation logic; the `description` of each scenario states the rule it checks. Nothing here runs the engine.
Run from libs/policy-engine:  python3 scripts/generate_scenarios.py
"""
import json
import os
import re
import shutil

ROOT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "scenarios")
ACCT = "111122223333"
OTHER = "444455556666"
ALICE = f"arn:aws:iam::{ACCT}:user/alice"
BOB = f"arn:aws:iam::{ACCT}:user/bob"
ROLE = f"arn:aws:iam::{ACCT}:role/app"
SESSION = f"arn:aws:sts::{ACCT}:assumed-role/app/s1"
EXT_USER = f"arn:aws:iam::{OTHER}:user/carol"
EXT_ROLE = f"arn:aws:iam::{OTHER}:role/partner"
EXT_SESSION = f"arn:aws:sts::{OTHER}:assumed-role/partner/s9"
OBJ = "arn:aws:s3:::bucket/key"
V = "2012-10-17"

ALLOW_ALL = {"Sid": "AllowAll", "Effect": "Allow", "Action": "*", "Resource": "*"}

written = {}


def doc(*statements, version=V):
    d = {}
    if version is not None:
        d["Version"] = version
    d["Statement"] = list(statements)
    return d


def stmt(sid, effect, action, resource="*", condition=None, **extra):
    s = {"Sid": sid, "Effect": effect}
    s.update({k: v for k, v in extra.items() if k in ("Principal", "NotPrincipal")})
    if "NotAction" in extra:
        s["NotAction"] = extra["NotAction"]
    elif action is not None:
        s["Action"] = action
    if "NotResource" in extra:
        s["NotResource"] = extra["NotResource"]
    elif resource is not None:
        s["Resource"] = resource
    if condition is not None:
        s["Condition"] = condition
    return s


def request(action="s3:GetObject", resource=OBJ, principal=ALICE, context=None, **extra):
    r = {"principal": principal, "action": action, "resource": resource}
    r.update(extra)
    if context:
        r["context"] = context
    return r


def allow(*statements):
    return {"decision": "Allow", "statements": list(statements)}


def explicit(*statements):
    return {"decision": "ExplicitDeny", "statements": list(statements)}


def implicit(missing="identity-based policy"):
    return {"decision": "ImplicitDeny", "statements": [], "missingAllow": missing}


def scenario(family, slug, description, policies, req, expected):
    n = written.get(family, 0) + 1
    written[family] = n
    slug = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")[:70]
    path = os.path.join(ROOT, family, f"{n:03d}-{slug}.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    body = {"description": description, "policies": policies, "request": req, "expected": expected}
    with open(path, "w") as f:
        json.dump(body, f, indent=2)
        f.write("\n")


# ----------------------------------------------------------------------------------------------- operators
MISSING = object()

# (operator, key, policy values, [(request value or MISSING, condition true?, why)])
OPERATORS = [
    ("StringEquals", "aws:PrincipalTag/team", ["dev"], [
        ("dev", True, "exact, case-sensitive match"),
        ("Dev", False, "StringEquals is case-sensitive"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("StringNotEquals", "aws:PrincipalTag/team", ["dev"], [
        ("ops", True, "the value differs"),
        ("dev", False, "the value equals the policy value"),
        (MISSING, True, "a negated operator is true when the key is missing")]),
    ("StringEqualsIgnoreCase", "aws:PrincipalTag/team", ["dev"], [
        ("DEV", True, "case is ignored"),
        ("ops", False, "the value differs"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", ["dev"], [
        ("ops", True, "the value differs in more than case"),
        ("DeV", False, "equal when case is ignored"),
        (MISSING, True, "a negated operator is true when the key is missing")]),
    ("StringLike", "s3:prefix", ["home/*"], [
        ("home/alice/notes", True, "* matches any run of characters, slashes included"),
        ("public/home/x", False, "the pattern is anchored at the start"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("StringNotLike", "s3:prefix", ["home/*"], [
        ("public/x", True, "the value does not match the pattern"),
        ("home/x", False, "the value matches the pattern"),
        (MISSING, True, "a negated operator is true when the key is missing")]),
    ("NumericEquals", "s3:max-keys", ["10"], [
        ("10", True, "equal numbers"),
        ("11", False, "different numbers"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("NumericNotEquals", "s3:max-keys", ["10"], [
        ("11", True, "different numbers"),
        ("10", False, "equal numbers"),
        (MISSING, True, "a negated operator is true when the key is missing")]),
    ("NumericLessThan", "s3:max-keys", ["10"], [
        ("9", True, "9 < 10"),
        ("10", False, "10 is not < 10"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("NumericLessThanEquals", "s3:max-keys", ["10"], [
        ("10", True, "10 <= 10"),
        ("11", False, "11 is not <= 10"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("NumericGreaterThan", "s3:max-keys", ["10"], [
        ("11", True, "11 > 10"),
        ("10", False, "10 is not > 10"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("NumericGreaterThanEquals", "s3:max-keys", ["10"], [
        ("10", True, "10 >= 10"),
        ("9", False, "9 is not >= 10"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("DateEquals", "aws:CurrentTime", ["2020-01-01T00:00:00Z"], [
        ("2020-01-01T00:00:00Z", True, "the same instant"),
        ("2020-01-02T00:00:00Z", False, "a different instant"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("DateNotEquals", "aws:CurrentTime", ["2020-01-01T00:00:00Z"], [
        ("2020-01-02T00:00:00Z", True, "a different instant"),
        ("2020-01-01T00:00:00Z", False, "the same instant"),
        (MISSING, True, "a negated operator is true when the key is missing")]),
    ("DateLessThan", "aws:CurrentTime", ["2020-01-01T00:00:00Z"], [
        ("2019-12-31T23:59:59Z", True, "earlier"),
        ("2020-01-01T00:00:00Z", False, "the same instant is not earlier"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("DateLessThanEquals", "aws:CurrentTime", ["2020-01-01T00:00:00Z"], [
        ("2020-01-01T00:00:00Z", True, "the same instant"),
        ("2020-01-01T00:00:01Z", False, "later"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("DateGreaterThan", "aws:CurrentTime", ["2020-01-01T00:00:00Z"], [
        ("2020-06-01T12:00:00Z", True, "later"),
        ("2020-01-01T00:00:00Z", False, "the same instant is not later"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("DateGreaterThanEquals", "aws:CurrentTime", ["2020-01-01T00:00:00Z"], [
        ("2020-01-01T00:00:00Z", True, "the same instant"),
        ("2019-01-01T00:00:00Z", False, "earlier"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("Bool", "aws:SecureTransport", ["true"], [
        ("true", True, "the boolean matches"),
        ("false", False, "the boolean differs"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("BinaryEquals", "aws:RequestTag/blob", ["QmluYXJ5VmFsdWU="], [
        ("QmluYXJ5VmFsdWU=", True, "the same base64-encoded bytes"),
        ("T3RoZXJWYWx1ZQ==", False, "different bytes"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], [
        ("203.0.113.7", True, "the address lies in the CIDR block"),
        ("198.51.100.7", False, "the address lies outside the CIDR block"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"], [
        ("198.51.100.7", True, "the address lies outside the CIDR block"),
        ("203.0.113.200", False, "the address lies in the CIDR block"),
        (MISSING, True, "a negated operator is true when the key is missing")]),
    ("ArnEquals", "aws:SourceArn", [f"arn:aws:sns:us-east-1:{ACCT}:alerts"], [
        (f"arn:aws:sns:us-east-1:{ACCT}:alerts", True, "the same ARN"),
        (f"arn:aws:sns:us-east-1:{ACCT}:other", False, "a different ARN"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("ArnLike", "aws:SourceArn", [f"arn:aws:sns:*:{ACCT}:*"], [
        (f"arn:aws:sns:eu-west-1:{ACCT}:alerts", True, "each ARN segment matches its pattern"),
        (f"arn:aws:sns:eu-west-1:{OTHER}:alerts", False, "the account segment differs"),
        (MISSING, False, "a missing key makes a non-negated operator false")]),
    ("ArnNotEquals", "aws:SourceArn", [f"arn:aws:sns:us-east-1:{ACCT}:alerts"], [
        (f"arn:aws:sns:us-east-1:{ACCT}:other", True, "a different ARN"),
        (f"arn:aws:sns:us-east-1:{ACCT}:alerts", False, "the same ARN"),
        (MISSING, True, "a negated operator is true when the key is missing")]),
    ("ArnNotLike", "aws:SourceArn", [f"arn:aws:sns:*:{ACCT}:*"], [
        (f"arn:aws:sns:us-east-1:{OTHER}:alerts", True, "the account segment does not match"),
        (f"arn:aws:sns:us-east-1:{ACCT}:alerts", False, "every segment matches"),
        (MISSING, True, "a negated operator is true when the key is missing")]),
]


def operator_scenarios():
    for op, key, values, cases in OPERATORS:
        for value, truth, why in cases:
            ctx = None if value is MISSING else {key: value}
            shown = "missing" if value is MISSING else f"`{value}`"
            # plain operator in an Allow statement: the condition decides whether the identity policy allows
            cond = {op: {key: values if len(values) > 1 else values[0]}}
            scenario("operators", f"{op}-{'missing' if value is MISSING else 'value'}-{truth}",
                     f"{op} {values} with {key} {shown}: {why}, so the condition is {str(truth).lower()}; "
                     f"an identity Allow whose condition is {'true allows' if truth else 'false does not apply, and with no other Allow the request is implicitly denied'}",
                     {"identity": [doc(stmt("Cond", "Allow", "s3:GetObject", "*", cond))]},
                     request(context=ctx),
                     allow("identity[0]:Cond") if truth else implicit())
            # IfExists form in a Deny statement next to an allow-all: true denies, false leaves the Allow
            ie = op + "IfExists"
            ie_truth = True if value is MISSING else truth
            ie_why = ("…IfExists is true when the key is missing" if value is MISSING
                      else f"the key is present, so {ie} behaves as {op}: {why}")
            scenario("operators", f"{ie}-{'missing' if value is MISSING else 'value'}-{ie_truth}",
                     f"{ie} {values} with {key} {shown}: {ie_why}; a Deny whose condition is "
                     f"{'true is an explicit deny that overrides the Allow' if ie_truth else 'false does not apply, so the Allow stands'}",
                     {"identity": [doc(ALLOW_ALL, stmt("DenyCond", "Deny", "s3:GetObject", "*",
                                                       {ie: {key: values}}))]},
                     request(context=ctx),
                     explicit("identity[0]:DenyCond") if ie_truth else allow("identity[0]:AllowAll"))


def extra_operator_scenarios():
    f = "operators"
    one = lambda cond, ctx, ok, d, sid="Cond": scenario(
        f, d[:60], d, {"identity": [doc(stmt(sid, "Allow", "s3:GetObject", "*", cond))]},
        request(context=ctx), allow(f"identity[0]:{sid}") if ok else implicit())
    one({"NumericEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": "10.0"}, True,
        "NumericEquals compares numbers, not text: 10.0 equals 10")
    one({"NumericLessThan": {"s3:max-keys": "2.5"}}, {"s3:max-keys": "2.25"}, True,
        "NumericLessThan accepts decimals: 2.25 < 2.5")
    one({"NumericEquals": {"s3:max-keys": 10}}, {"s3:max-keys": "10"}, True,
        "a numeric condition value may be written as a JSON number")
    one({"NumericEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": "ten"}, False,
        "NumericEquals with a request value that is not a number does not match")
    one({"DateEquals": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}}, {"aws:CurrentTime": "1577836800"}, True,
        "date operators accept epoch seconds: 1577836800 is 2020-01-01T00:00:00Z")
    one({"DateLessThan": {"aws:CurrentTime": "1577836800"}}, {"aws:CurrentTime": "2019-12-31T00:00:00Z"}, True,
        "a date condition value may be epoch seconds")
    one({"DateGreaterThan": {"aws:CurrentTime": "2020-01-01"}}, {"aws:CurrentTime": "2020-01-01T00:00:01Z"}, True,
        "a date without a time is midnight UTC, and the request is one second later")
    one({"DateEquals": {"aws:CurrentTime": "2020-01-01T01:00:00+01:00"}}, {"aws:CurrentTime": "2020-01-01T00:00:00Z"},
        True, "ISO 8601 offsets are honoured: 01:00+01:00 is 00:00Z")
    one({"Bool": {"aws:MultiFactorAuthPresent": True}}, {"aws:MultiFactorAuthPresent": "true"}, True,
        "a Bool condition value may be written as a JSON boolean")
    one({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}}, {"aws:SourceIp": "2001:db8:1234::5"}, True,
        "IpAddress supports IPv6 CIDR blocks")
    one({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}}, {"aws:SourceIp": "2001:db9::5"}, False,
        "an IPv6 address outside the block does not match")
    one({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {"aws:SourceIp": "2001:db8::1"}, False,
        "an IPv6 address never lies in an IPv4 block")
    one({"IpAddress": {"aws:SourceIp": "203.0.113.5"}}, {"aws:SourceIp": "203.0.113.5"}, True,
        "an address without a prefix length is a single address (/32)")
    one({"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"]}}, {"aws:SourceIp": "10.9.8.7"}, True,
        "several values of one key are OR-ed: the address lies in the first block")
    one({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}, {"aws:SourceIp": "198.51.100.1"}, True,
        "0.0.0.0/0 holds every IPv4 address")
    one({"StringEquals": {"aws:username": ["alice", "bob"]}}, {"aws:username": "bob"}, True,
        "several values of one key are OR-ed")
    one({"StringNotEquals": {"aws:username": ["alice", "bob"]}}, {"aws:username": "bob"}, False,
        "a negated operator with several values is true only when the request value matches none of them")
    one({"StringNotEquals": {"aws:username": ["alice", "bob"]}}, {"aws:username": "carol"}, True,
        "a negated operator with several values is true when the request value matches none of them")
    one({"StringEquals": {"aws:username": "alice", "aws:PrincipalTag/team": "dev"}},
        {"aws:username": "alice", "aws:PrincipalTag/team": "ops"}, False,
        "several keys in one operator are AND-ed: the team key fails")
    one({"StringEquals": {"aws:username": "alice", "aws:PrincipalTag/team": "dev"}},
        {"aws:username": "alice", "aws:PrincipalTag/team": "dev"}, True,
        "several keys in one operator are AND-ed: both keys match")
    one({"StringEquals": {"aws:username": "alice"}, "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}},
        {"aws:username": "alice", "aws:SourceIp": "192.0.2.1"}, False,
        "several operators are AND-ed: the IpAddress operator fails")
    one({"StringEquals": {"aws:username": "alice"}, "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}},
        {"aws:username": "alice", "aws:SourceIp": "10.1.1.1"}, True,
        "several operators are AND-ed: both operators hold")
    one({"StringEquals": {"AWS:UserName": "alice"}}, {"aws:username": "alice"}, True,
        "condition key names are case-insensitive (policy spelling)")
    one({"StringEquals": {"aws:username": "alice"}}, {"AWS:USERNAME": "alice"}, True,
        "condition key names are case-insensitive (request spelling)")
    one({"StringEquals": {"aws:username": "Alice"}}, {"aws:username": "alice"}, False,
        "condition values are case-sensitive for StringEquals")
    one({"StringLike": {"s3:prefix": "log?"}}, {"s3:prefix": "log1"}, True,
        "? in StringLike matches exactly one character")
    one({"StringLike": {"s3:prefix": "log?"}}, {"s3:prefix": "log12"}, False,
        "? in StringLike matches exactly one character, not two")
    one({"StringLike": {"s3:prefix": "*"}}, {"s3:prefix": ""}, True,
        "* in StringLike matches the empty string")
    one({"StringLike": {"s3:prefix": "HOME/*"}}, {"s3:prefix": "home/x"}, False,
        "StringLike is case-sensitive")
    one({"StringEquals": {"s3:prefix": "a*"}}, {"s3:prefix": "abc"}, False,
        "StringEquals has no wildcards: * is a literal character")
    one({"StringEquals": {"s3:prefix": "a*"}}, {"s3:prefix": "a*"}, True,
        "StringEquals has no wildcards: the literal text a* matches itself")
    one({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::bucket/*"}}, {"aws:SourceArn": "arn:aws:s3:::bucket/a:b"}, True,
        "the last ARN segment (resource) may itself contain colons")
    one({"ArnLike": {"aws:SourceArn": "arn:aws:sns:us-east-?:*:alerts"}},
        {"aws:SourceArn": f"arn:aws:sns:us-east-1:{ACCT}:alerts"}, True,
        "? matches one character inside an ARN segment")
    one({"ArnEquals": {"aws:SourceArn": f"arn:aws:sns:*:{ACCT}:alerts"}},
        {"aws:SourceArn": f"arn:aws:sns:us-west-2:{ACCT}:alerts"}, True,
        "ArnEquals also accepts wildcards in each segment")
    one({"ArnLike": {"aws:SourceArn": f"arn:aws:sns:*:{ACCT}:alerts"}}, {"aws:SourceArn": "not-an-arn"}, False,
        "a request value that is not an ARN never matches an ARN pattern")
    one({"ArnLike": {"aws:SourceArn": "arn:aws:SNS:*:*:*"}}, {"aws:SourceArn": f"arn:aws:sns:us-east-1:{ACCT}:a"},
        False, "ARN matching is case-sensitive")
    one({"BinaryEquals": {"aws:RequestTag/blob": ["AAEC", "QmluYXJ5VmFsdWU="]}},
        {"aws:RequestTag/blob": "QmluYXJ5VmFsdWU="}, True, "BinaryEquals values are OR-ed")
    one({"Bool": {"aws:SecureTransport": "false"}}, {"aws:SecureTransport": "false"}, True,
        "Bool false matches a false request value")
    one({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": ["ops", "DEV"]}}, {"aws:PrincipalTag/team": "dev"},
        True, "StringEqualsIgnoreCase with several values: one matches ignoring case")
    one({"StringNotLike": {"s3:prefix": ["home/*", "tmp/*"]}}, {"s3:prefix": "tmp/x"}, False,
        "StringNotLike with several patterns is false when any pattern matches")


def null_scenarios():
    f = "null"
    cases = [
        ("true", None, True, "Null true holds when the key is absent from the request"),
        ("true", {"aws:TokenIssueTime": "2020-01-01T00:00:00Z"}, False, "Null true fails when the key is present"),
        ("false", {"aws:TokenIssueTime": "2020-01-01T00:00:00Z"}, True, "Null false holds when the key is present"),
        ("false", None, False, "Null false fails when the key is absent"),
        ("true", {"aws:TokenIssueTime": []}, True, "an empty multivalued key counts as absent for Null true"),
        ("false", {"aws:TokenIssueTime": []}, False, "an empty multivalued key counts as absent for Null false"),
        (["true", "false"], {"aws:TokenIssueTime": "x"}, True, "Null with both values is always true (values OR-ed)"),
    ]
    for value, ctx, ok, why in cases:
        scenario(f, why[:60], why + ("; the Allow applies" if ok else "; no Allow applies, implicit deny"),
                 {"identity": [doc(stmt("Cond", "Allow", "s3:GetObject", "*", {"Null": {"aws:TokenIssueTime": value}}))]},
                 request(context=ctx), allow("identity[0]:Cond") if ok else implicit())
    scenario(f, "deny-when-mfa-missing",
             "the documented pattern Deny + Null aws:MultiFactorAuthPresent true denies requests made without MFA "
             "information (the key is absent)",
             {"identity": [doc(ALLOW_ALL, stmt("DenyNoMfa", "Deny", "*", "*",
                                               {"Null": {"aws:MultiFactorAuthPresent": "true"}}))]},
             request(), explicit("identity[0]:DenyNoMfa"))
    scenario(f, "deny-when-mfa-missing-key-present",
             "Deny + Null aws:MultiFactorAuthPresent true does not apply when the key is present (even false)",
             {"identity": [doc(ALLOW_ALL, stmt("DenyNoMfa", "Deny", "*", "*",
                                               {"Null": {"aws:MultiFactorAuthPresent": "true"}}))]},
             request(context={"aws:MultiFactorAuthPresent": "false"}), allow("identity[0]:AllowAll"))


def set_scenarios():
    f = "set-operators"
    K = "aws:TagKeys"
    cases = [
        ("ForAllValues:StringEquals", ["a", "b"], ["a"], True, "every request value is among the policy values"),
        ("ForAllValues:StringEquals", ["a", "b"], ["a", "b"], True, "every request value is among the policy values"),
        ("ForAllValues:StringEquals", ["a", "b"], ["a", "c"], False, "`c` is not among the policy values"),
        ("ForAllValues:StringEquals", ["a", "b"], MISSING, True, "ForAllValues is true when the key is missing"),
        ("ForAllValues:StringEquals", ["a", "b"], [], True, "ForAllValues is true when the request has no values"),
        ("ForAnyValue:StringEquals", ["a", "b"], ["c", "a"], True, "at least one request value (`a`) matches"),
        ("ForAnyValue:StringEquals", ["a", "b"], ["c", "d"], False, "no request value matches"),
        ("ForAnyValue:StringEquals", ["a", "b"], MISSING, False, "ForAnyValue is false when the key is missing"),
        ("ForAnyValue:StringEquals", ["a", "b"], [], False, "ForAnyValue is false when the request has no values"),
        ("ForAllValues:StringNotEquals", ["a"], ["b", "c"], True, "no request value equals `a`"),
        ("ForAllValues:StringNotEquals", ["a"], ["a", "b"], False, "the request value `a` equals a policy value"),
        ("ForAllValues:StringNotEquals", ["a"], MISSING, True, "ForAllValues is true when the key is missing"),
        ("ForAnyValue:StringNotEquals", ["a"], ["a", "b"], True, "the request value `b` matches no policy value"),
        ("ForAnyValue:StringNotEquals", ["a"], ["a"], False, "every request value matches a policy value"),
        ("ForAnyValue:StringNotEquals", ["a"], MISSING, False, "ForAnyValue is false when the key is missing"),
        ("ForAllValues:StringLike", ["team-*"], ["team-a", "team-b"], True, "every request value matches team-*"),
        ("ForAllValues:StringLike", ["team-*"], ["team-a", "x"], False, "`x` does not match team-*"),
        ("ForAnyValue:StringLike", ["team-*"], ["x", "team-a"], True, "`team-a` matches team-*"),
        ("ForAnyValue:StringLike", ["team-*"], ["x", "y"], False, "no request value matches team-*"),
        ("ForAllValues:StringEqualsIfExists", ["a"], MISSING, True, "IfExists: true when the key is missing"),
        ("ForAnyValue:StringEqualsIfExists", ["a"], MISSING, True,
         "IfExists makes a missing key true, even under ForAnyValue"),
        ("ForAnyValue:StringEqualsIfExists", ["a"], ["b"], False, "the key is present and no value matches"),
        ("ForAllValues:StringEqualsIgnoreCase", ["a", "b"], ["A", "b"], True, "each value matches ignoring case"),
        ("ForAnyValue:StringNotLike", ["team-*"], ["team-a", "x"], True, "`x` does not match team-*"),
        ("ForAllValues:StringNotLike", ["team-*"], ["x", "y"], True, "no value matches team-*"),
        ("ForAllValues:StringNotLike", ["team-*"], ["x", "team-y"], False, "`team-y` matches team-*"),
    ]
    for op, values, req, ok, why in cases:
        ctx = None if req is MISSING else {K: req}
        shown = "missing" if req is MISSING else json.dumps(req)
        scenario(f, f"{op}-{shown}-{ok}", f"{op} {values} with {K} {shown}: {why}, so the condition is "
                 f"{str(ok).lower()}" + ("; the Allow applies" if ok else "; implicit deny"),
                 {"identity": [doc(stmt("Cond", "Allow", "s3:GetObject", "*", {op: {K: values}}))]},
                 request(context=ctx), allow("identity[0]:Cond") if ok else implicit())
    # set operators on a single-valued key, and the documented deny patterns
    scenario(f, "single-valued-key-as-one-element-set",
             "ForAnyValue on a single-valued key treats the value as a one-element set: `alice` is among the values",
             {"identity": [doc(stmt("Cond", "Allow", "s3:GetObject", "*",
                                    {"ForAnyValue:StringEquals": {"aws:username": ["alice", "bob"]}}))]},
             request(context={"aws:username": "alice"}), allow("identity[0]:Cond"))
    scenario(f, "deny-forbidden-tag-keys",
             "Deny with ForAnyValue:StringEquals on aws:TagKeys applies when any requested tag key is forbidden",
             {"identity": [doc(ALLOW_ALL, stmt("DenyTags", "Deny", "ec2:CreateTags", "*",
                                               {"ForAnyValue:StringEquals": {K: ["owner"]}}))]},
             request("ec2:CreateTags", f"arn:aws:ec2:us-east-1:{ACCT}:instance/i-1", context={K: ["env", "owner"]}),
             explicit("identity[0]:DenyTags"))
    scenario(f, "allow-only-listed-tag-keys-missing",
             "Allow with ForAllValues:StringEquals on aws:TagKeys also allows a request with no tags (key missing), "
             "which is why AWS recommends pairing it with a Null check",
             {"identity": [doc(stmt("OnlyListed", "Allow", "ec2:CreateTags", "*",
                                    {"ForAllValues:StringEquals": {K: ["env", "team"]}}))]},
             request("ec2:CreateTags", f"arn:aws:ec2:us-east-1:{ACCT}:instance/i-1"), allow("identity[0]:OnlyListed"))
    scenario(f, "allow-only-listed-tag-keys-with-null-check",
             "ForAllValues paired with Null aws:TagKeys false requires the key to be present: no tags, no Allow",
             {"identity": [doc(stmt("OnlyListed", "Allow", "ec2:CreateTags", "*",
                                    {"ForAllValues:StringEquals": {K: ["env", "team"]}, "Null": {K: "false"}}))]},
             request("ec2:CreateTags", f"arn:aws:ec2:us-east-1:{ACCT}:instance/i-1"), implicit())


# ----------------------------------------------------------------------------------------------- variables
def variable_scenarios():
    f = "variables"
    home = lambda res, version=V: {"identity": [doc(stmt("Home", "Allow", "s3:GetObject", res), version=version)]}
    scenario(f, "username-in-resource", "${aws:username} in Resource is replaced by the request's value: alice's "
             "own prefix is allowed", home("arn:aws:s3:::bucket/${aws:username}/*"),
             request(resource="arn:aws:s3:::bucket/alice/notes", context={"aws:username": "alice"}),
             allow("identity[0]:Home"))
    scenario(f, "username-in-resource-other-user", "${aws:username} is alice, so bob's prefix does not match",
             home("arn:aws:s3:::bucket/${aws:username}/*"),
             request(resource="arn:aws:s3:::bucket/bob/notes", context={"aws:username": "alice"}), implicit())
    scenario(f, "missing-key-no-match", "a variable whose key is not in the request has no value: the resource "
             "matches nothing", home("arn:aws:s3:::bucket/${aws:username}/*"),
             request(resource="arn:aws:s3:::bucket/alice/notes"), implicit())
    scenario(f, "default-used-when-missing", "${aws:username, 'anonymous'} uses the default when the key is missing",
             home("arn:aws:s3:::bucket/${aws:username, 'anonymous'}/*"),
             request(resource="arn:aws:s3:::bucket/anonymous/x"), allow("identity[0]:Home"))
    scenario(f, "default-ignored-when-present", "a default is used only when the key is missing: alice is present",
             home("arn:aws:s3:::bucket/${aws:username, 'anonymous'}/*"),
             request(resource="arn:aws:s3:::bucket/anonymous/x", context={"aws:username": "alice"}), implicit())
    scenario(f, "default-present-value", "with the key present, the variable takes the request's value",
             home("arn:aws:s3:::bucket/${aws:username, 'anonymous'}/*"),
             request(resource="arn:aws:s3:::bucket/alice/x", context={"aws:username": "alice"}),
             allow("identity[0]:Home"))
    scenario(f, "version-2008-literal", "in a 2008-10-17 policy ${…} is literal text, not a variable",
             home("arn:aws:s3:::bucket/${aws:username}/*", "2008-10-17"),
             request(resource="arn:aws:s3:::bucket/alice/x", context={"aws:username": "alice"}), implicit())
    scenario(f, "version-2008-literal-matches-itself", "in a 2008-10-17 policy ${aws:username} matches the literal "
             "text", home("arn:aws:s3:::bucket/${aws:username}/*", "2008-10-17"),
             request(resource="arn:aws:s3:::bucket/${aws:username}/x", context={"aws:username": "alice"}),
             allow("identity[0]:Home"))
    scenario(f, "no-version-literal", "a policy without Version is treated as 2008-10-17: no variables",
             home("arn:aws:s3:::bucket/${aws:username}/*", None),
             request(resource="arn:aws:s3:::bucket/alice/x", context={"aws:username": "alice"}), implicit())
    scenario(f, "principal-tag-in-resource", "${aws:PrincipalTag/team} in Resource takes the tag's value",
             home("arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*"),
             request(resource="arn:aws:s3:::bucket/dev/x", context={"aws:PrincipalTag/team": "dev"}),
             allow("identity[0]:Home"))
    scenario(f, "variable-key-case-insensitive", "variable key names are case-insensitive like condition keys",
             home("arn:aws:s3:::bucket/${AWS:UserName}/*"),
             request(resource="arn:aws:s3:::bucket/alice/x", context={"aws:username": "alice"}),
             allow("identity[0]:Home"))
    scenario(f, "value-case-sensitive", "the substituted value is compared case-sensitively in Resource",
             home("arn:aws:s3:::bucket/${aws:username}/*"),
             request(resource="arn:aws:s3:::bucket/Alice/x", context={"aws:username": "alice"}), implicit())
    scenario(f, "multivalued-key-unresolved", "a multivalued key cannot be a policy variable: no match",
             home("arn:aws:s3:::bucket/${aws:TagKeys}/*"),
             request(resource="arn:aws:s3:::bucket/a/x", context={"aws:TagKeys": ["a"]}), implicit())
    scenario(f, "escape-star-literal", "${*} is a literal asterisk: it matches the character *",
             home("arn:aws:s3:::bucket/${*}"), request(resource="arn:aws:s3:::bucket/*"), allow("identity[0]:Home"))
    scenario(f, "escape-star-not-wildcard", "${*} is a literal asterisk, not a wildcard",
             home("arn:aws:s3:::bucket/${*}"), request(resource="arn:aws:s3:::bucket/abc"), implicit())
    scenario(f, "escape-question-literal", "${?} is a literal question mark, not a one-character wildcard",
             home("arn:aws:s3:::bucket/a${?}"), request(resource="arn:aws:s3:::bucket/ab"), implicit())
    scenario(f, "escape-question-matches", "${?} matches the character ?",
             home("arn:aws:s3:::bucket/a${?}"), request(resource="arn:aws:s3:::bucket/a?"), allow("identity[0]:Home"))
    scenario(f, "escape-dollar", "${$} is a literal dollar sign",
             home("arn:aws:s3:::bucket/${$}{x}"), request(resource="arn:aws:s3:::bucket/${x}"),
             allow("identity[0]:Home"))
    scenario(f, "variable-with-wildcard-suffix", "a variable can sit next to wildcards: home/alice* ",
             home("arn:aws:s3:::bucket/home/${aws:username}*"),
             request(resource="arn:aws:s3:::bucket/home/alice-2", context={"aws:username": "alice"}),
             allow("identity[0]:Home"))
    cond = lambda c, ctx, ok, d: scenario(
        f, d[:60], d, {"identity": [doc(stmt("Cond", "Allow", "s3:ListBucket", "arn:aws:s3:::bucket", c))]},
        request("s3:ListBucket", "arn:aws:s3:::bucket", context=ctx), allow("identity[0]:Cond") if ok else implicit())
    cond({"StringLike": {"s3:prefix": "home/${aws:username}/*"}}, {"s3:prefix": "home/alice/x", "aws:username": "alice"},
         True, "a variable in a StringLike value: home/alice/* matches home/alice/x")
    cond({"StringLike": {"s3:prefix": "home/${aws:username}/*"}}, {"s3:prefix": "home/bob/x", "aws:username": "alice"},
         False, "a variable in a StringLike value: home/alice/* does not match home/bob/x")
    cond({"StringEquals": {"s3:prefix": "${aws:username}"}}, {"s3:prefix": "alice", "aws:username": "alice"},
         True, "a variable in a StringEquals value")
    cond({"StringEquals": {"s3:prefix": "${aws:username}"}}, {"s3:prefix": "alice"},
         False, "a StringEquals value whose variable has no value matches nothing")
    cond({"StringEqualsIgnoreCase": {"s3:prefix": "${aws:username}"}}, {"s3:prefix": "ALICE", "aws:username": "alice"},
         True, "a variable in a StringEqualsIgnoreCase value is compared ignoring case")
    cond({"StringEquals": {"aws:PrincipalTag/team": "${aws:ResourceTag/team}"}},
         {"aws:PrincipalTag/team": "dev", "aws:ResourceTag/team": "dev"}, True,
         "attribute-based access: the principal's tag equals the resource's tag")
    cond({"StringEquals": {"aws:PrincipalTag/team": "${aws:ResourceTag/team}"}},
         {"aws:PrincipalTag/team": "dev", "aws:ResourceTag/team": "ops"}, False,
         "attribute-based access: the tags differ")
    cond({"ArnLike": {"aws:SourceArn": "arn:aws:iam::*:user/${aws:username}"}},
         {"aws:SourceArn": f"arn:aws:iam::{ACCT}:user/alice", "aws:username": "alice"}, True,
         "a variable in an ArnLike value")
    cond({"StringLike": {"s3:prefix": "${aws:username, 'guest'}/*"}}, {"s3:prefix": "guest/x"}, True,
         "a default value in a condition value, used because aws:username is missing")
    cond({"StringEquals": {"s3:prefix": "${aws:username}"}}, {"s3:prefix": "${aws:username}", "aws:username": "a"},
         False, "the variable is replaced, so the literal text ${aws:username} no longer matches")
    scenario(f, "negated-with-unresolved-variable",
             "StringNotEquals whose only value is an unresolved variable matches no value, so the negation is true "
             "and the Deny applies",
             {"identity": [doc(ALLOW_ALL, stmt("DenyOthers", "Deny", "s3:GetObject", "*",
                                               {"StringNotEquals": {"s3:prefix": "${aws:username}"}}))]},
             request(context={"s3:prefix": "alice"}), explicit("identity[0]:DenyOthers"))
    scenario(f, "version-2008-condition-literal",
             "in a 2008-10-17 policy a condition value ${aws:username} is literal text",
             {"identity": [doc(stmt("Cond", "Allow", "s3:GetObject", "*",
                                    {"StringEquals": {"s3:prefix": "${aws:username}"}}), version="2008-10-17")]},
             request(context={"s3:prefix": "alice", "aws:username": "alice"}), implicit())


# ----------------------------------------------------------------------------------------------- wildcards
def wildcard_scenarios():
    f = "wildcards"
    act = lambda pattern, action, ok, d: scenario(
        f, d[:60], d, {"identity": [doc(stmt("Act", "Allow", pattern, "*"))]}, request(action),
        allow("identity[0]:Act") if ok else implicit())
    act("s3:Get*", "s3:GetObject", True, "s3:Get* matches s3:GetObject")
    act("s3:Get*", "s3:PutObject", False, "s3:Get* does not match s3:PutObject")
    act("S3:getobject", "s3:GetObject", True, "action names are case-insensitive (policy spelling)")
    act("s3:GetObject", "S3:GETOBJECT", True, "action names are case-insensitive (request spelling)")
    act("s3:?etObject", "s3:GetObject", True, "? matches one character in an action")
    act("s3:?etObject", "s3:GetObjectAcl", False, "the action pattern is anchored at the end")
    act("*", "iam:CreateUser", True, "* alone matches every action")
    act("iam:*User*", "iam:CreateUserPolicy", True, "several stars in one action pattern")
    act("iam:*User*", "iam:CreateRole", False, "several stars, no match")
    act("s3:*", "s3express:CreateSession", False, "s3:* covers only the s3 service prefix")
    act(["ec2:Describe*", "s3:GetObject"], "s3:GetObject", True, "a list of actions is OR-ed")
    act(["ec2:Describe*", "s3:GetObject"], "s3:PutObject", False, "no action in the list matches")
    act("s3:GetObject*", "s3:GetObject", True, "a trailing * also matches nothing")
    res = lambda pattern, resource, ok, d: scenario(
        f, d[:60], d, {"identity": [doc(stmt("Res", "Allow", "*", pattern))]}, request("s3:GetObject", resource),
        allow("identity[0]:Res") if ok else implicit())
    res("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c", True, "* in a resource matches across slashes")
    res("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", False, "bucket/* does not match the bucket itself")
    res("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/x", False, "resource ARNs are case-sensitive")
    res("arn:aws:s3:::bucket*", "arn:aws:s3:::bucket-logs/x", True, "bucket* matches bucket-logs/x")
    res("arn:aws:s3:::log?/x", "arn:aws:s3:::log1/x", True, "? matches one character in a resource")
    res("arn:aws:s3:::log?/x", "arn:aws:s3:::log12/x", False, "? matches exactly one character")
    res("*", "arn:aws:dynamodb:us-east-1:111122223333:table/t", True, "Resource * matches any resource")
    res("arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1", True,
        "* in the region segment matches any region")
    res("arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:eu-west-1:444455556666:instance/i-1", False,
        "the account segment must match")
    res("arn:aws:iam::*:role/*", f"arn:aws:iam::{ACCT}:role/path/app", True, "role/* matches a role with a path")
    res("arn:aws:ec2:us-east-1:111122223333:instance/*", "arn:aws:ec2:us-east-1:111122223333:volume/v-1", False,
        "a different resource type does not match")
    res(["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"], "arn:aws:s3:::b/x", True, "a list of resources is OR-ed")
    res("arn:aws:s3:::*", "arn:aws:s3:::any/thing", True, "arn:aws:s3:::* matches every S3 resource")
    res("arn:aws:s3:::*", "arn:aws:sqs:us-east-1:111122223333:queue", False, "the service segment must match")
    res("arn:aws:sqs:us-east-1:111122223333:queue", "arn:aws:sqs:us-east-1:111122223333:queue", True,
        "an exact resource ARN")
    res("arn:aws:sqs:us-east-1:111122223333:queue", "arn:aws:sqs:us-east-1:111122223333:queue2", False,
        "an exact resource ARN does not match a longer one")


# ----------------------------------------------------------------------------------------------- Not* elements
def not_scenarios():
    f = "not-elements"
    scenario(f, "notaction-allow-other-service", "Allow with NotAction iam:* allows every action outside IAM",
             {"identity": [doc(stmt("NotIam", "Allow", None, "*", NotAction="iam:*"))]}, request(),
             allow("identity[0]:NotIam"))
    scenario(f, "notaction-allow-excluded", "Allow with NotAction iam:* does not allow IAM actions",
             {"identity": [doc(stmt("NotIam", "Allow", None, "*", NotAction="iam:*"))]},
             request("iam:CreateUser", f"arn:aws:iam::{ACCT}:user/x"), implicit())
    scenario(f, "notaction-deny-everything-else", "Deny with NotAction iam:Get* denies every action but iam:Get*",
             {"identity": [doc(ALLOW_ALL, stmt("OnlyGets", "Deny", None, "*", NotAction="iam:Get*"))]},
             request("iam:CreateUser", f"arn:aws:iam::{ACCT}:user/x"), explicit("identity[0]:OnlyGets"))
    scenario(f, "notaction-deny-excluded-action", "Deny with NotAction iam:Get* does not deny iam:GetUser",
             {"identity": [doc(ALLOW_ALL, stmt("OnlyGets", "Deny", None, "*", NotAction="iam:Get*"))]},
             request("iam:GetUser", f"arn:aws:iam::{ACCT}:user/x"), allow("identity[0]:AllowAll"))
    scenario(f, "notaction-case-insensitive", "NotAction matching is case-insensitive like Action",
             {"identity": [doc(stmt("NotIam", "Allow", None, "*", NotAction="IAM:*"))]},
             request("iam:CreateUser", f"arn:aws:iam::{ACCT}:user/x"), implicit())
    scenario(f, "notaction-list", "NotAction with a list excludes every listed action",
             {"identity": [doc(stmt("NotThese", "Allow", None, "*", NotAction=["s3:Delete*", "s3:Put*"]))]},
             request("s3:PutObject"), implicit())
    scenario(f, "notresource-allow", "Allow with NotResource allows resources outside the excluded ARN",
             {"identity": [doc(stmt("NotSecret", "Allow", "s3:GetObject", None, NotResource="arn:aws:s3:::secret/*"))]},
             request(resource="arn:aws:s3:::public/x"), allow("identity[0]:NotSecret"))
    scenario(f, "notresource-allow-excluded", "Allow with NotResource does not allow the excluded resources",
             {"identity": [doc(stmt("NotSecret", "Allow", "s3:GetObject", None, NotResource="arn:aws:s3:::secret/*"))]},
             request(resource="arn:aws:s3:::secret/x"), implicit())
    scenario(f, "notresource-deny", "Deny with NotResource denies everything outside the listed resources",
             {"identity": [doc(ALLOW_ALL, stmt("OnlyBucket", "Deny", "s3:*", None, NotResource=["arn:aws:s3:::bucket",
                                                                                            "arn:aws:s3:::bucket/*"]))]},
             request(resource="arn:aws:s3:::elsewhere/x"), explicit("identity[0]:OnlyBucket"))
    scenario(f, "notresource-deny-inside", "Deny with NotResource leaves the listed resources alone",
             {"identity": [doc(ALLOW_ALL, stmt("OnlyBucket", "Deny", "s3:*", None, NotResource=["arn:aws:s3:::bucket",
                                                                                            "arn:aws:s3:::bucket/*"]))]},
             request(resource="arn:aws:s3:::bucket/x"), allow("identity[0]:AllowAll"))
    scenario(f, "notaction-and-notresource", "NotAction and NotResource together: both exclusions must pass",
             {"identity": [doc(stmt("Both", "Allow", None, None, NotAction="iam:*", NotResource="arn:aws:s3:::secret/*"))]},
             request(resource="arn:aws:s3:::public/x"), allow("identity[0]:Both"))
    scenario(f, "notaction-and-notresource-excluded", "NotAction and NotResource together: the resource is excluded",
             {"identity": [doc(stmt("Both", "Allow", None, None, NotAction="iam:*", NotResource="arn:aws:s3:::secret/*"))]},
             request(resource="arn:aws:s3:::secret/x"), implicit())
    deny_np = doc(stmt("DenyAllButAlice", "Deny", "s3:*", "arn:aws:s3:::bucket/*",
                       NotPrincipal={"AWS": [ALICE, f"arn:aws:iam::{ACCT}:root"]}))
    scenario(f, "notprincipal-deny-other", "a resource-policy Deny with NotPrincipal applies to principals not listed",
             {"identity": [doc(ALLOW_ALL)], "resource": deny_np}, request(principal=BOB),
             explicit("resource:DenyAllButAlice"))
    scenario(f, "notprincipal-deny-listed", "a resource-policy Deny with NotPrincipal does not apply to a listed "
             "principal; the identity policy allows", {"identity": [doc(ALLOW_ALL)], "resource": deny_np},
             request(), allow("identity[0]:AllowAll"))
    scenario(f, "notprincipal-deny-with-boundary",
             "AWS documents that a Deny with NotPrincipal always denies a principal that has a permissions boundary, "
             "whatever NotPrincipal lists",
             {"identity": [doc(ALLOW_ALL)], "permissionBoundary": doc(ALLOW_ALL), "resource": deny_np},
             request(), explicit("resource:DenyAllButAlice"))
    np_session = lambda names: doc(stmt("DenyOthers", "Deny", "s3:*", "*", NotPrincipal={"AWS": names}))
    scenario(f, "notprincipal-session-fully-listed",
             "a role session is exempt from a NotPrincipal Deny when the account, the role and the session are all "
             "listed, as AWS documents", {"identity": [doc(ALLOW_ALL)],
                                          "resource": np_session([f"arn:aws:iam::{ACCT}:root", ROLE, SESSION])},
             request(principal=SESSION), allow("identity[0]:AllowAll"))
    scenario(f, "notprincipal-session-role-only",
             "listing only the account and the role does not exempt the role session: the Deny applies",
             {"identity": [doc(ALLOW_ALL)], "resource": np_session([f"arn:aws:iam::{ACCT}:root", ROLE])},
             request(principal=SESSION), explicit("resource:DenyOthers"))
    scenario(f, "notprincipal-user-without-account",
             "listing the user but not its account does not exempt it: the Deny applies to the account's principals",
             {"identity": [doc(ALLOW_ALL)], "resource": np_session([ALICE])},
             request(), explicit("resource:DenyOthers"))
    scenario(f, "notprincipal-allow", "a resource-policy Allow with NotPrincipal grants to every principal not "
             "listed, here bob in the same account, with no identity policy",
             {"resource": doc(stmt("AllButAlice", "Allow", "s3:GetObject", "arn:aws:s3:::bucket/*",
                                   NotPrincipal={"AWS": ALICE}))},
             request(principal=BOB), allow("resource:AllButAlice"))


# ----------------------------------------------------------------------------------------------- evaluation
def evaluation_scenarios():
    f = "evaluation"
    get = stmt("Get", "Allow", "s3:GetObject", "*")
    scenario(f, "no-policies", "by default every request is implicitly denied: no policy allows it", {},
             request(), implicit())
    scenario(f, "identity-allow", "an identity-policy Allow with no Deny allows", {"identity": [doc(get)]},
             request(), allow("identity[0]:Get"))
    scenario(f, "deny-overrides-allow-same-policy", "an explicit Deny overrides an Allow in the same policy",
             {"identity": [doc(get, stmt("NoGet", "Deny", "s3:GetObject", "*"))]}, request(),
             explicit("identity[0]:NoGet"))
    scenario(f, "deny-overrides-allow-other-policy", "an explicit Deny in any identity policy overrides an Allow",
             {"identity": [doc(get), doc(stmt("NoGet", "Deny", "s3:*", "*"))]}, request(),
             explicit("identity[1]:NoGet"))
    scenario(f, "deny-not-matching-action", "a Deny for another action does not apply",
             {"identity": [doc(get, stmt("NoPut", "Deny", "s3:PutObject", "*"))]}, request(),
             allow("identity[0]:Get"))
    scenario(f, "allows-from-two-policies", "every applicable Allow statement is reported",
             {"identity": [doc(get), doc(stmt("All", "Allow", "s3:*", "arn:aws:s3:::bucket/*"))]}, request(),
             allow("identity[0]:Get", "identity[1]:All"))
    scenario(f, "statement-without-sid", "a statement without Sid is named by its index",
             {"identity": [doc({"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"},
                               {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})]}, request(),
             allow("identity[0]:Statement[1]"))
    scenario(f, "single-statement-object", "Statement may be a single object instead of an array",
             {"identity": [{"Version": V, "Statement": {"Sid": "One", "Effect": "Allow", "Action": "s3:GetObject",
                                                         "Resource": "*"}}]}, request(), allow("identity[0]:One"))
    scenario(f, "deny-with-false-condition", "a Deny whose condition is false does not apply",
             {"identity": [doc(get, stmt("DenyOutside", "Deny", "*", "*",
                                         {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))]},
             request(context={"aws:SourceIp": "10.2.3.4"}), allow("identity[0]:Get"))
    scenario(f, "deny-with-true-condition", "a Deny whose condition is true applies: the address is outside 10/8",
             {"identity": [doc(get, stmt("DenyOutside", "Deny", "*", "*",
                                         {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))]},
             request(context={"aws:SourceIp": "192.0.2.4"}), explicit("identity[0]:DenyOutside"))
    scenario(f, "two-denies-reported", "every applicable Deny statement is reported",
             {"identity": [doc(ALLOW_ALL, stmt("D1", "Deny", "s3:*", "*"), stmt("D2", "Deny", "*", OBJ))]},
             request(), explicit("identity[0]:D1", "identity[0]:D2"))
    scenario(f, "root-user-same-account", "the account root user has full access in its own account without "
             "policies", {}, request(principal=f"arn:aws:iam::{ACCT}:root", resourceAccount=ACCT), allow())
    scenario(f, "root-user-denied-by-resource-policy", "an explicit Deny in a resource policy binds even the root user",
             {"resource": doc(stmt("DenyAll", "Deny", "s3:*", "*", Principal="*"))},
             request(principal=f"arn:aws:iam::{ACCT}:root", resourceAccount=ACCT), explicit("resource:DenyAll"))


def boundary_scenarios():
    f = "boundaries"
    s3all = doc(stmt("S3", "Allow", "s3:*", "*"))
    only_get = doc(stmt("OnlyGet", "Allow", "s3:GetObject", "*"))
    scenario(f, "both-allow", "identity policy and permissions boundary both allow: allowed (the intersection)",
             {"identity": [s3all], "permissionBoundary": only_get}, request(),
             allow("identity[0]:S3", "boundary:OnlyGet"))
    scenario(f, "boundary-does-not-allow", "the identity policy allows s3:PutObject but the boundary does not: "
             "a boundary sets the maximum permissions", {"identity": [s3all], "permissionBoundary": only_get},
             request("s3:PutObject"), implicit("permissions boundary"))
    scenario(f, "boundary-alone-grants-nothing", "a boundary alone grants nothing: the identity policy must allow",
             {"identity": [doc(stmt("Put", "Allow", "s3:PutObject", "*"))], "permissionBoundary": s3all}, request(),
             implicit())
    scenario(f, "no-identity-policy", "a boundary with no identity policy: no identity-based policy allows",
             {"permissionBoundary": s3all}, request(), implicit())
    scenario(f, "boundary-deny", "an explicit Deny in the permissions boundary denies",
             {"identity": [s3all], "permissionBoundary": doc(ALLOW_ALL, stmt("NoGet", "Deny", "s3:GetObject", "*"))},
             request(), explicit("boundary:NoGet"))
    scenario(f, "boundary-condition-true", "a boundary Allow with a true condition allows",
             {"identity": [s3all], "permissionBoundary": doc(stmt("Region", "Allow", "*", "*",
                                                                  {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}))},
             request(context={"aws:RequestedRegion": "eu-west-1"}), allow("identity[0]:S3", "boundary:Region"))
    scenario(f, "boundary-condition-false", "a boundary Allow with a false condition does not allow",
             {"identity": [s3all], "permissionBoundary": doc(stmt("Region", "Allow", "*", "*",
                                                                  {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}))},
             request(context={"aws:RequestedRegion": "us-east-1"}), implicit("permissions boundary"))
    scenario(f, "boundary-notaction", "a boundary with Allow NotAction iam:* caps IAM actions",
             {"identity": [doc(ALLOW_ALL)], "permissionBoundary": doc(stmt("NoIam", "Allow", None, "*", NotAction="iam:*"))},
             request("iam:CreateUser", f"arn:aws:iam::{ACCT}:user/x"), implicit("permissions boundary"))
    # resource policies and boundaries (same account)
    bucket = lambda who, sid="Grant": doc(stmt(sid, "Allow", "s3:GetObject", "arn:aws:s3:::bucket/*",
                                               Principal={"AWS": who}))
    scenario(f, "resource-policy-user-arn-not-limited",
             "in the same account a resource policy granting to an IAM user ARN is not limited by an implicit deny in "
             "the user's permissions boundary",
             {"permissionBoundary": doc(stmt("Ec2", "Allow", "ec2:*", "*")), "resource": bucket(ALICE)},
             request(), allow("resource:Grant"))
    scenario(f, "resource-policy-role-arn-limited",
             "a resource policy granting to an IAM role ARN is limited by an implicit deny in the role's permissions "
             "boundary", {"permissionBoundary": doc(stmt("Ec2", "Allow", "ec2:*", "*")), "resource": bucket(ROLE)},
             request(principal=SESSION), implicit("permissions boundary"))
    scenario(f, "resource-policy-role-arn-boundary-allows",
             "a resource policy granting to the role ARN allows a role session when the boundary also allows, with "
             "no identity policy needed", {"permissionBoundary": doc(stmt("S3", "Allow", "s3:*", "*")),
                                           "resource": bucket(ROLE)},
             request(principal=SESSION), allow("boundary:S3", "resource:Grant"))
    scenario(f, "resource-policy-session-arn-not-limited",
             "a resource policy granting to the role session ARN is not limited by the boundary",
             {"permissionBoundary": doc(stmt("Ec2", "Allow", "ec2:*", "*")), "resource": bucket(SESSION)},
             request(principal=SESSION), allow("resource:Grant"))
    scenario(f, "resource-policy-account-needs-identity",
             "a resource policy naming only the account delegates to the account's identity policies, which the "
             "boundary limits", {"identity": [s3all], "permissionBoundary": doc(stmt("Ec2", "Allow", "ec2:*", "*")),
                                 "resource": bucket(f"arn:aws:iam::{ACCT}:root")},
             request(), implicit("permissions boundary"))
    scenario(f, "boundary-deny-beats-resource-grant",
             "an explicit Deny in the boundary overrides a resource-policy grant to the user",
             {"permissionBoundary": doc(ALLOW_ALL, stmt("NoS3", "Deny", "s3:*", "*")), "resource": bucket(ALICE)},
             request(), explicit("boundary:NoS3"))


def session_scenarios():
    f = "sessions"
    s3all = doc(stmt("S3", "Allow", "s3:*", "*"))
    get = doc(stmt("Get", "Allow", "s3:GetObject", "*"))
    scenario(f, "both-allow", "the session's permissions are the intersection of the role's identity policies and "
             "the session policy: both allow", {"identity": [s3all], "session": [get]}, request(principal=SESSION),
             allow("identity[0]:S3", "session[0]:Get"))
    scenario(f, "session-does-not-allow", "the identity policy allows but the session policy does not",
             {"identity": [s3all], "session": [get]}, request("s3:PutObject", principal=SESSION),
             implicit("session policy"))
    scenario(f, "session-cannot-grant", "a session policy cannot grant more than the identity policies",
             {"identity": [get], "session": [s3all]}, request("s3:PutObject", principal=SESSION), implicit())
    scenario(f, "session-deny", "an explicit Deny in a session policy denies",
             {"identity": [s3all], "session": [doc(ALLOW_ALL, stmt("NoGet", "Deny", "s3:GetObject", "*"))]},
             request(principal=SESSION), explicit("session[0]:NoGet"))
    scenario(f, "several-session-policies", "with several session policies (inline and managed) one Allow suffices",
             {"identity": [s3all], "session": [doc(stmt("Ec2", "Allow", "ec2:*", "*")), get]},
             request(principal=SESSION), allow("identity[0]:S3", "session[1]:Get"))
    scenario(f, "identity-boundary-session", "identity policy, boundary and session policy all allow",
             {"identity": [s3all], "permissionBoundary": doc(stmt("B", "Allow", "s3:Get*", "*")), "session": [get]},
             request(principal=SESSION), allow("identity[0]:S3", "boundary:B", "session[0]:Get"))
    scenario(f, "boundary-checked-before-session", "the boundary does not allow (and neither does the session "
             "policy): AWS reports the permissions boundary first",
             {"identity": [s3all], "permissionBoundary": doc(stmt("B", "Allow", "ec2:*", "*")),
              "session": [doc(stmt("E", "Allow", "ec2:*", "*"))]},
             request(principal=SESSION), implicit("permissions boundary"))
    bucket = lambda who: doc(stmt("Grant", "Allow", "s3:GetObject", "arn:aws:s3:::bucket/*", Principal={"AWS": who}))
    scenario(f, "resource-policy-session-arn", "a resource policy naming the role session ARN grants directly to the "
             "session; the session policy does not limit it", {"session": [doc(stmt("E", "Allow", "ec2:*", "*"))],
                                                               "resource": bucket(SESSION)},
             request(principal=SESSION), allow("resource:Grant"))
    scenario(f, "resource-policy-role-arn-limited-by-session", "a resource policy naming the role ARN is limited by "
             "an implicit deny in the session policy", {"session": [doc(stmt("E", "Allow", "ec2:*", "*"))],
                                                        "resource": bucket(ROLE)},
             request(principal=SESSION), implicit("session policy"))
    scenario(f, "resource-policy-role-arn-session-allows", "a resource policy naming the role ARN allows when the "
             "session policy allows too", {"session": [get], "resource": bucket(ROLE)},
             request(principal=SESSION), allow("session[0]:Get", "resource:Grant"))
    scenario(f, "role-with-path-matched-by-role-arn", "a Principal role ARN with a path names the sessions of that "
             "role (the request carries the role ARN)",
             {"resource": doc(stmt("Grant", "Allow", "s3:GetObject", "*",
                                   Principal={"AWS": f"arn:aws:iam::{ACCT}:role/team/app"}))},
             request(principal=SESSION, roleArn=f"arn:aws:iam::{ACCT}:role/team/app"), allow("resource:Grant"))
    scenario(f, "other-role-not-matched", "a Principal naming another role does not name this session",
             {"resource": doc(stmt("Grant", "Allow", "s3:GetObject", "*",
                                   Principal={"AWS": f"arn:aws:iam::{ACCT}:role/other"}))},
             request(principal=SESSION), implicit())


def resource_scenarios():
    f = "resource-policies"
    grant = lambda principal, sid="Grant", action="s3:GetObject", resource="arn:aws:s3:::bucket/*", cond=None: doc(
        stmt(sid, "Allow", action, resource, cond, Principal=principal))
    scenario(f, "user-named-no-identity-policy", "in the same account a resource policy naming the user allows "
             "without any identity policy", {"resource": grant({"AWS": ALICE})}, request(), allow("resource:Grant"))
    scenario(f, "principal-star", "Principal * names everyone, including this user",
             {"resource": grant("*")}, request(), allow("resource:Grant"))
    scenario(f, "principal-aws-star", "Principal {AWS: *} names every AWS principal",
             {"resource": grant({"AWS": "*"})}, request(), allow("resource:Grant"))
    scenario(f, "account-root-no-identity", "a resource policy naming the account root delegates to identity "
             "policies; with none the request is implicitly denied", {"resource": grant({"AWS": f"arn:aws:iam::{ACCT}:root"})},
             request(), implicit())
    scenario(f, "account-id-with-identity", "naming the account by id plus an identity-policy Allow allows (the "
             "identity policy grants within the account)",
             {"identity": [doc(stmt("Get", "Allow", "s3:GetObject", "*"))], "resource": grant({"AWS": ACCT})},
             request(), allow("identity[0]:Get"))
    scenario(f, "other-user-named", "a resource policy naming bob does not grant to alice",
             {"resource": grant({"AWS": BOB})}, request(), implicit())
    scenario(f, "identity-allow-suffices-same-account", "in the same account an identity-policy Allow suffices "
             "even when the resource policy does not name the principal",
             {"identity": [doc(stmt("Get", "Allow", "s3:GetObject", "*"))], "resource": grant({"AWS": BOB})},
             request(), allow("identity[0]:Get"))
    scenario(f, "resource-deny-overrides-identity-allow", "an explicit Deny in the resource policy overrides an "
             "identity Allow", {"identity": [doc(ALLOW_ALL)],
                                "resource": doc(stmt("DenyAlice", "Deny", "s3:*", "*", Principal={"AWS": ALICE}))},
             request(), explicit("resource:DenyAlice"))
    scenario(f, "resource-deny-other-principal", "a resource-policy Deny naming bob does not apply to alice",
             {"identity": [doc(ALLOW_ALL)],
              "resource": doc(stmt("DenyBob", "Deny", "s3:*", "*", Principal={"AWS": BOB}))},
             request(), allow("identity[0]:AllowAll"))
    scenario(f, "resource-deny-with-condition", "the documented pattern: deny every principal over plain HTTP",
             {"identity": [doc(ALLOW_ALL)],
              "resource": doc(stmt("TlsOnly", "Deny", "s3:*", "*", {"Bool": {"aws:SecureTransport": "false"}},
                                   Principal="*"))},
             request(context={"aws:SecureTransport": "false"}), explicit("resource:TlsOnly"))
    scenario(f, "resource-deny-condition-false", "the TLS-only Deny does not apply over HTTPS",
             {"identity": [doc(ALLOW_ALL)],
              "resource": doc(stmt("TlsOnly", "Deny", "s3:*", "*", {"Bool": {"aws:SecureTransport": "false"}},
                                   Principal="*"))},
             request(context={"aws:SecureTransport": "true"}), allow("identity[0]:AllowAll"))
    scenario(f, "service-principal", "a resource policy naming a service principal grants to that service",
             {"resource": grant({"Service": "cloudtrail.amazonaws.com"}, action="s3:PutObject")},
             request("s3:PutObject", principal="cloudtrail.amazonaws.com"), allow("resource:Grant"))
    scenario(f, "service-principal-other", "a service principal not named gets no access; a service has no identity policies, so the resource-based policy is what did not allow",
             {"resource": grant({"Service": "cloudtrail.amazonaws.com"}, action="s3:PutObject")},
             request("s3:PutObject", principal="config.amazonaws.com"), implicit("resource-based policy"))
    scenario(f, "service-principal-with-source-account", "the confused-deputy pattern: a service grant with a "
             "condition on aws:SourceAccount", {"resource": grant({"Service": "cloudtrail.amazonaws.com"},
                                                                  action="s3:PutObject",
                                                                  cond={"StringEquals": {"aws:SourceAccount": ACCT}})},
             request("s3:PutObject", principal="cloudtrail.amazonaws.com", context={"aws:SourceAccount": OTHER}),
             implicit("resource-based policy"))
    scenario(f, "anonymous-principal-star", "Principal * includes anonymous callers",
             {"resource": grant("*")}, request(principal=""), allow("resource:Grant"))
    scenario(f, "anonymous-not-named", "an anonymous caller is named only by *; it has no identity policies, so the "
             "resource-based policy is what did not allow", {"resource": grant({"AWS": ALICE})}, request(principal=""),
             implicit("resource-based policy"))
    scenario(f, "canonical-user", "a CanonicalUser principal names that S3 canonical user",
             {"resource": grant({"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"})},
             request(principal="79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"),
             allow("resource:Grant"))
    scenario(f, "resource-policy-resource-mismatch", "the resource policy's Resource must match the request",
             {"resource": grant({"AWS": ALICE}, resource="arn:aws:s3:::bucket/public/*")}, request(), implicit())
    scenario(f, "resource-policy-action-mismatch", "the resource policy's Action must match the request",
             {"resource": grant({"AWS": ALICE}, action="s3:PutObject")}, request(), implicit())
    scenario(f, "principal-list", "a list of principals is OR-ed",
             {"resource": grant({"AWS": [BOB, ALICE]})}, request(), allow("resource:Grant"))
    fed = f"arn:aws:sts::{ACCT}:federated-user/dana"
    scenario(f, "federated-user-session-named", "GetFederationToken: a resource policy that names the federated "
             "user session in Principal gives the session the permissions it allows",
             {"resource": grant({"AWS": fed})}, request(principal=fed), allow("resource:Grant"))
    scenario(f, "federated-user-session-beyond-session-policy", "GetFederationToken: permissions a resource policy "
             "grants the federated user session are in addition to those of its session policies",
             {"identity": [doc(ALLOW_ALL)], "session": [doc(stmt("Ec2", "Allow", "ec2:*", "*"))],
              "resource": grant({"AWS": fed})}, request(principal=fed), allow("resource:Grant"))
    scenario(f, "federated-user-session-not-named", "GetFederationToken: the session policy does not allow and the "
             "resource policy names someone else", {"identity": [doc(ALLOW_ALL)],
                                                     "session": [doc(stmt("Ec2", "Allow", "ec2:*", "*"))],
                                                     "resource": grant({"AWS": ALICE})},
             request(principal=fed), implicit("session policy"))
    scenario(f, "resource-and-identity-both-reported", "when both the identity policy and a direct resource grant "
             "allow, both are reported", {"identity": [doc(stmt("Get", "Allow", "s3:GetObject", "*"))],
                                          "resource": grant({"AWS": ALICE})},
             request(), allow("identity[0]:Get", "resource:Grant"))


def trust_scenarios():
    f = "trust-policies"
    role = f"arn:aws:iam::{ACCT}:role/app"
    trust = lambda principal, action="sts:AssumeRole", cond=None: doc(
        {k: v for k, v in {"Sid": "Trust", "Effect": "Allow", "Principal": principal, "Action": action,
                           "Condition": cond}.items() if v is not None})
    scenario(f, "same-account-user-named", "a trust policy naming the user lets it assume the role without an "
             "identity policy (same account)", {"trust": trust({"AWS": ALICE})},
             request("sts:AssumeRole", role), allow("trust:Trust"))
    scenario(f, "same-account-root-named-needs-identity", "a trust policy naming the account delegates to identity "
             "policies: without one, implicit deny", {"trust": trust({"AWS": f"arn:aws:iam::{ACCT}:root"})},
             request("sts:AssumeRole", role), implicit())
    scenario(f, "same-account-root-named-with-identity", "a trust policy naming the account plus an identity Allow "
             "for sts:AssumeRole", {"identity": [doc(stmt("Assume", "Allow", "sts:AssumeRole", role))],
                                    "trust": trust({"AWS": f"arn:aws:iam::{ACCT}:root"})},
             request("sts:AssumeRole", role), allow("identity[0]:Assume"))
    scenario(f, "cross-account-account-named", "cross-account AssumeRole: the trust policy names the caller's "
             "account and the caller's identity policy allows",
             {"identity": [doc(stmt("Assume", "Allow", "sts:AssumeRole", role))], "trust": trust({"AWS": OTHER})},
             request("sts:AssumeRole", role, principal=EXT_USER, resourceAccount=ACCT),
             allow("identity[0]:Assume", "trust:Trust"))
    scenario(f, "cross-account-no-identity", "cross-account: the trust policy alone is not enough",
             {"trust": trust({"AWS": EXT_USER})},
             request("sts:AssumeRole", role, principal=EXT_USER, resourceAccount=ACCT), implicit())
    scenario(f, "cross-account-not-trusted", "cross-account: the identity policy allows but the trust policy does "
             "not name the caller", {"identity": [doc(stmt("Assume", "Allow", "sts:AssumeRole", "*"))],
                                     "trust": trust({"AWS": f"arn:aws:iam::{ACCT}:root"})},
             request("sts:AssumeRole", role, principal=EXT_USER, resourceAccount=ACCT),
             implicit("resource-based policy"))
    scenario(f, "external-id-condition", "the documented external-id pattern: sts:ExternalId must match",
             {"identity": [doc(stmt("Assume", "Allow", "sts:AssumeRole", "*"))],
              "trust": trust({"AWS": OTHER}, cond={"StringEquals": {"sts:ExternalId": "abc123"}})},
             request("sts:AssumeRole", role, principal=EXT_USER, resourceAccount=ACCT,
                     context={"sts:ExternalId": "abc123"}), allow("identity[0]:Assume", "trust:Trust"))
    scenario(f, "external-id-wrong", "a wrong sts:ExternalId fails the trust policy's condition",
             {"identity": [doc(stmt("Assume", "Allow", "sts:AssumeRole", "*"))],
              "trust": trust({"AWS": OTHER}, cond={"StringEquals": {"sts:ExternalId": "abc123"}})},
             request("sts:AssumeRole", role, principal=EXT_USER, resourceAccount=ACCT,
                     context={"sts:ExternalId": "zzz"}), implicit("resource-based policy"))
    scenario(f, "service-trust", "a service role: the trust policy names ec2.amazonaws.com",
             {"trust": trust({"Service": "ec2.amazonaws.com"})},
             request("sts:AssumeRole", role, principal="ec2.amazonaws.com"), allow("trust:Trust"))
    scenario(f, "service-trust-list", "Service may list several services",
             {"trust": trust({"Service": ["lambda.amazonaws.com", "ec2.amazonaws.com"]})},
             request("sts:AssumeRole", role, principal="ec2.amazonaws.com"), allow("trust:Trust"))
    oidc = f"arn:aws:iam::{ACCT}:oidc-provider/token.actions.githubusercontent.com"
    scenario(f, "web-identity", "AssumeRoleWithWebIdentity: the trust policy names the OIDC provider and checks the "
             "audience", {"trust": trust({"Federated": oidc}, "sts:AssumeRoleWithWebIdentity",
                                         {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}})},
             request("sts:AssumeRoleWithWebIdentity", role, principal=oidc,
                     context={"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}), allow("trust:Trust"))
    scenario(f, "web-identity-subject-like", "the documented GitHub pattern: StringLike on the subject claim",
             {"trust": trust({"Federated": oidc}, "sts:AssumeRoleWithWebIdentity",
                             {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:org/repo:*"}})},
             request("sts:AssumeRoleWithWebIdentity", role, principal=oidc,
                     context={"token.actions.githubusercontent.com:sub": "repo:org/other:ref:refs/heads/main"}),
             implicit("resource-based policy"))
    scenario(f, "cognito-federated", "a Federated principal may be a web identity provider name",
             {"trust": trust({"Federated": "cognito-identity.amazonaws.com"}, "sts:AssumeRoleWithWebIdentity")},
             request("sts:AssumeRoleWithWebIdentity", role, principal="cognito-identity.amazonaws.com"),
             allow("trust:Trust"))
    scenario(f, "wrong-action", "a trust policy allowing sts:AssumeRole does not allow sts:TagSession",
             {"trust": trust({"AWS": ALICE})}, request("sts:TagSession", role), implicit())
    scenario(f, "trust-action-list", "a trust policy may allow sts:AssumeRole and sts:TagSession together",
             {"trust": trust({"AWS": ALICE}, ["sts:AssumeRole", "sts:TagSession"])},
             request("sts:TagSession", role), allow("trust:Trust"))


def cross_account_scenarios():
    f = "cross-account"
    bucket = lambda principal, sid="Grant": doc(stmt(sid, "Allow", "s3:GetObject", "arn:aws:s3:::bucket/*",
                                                     Principal=principal))
    ident = doc(stmt("Get", "Allow", "s3:GetObject", "*"))
    ext = lambda **kw: request(principal=EXT_USER, resourceAccount=ACCT, **kw)
    scenario(f, "both-allow-account", "cross-account: the identity policy allows and the resource policy names "
             "the caller's account", {"identity": [ident], "resource": bucket({"AWS": OTHER})}, ext(),
             allow("identity[0]:Get", "resource:Grant"))
    scenario(f, "both-allow-user", "cross-account: the resource policy names the user",
             {"identity": [ident], "resource": bucket({"AWS": EXT_USER})}, ext(),
             allow("identity[0]:Get", "resource:Grant"))
    scenario(f, "no-resource-policy", "cross-account: without a resource policy the trusting account never "
             "allows", {"identity": [ident]}, ext(), implicit("resource-based policy"))
    scenario(f, "resource-only", "cross-account: a resource policy naming the user is not enough without an "
             "identity policy in the caller's account", {"resource": bucket({"AWS": EXT_USER})}, ext(), implicit())
    scenario(f, "resource-names-other-account", "cross-account: the resource policy names only its own account",
             {"identity": [ident], "resource": bucket({"AWS": ACCT})}, ext(), implicit("resource-based policy"))
    scenario(f, "resource-star", "cross-account: Principal * in the resource policy plus an identity Allow",
             {"identity": [ident], "resource": bucket("*")}, ext(), allow("identity[0]:Get", "resource:Grant"))
    scenario(f, "resource-deny", "cross-account: an explicit Deny in the resource policy denies",
             {"identity": [ident], "resource": doc(stmt("Grant", "Allow", "s3:*", "*", Principal="*"),
                                                   stmt("NoGet", "Deny", "s3:GetObject", "*", Principal={"AWS": OTHER}))},
             ext(), explicit("resource:NoGet"))
    scenario(f, "identity-deny", "cross-account: an explicit Deny in the caller's identity policy denies",
             {"identity": [doc(ALLOW_ALL, stmt("NoS3", "Deny", "s3:*", "*"))], "resource": bucket("*")}, ext(),
             explicit("identity[0]:NoS3"))
    scenario(f, "boundary-limits", "cross-account: the caller's boundary must also allow",
             {"identity": [ident], "permissionBoundary": doc(stmt("Ec2", "Allow", "ec2:*", "*")),
              "resource": bucket({"AWS": EXT_USER})}, ext(), implicit("permissions boundary"))
    scenario(f, "session-limits", "cross-account: the caller's session policy must also allow",
             {"identity": [ident], "session": [doc(stmt("Ec2", "Allow", "ec2:*", "*"))],
              "resource": bucket({"AWS": EXT_ROLE})},
             request(principal=EXT_SESSION, resourceAccount=ACCT), implicit("session policy"))
    scenario(f, "role-session-by-role-arn", "cross-account: a resource policy naming the caller's role names its "
             "sessions", {"identity": [ident], "resource": bucket({"AWS": EXT_ROLE})},
             request(principal=EXT_SESSION, resourceAccount=ACCT), allow("identity[0]:Get", "resource:Grant"))
    scenario(f, "same-account-given-explicitly", "a resource account equal to the caller's is not cross-account: "
             "the resource policy naming the user grants alone", {"resource": bucket({"AWS": ALICE})},
             request(resourceAccount=ACCT), allow("resource:Grant"))
    scenario(f, "resource-condition-principal-org", "cross-account with a condition on aws:PrincipalOrgID",
             {"identity": [ident], "resource": doc(stmt("Org", "Allow", "s3:GetObject", "*",
                                                        {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}},
                                                        Principal="*"))},
             ext(context={"aws:PrincipalOrgID": "o-xyz"}), implicit("resource-based policy"))
    scenario(f, "identity-missing-resource-ok", "cross-account: the resource side allows but the identity side "
             "does not: AWS names the identity-based policy", {"identity": [doc(stmt("Put", "Allow", "s3:PutObject", "*"))],
                                                               "resource": bucket("*")}, ext(), implicit())


def documented_example_scenarios():
    f = "documented-examples"
    mfa = doc(ALLOW_ALL, stmt("DenyWithoutMfa", "Deny", "*", "*",
                             {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}))
    scenario(f, "mfa-deny-false", "AWS's MFA example: Deny with BoolIfExists aws:MultiFactorAuthPresent false "
             "denies a session authenticated without MFA", {"identity": [mfa]},
             request(context={"aws:MultiFactorAuthPresent": "false"}), explicit("identity[0]:DenyWithoutMfa"))
    scenario(f, "mfa-deny-missing", "AWS's MFA example: with long-term access keys the key is absent, and "
             "BoolIfExists is true, so the Deny applies", {"identity": [mfa]}, request(),
             explicit("identity[0]:DenyWithoutMfa"))
    scenario(f, "mfa-allow-true", "AWS's MFA example: with MFA the Deny's condition is false",
             {"identity": [mfa]}, request(context={"aws:MultiFactorAuthPresent": "true"}),
             allow("identity[0]:AllowAll"))
    regions = doc(ALLOW_ALL, stmt("DenyOtherRegions", "Deny", None, "*",
                                  {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}},
                                  NotAction=["iam:*", "sts:*", "organizations:*"]))
    ec2 = f"arn:aws:ec2:us-east-1:{ACCT}:instance/i-1"
    scenario(f, "region-deny-outside", "AWS's region-restriction example: ec2 in us-east-1 is denied",
             {"identity": [regions]}, request("ec2:RunInstances", ec2, context={"aws:RequestedRegion": "us-east-1"}),
             explicit("identity[0]:DenyOtherRegions"))
    scenario(f, "region-allow-inside", "AWS's region-restriction example: ec2 in eu-west-1 is allowed",
             {"identity": [regions]}, request("ec2:RunInstances", ec2, context={"aws:RequestedRegion": "eu-west-1"}),
             allow("identity[0]:AllowAll"))
    scenario(f, "region-global-service-exempt", "AWS's region-restriction example: NotAction exempts global "
             "services such as IAM", {"identity": [regions]},
             request("iam:CreateUser", f"arn:aws:iam::{ACCT}:user/x", context={"aws:RequestedRegion": "us-east-1"}),
             allow("identity[0]:AllowAll"))
    creds = doc(stmt("OwnCredentials", "Allow", ["iam:ChangePassword", "iam:CreateAccessKey", "iam:GetUser"],
                     "arn:aws:iam::*:user/${aws:username}"))
    scenario(f, "own-credentials", "AWS's manage-your-own-credentials example: alice may change her own password",
             {"identity": [creds]}, request("iam:ChangePassword", ALICE, context={"aws:username": "alice"}),
             allow("identity[0]:OwnCredentials"))
    scenario(f, "other-users-credentials", "AWS's manage-your-own-credentials example: not bob's",
             {"identity": [creds]}, request("iam:CreateAccessKey", BOB, context={"aws:username": "alice"}), implicit())
    abac = doc(stmt("SameTeam", "Allow", ["ec2:StartInstances", "ec2:StopInstances"], "*",
                    {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}))
    scenario(f, "abac-same-team", "AWS's ABAC example: the instance's team tag equals the principal's",
             {"identity": [abac]}, request("ec2:StartInstances", ec2, context={"aws:ResourceTag/team": "web",
                                                                                "aws:PrincipalTag/team": "web"}),
             allow("identity[0]:SameTeam"))
    scenario(f, "abac-other-team", "AWS's ABAC example: another team's instance",
             {"identity": [abac]}, request("ec2:StartInstances", ec2, context={"aws:ResourceTag/team": "data",
                                                                                "aws:PrincipalTag/team": "web"}),
             implicit())
    scenario(f, "abac-untagged-resource", "AWS's ABAC example: an untagged instance (key missing) is not allowed",
             {"identity": [abac]}, request("ec2:StartInstances", ec2, context={"aws:PrincipalTag/team": "web"}),
             implicit())
    home = doc(stmt("ListHome", "Allow", "s3:ListBucket", "arn:aws:s3:::bucket",
                    {"StringLike": {"s3:prefix": ["", "home/", "home/${aws:username}/*"]}}))
    scenario(f, "s3-home-root-listing", "AWS's S3 home-folder example: listing the bucket root (empty prefix) is "
             "allowed by the empty-string value", {"identity": [home]},
             request("s3:ListBucket", "arn:aws:s3:::bucket", context={"s3:prefix": "", "aws:username": "alice"}),
             allow("identity[0]:ListHome"))
    scenario(f, "s3-home-own-folder", "AWS's S3 home-folder example: alice lists her own folder",
             {"identity": [home]}, request("s3:ListBucket", "arn:aws:s3:::bucket",
                                           context={"s3:prefix": "home/alice/docs", "aws:username": "alice"}),
             allow("identity[0]:ListHome"))
    scenario(f, "s3-home-other-folder", "AWS's S3 home-folder example: not bob's folder",
             {"identity": [home]}, request("s3:ListBucket", "arn:aws:s3:::bucket",
                                           context={"s3:prefix": "home/bob/", "aws:username": "alice"}), implicit())
    vpce = {"identity": [doc(ALLOW_ALL)],
            "resource": doc(stmt("OnlyFromVpce", "Deny", "s3:*", "*",
                                 {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}, Principal="*"))}
    scenario(f, "vpce-missing", "AWS's VPC-endpoint bucket policy: a request not through an endpoint has no "
             "aws:SourceVpce, StringNotEquals is true for a missing key, so the Deny applies", vpce, request(),
             explicit("resource:OnlyFromVpce"))
    scenario(f, "vpce-right-endpoint", "AWS's VPC-endpoint bucket policy: through the named endpoint the Deny "
             "does not apply", vpce, request(context={"aws:SourceVpce": "vpce-1a2b3c4d"}),
             allow("identity[0]:AllowAll"))
    window = doc(stmt("Window", "Allow", "s3:GetObject", "*",
                      {"DateGreaterThan": {"aws:CurrentTime": "2020-04-01T00:00:00Z"},
                       "DateLessThan": {"aws:CurrentTime": "2020-06-30T23:59:59Z"}}))
    scenario(f, "time-window-inside", "AWS's date-range example: inside the window both date conditions hold",
             {"identity": [window]}, request(context={"aws:CurrentTime": "2020-05-15T12:00:00Z"}),
             allow("identity[0]:Window"))
    scenario(f, "time-window-after", "AWS's date-range example: after the window DateLessThan fails",
             {"identity": [window]}, request(context={"aws:CurrentTime": "2020-07-01T00:00:00Z"}), implicit())


def main():
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    operator_scenarios()
    extra_operator_scenarios()
    null_scenarios()
    set_scenarios()
    variable_scenarios()
    wildcard_scenarios()
    not_scenarios()
    evaluation_scenarios()
    boundary_scenarios()
    session_scenarios()
    resource_scenarios()
    trust_scenarios()
    cross_account_scenarios()
    documented_example_scenarios()
    total = sum(written.values())
    print(f"{total} scenarios: " + ", ".join(f"{k} {v}" for k, v in written.items()))


if __name__ == "__main__":
    main()
