#!/usr/bin/env bash
# sts-service's metadata endpoints under load (MetadataLoad): a workload's credential fetch at the IMDSv2-compatible
# endpoint (cached credentials: what SDKs fetch between refreshes), a whole IMDSv2 refresh (token, role name,
# credentials), the container credentials endpoint, and as the same run's baseline GET /q/health/live of the same
# service. Every fetch also writes its audit record. One system (identity, policy, sts) on its own ports, a role and
# instance profile made with the AWS CLI, two workloads registered with `iam-local workload add`; ROUNDS rounds.
#
#   bench/metadata/run.sh
#
# Environment: ROUNDS=3, REQUESTS=2000, WARMUP=2000, CONCURRENCY=1,4,16, SKIP_BUILD=1.
# Ports: PostgreSQL 47432, Kafka 49292/49293, identity 48281, policy 48282, sts 48283.
# Output: bench/target/metadata/{results.jsonl,home/logs}.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
ROUNDS=${ROUNDS:-3}
REQUESTS=${REQUESTS:-2000}
WARMUP=${WARMUP:-2000}
CONCURRENCY=${CONCURRENCY:-1,4,16}
OUT=$REPO/bench/target/metadata
RESULTS=$OUT/results.jsonl
mkdir -p "$OUT"
rev="$(git rev-parse --short HEAD)"
[[ -z "$(git status --porcelain --untracked-files=no)" ]] || rev="$rev+uncommitted"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q package -DskipTests -pl identity-service,policy-service,sts-service,deploy/local,bench -am
fi
[[ -f bench/target/runtime-classpath.txt ]] || { echo "bench is not built (run without SKIP_BUILD)" >&2; exit 1; }
CP="$REPO/bench/target/classes:$(cat bench/target/runtime-classpath.txt)"

iam_local() {
  env -u DB_URL -u DB_USER -u DB_PASSWORD -u KAFKA_BOOTSTRAP_SERVERS -u IAM_SERVICE_JAVA_OPTS IAM_SERVICES="identity policy sts" \
    IAM_HOME="$OUT/home" IAM_PG_PORT=47432 IAM_KAFKA_PORT=49292 IAM_KAFKA_CONTROLLER_PORT=49293 \
    IAM_IDENTITY_PORT=48281 IAM_POLICY_PORT=48282 IAM_STS_PORT=48283 \
    bash "$REPO/deploy/local/iam-local" "$@"
}
trap 'iam_local stop >>"$OUT/iam-local.log" 2>&1 || true' EXIT
iam_local stop >>"$OUT/iam-local.log" 2>&1 || true
rm -rf "$OUT/home" "$RESULTS" "$OUT/iam-local.log"
echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
echo "tree $rev; $ROUNDS rounds; concurrency $CONCURRENCY; warm-up $WARMUP; $REQUESTS calls per operation and concurrency"
iam_local start >>"$OUT/iam-local.log" 2>&1 || { tail -n 40 "$OUT/iam-local.log" >&2; exit 1; }

aws_cli() { ( set -a; . "$OUT/home/local.env"; set +a; HOME="$OUT" /usr/bin/aws --endpoint-url "$IAM_ENDPOINT" "$@" >/dev/null ); }
trust() { printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},"Action":"sts:AssumeRole"}]}' "$1"; }
aws_cli iam create-role --role-name bench-ec2 --assume-role-policy-document "$(trust ec2.amazonaws.com)"
aws_cli iam create-instance-profile --instance-profile-name bench-profile
aws_cli iam add-role-to-instance-profile --instance-profile-name bench-profile --role-name bench-ec2
aws_cli iam create-role --role-name bench-ecs --assume-role-policy-document "$(trust ecs-tasks.amazonaws.com)"
iam_local workload add --instance-profile bench-profile >"$OUT/imds.env"
iam_local workload add --role bench-ecs >"$OUT/container.env"
STS="$(grep '^STS_ENDPOINT=' "$OUT/home/local.env" | cut -d= -f2-)"

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round/$ROUNDS, $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg)"
  java -Xms256m -Xmx256m -cp "$CP" dev.openiam.bench.metadata.MetadataLoad --imds "$OUT/imds.env" --container "$OUT/container.env" \
      --sts "$STS" --requests "$REQUESTS" --warmup "$WARMUP" --concurrency "$CONCURRENCY" --round "$round" --rev "$rev" \
      --json "$RESULTS"
done
echo "machine at the end: load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JSON lines: $RESULTS; logs: $OUT/home/logs"
