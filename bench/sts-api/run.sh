#!/usr/bin/env bash
# sts-service under load from the unchanged AWS SDK for Java v2 (QueryApiLoad's STS operations): AssumeRole (an IAM
# user assuming a role that trusts it: a role lookup at identity-service and a decision at policy-service per call),
# and as baselines of the same service in the same run GetCallerIdentity signed with the user's long-term key (one hop
# to identity-service to check the signature) and with temporary credentials (checked offline). One system (all
# services) on its own ports, ROUNDS rounds; per round and operation count, p50/p90/p99, throughput and CPU per call.
#
#   bench/sts-api/run.sh
#
# Environment: ROUNDS=3, REQUESTS=2000, WARMUP=3000, REWARMUP=200, CONCURRENCY=1,4,16, SKIP_BUILD=1.
# Ports: PostgreSQL 37432, Kafka 39292/39293, identity 38281, policy 38282, sts 38283.
# Output: bench/target/sts-api/{results.jsonl,summary.md,home/logs}.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
ROUNDS=${ROUNDS:-3}
REQUESTS=${REQUESTS:-2000}
WARMUP=${WARMUP:-3000}
REWARMUP=${REWARMUP:-200}
CONCURRENCY=${CONCURRENCY:-1,4,16}
OUT=$REPO/bench/target/sts-api
RESULTS=$OUT/results.jsonl
mkdir -p "$OUT"
rev="$(git rev-parse --short HEAD)"
[[ -z "$(git status --porcelain --untracked-files=no)" ]] || rev="$rev+uncommitted"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q package -DskipTests -pl identity-service,policy-service,sts-service,deploy/local,bench -am
fi
[[ -f bench/target/runtime-classpath.txt ]] || { echo "bench is not built (run without SKIP_BUILD)" >&2; exit 1; }
CP="$REPO/bench/target/classes:$(cat bench/target/runtime-classpath.txt)"

system() {
  env -u DB_URL -u DB_USER -u DB_PASSWORD -u KAFKA_BOOTSTRAP_SERVERS -u IAM_SERVICE_JAVA_OPTS IAM_SERVICES="identity policy sts" \
    IAM_HOME="$OUT/home" IAM_PG_PORT=37432 IAM_KAFKA_PORT=39292 IAM_KAFKA_CONTROLLER_PORT=39293 \
    IAM_IDENTITY_PORT=38281 IAM_POLICY_PORT=38282 IAM_STS_PORT=38283 \
    bash "$REPO/deploy/local/iam-local" "$1" >>"$OUT/iam-local.log" 2>&1
}
trap 'system stop || true' EXIT
system stop || true
rm -rf "$OUT/home" "$RESULTS" "$OUT/iam-local.log"
echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
echo "tree $rev; $ROUNDS rounds; concurrency $CONCURRENCY; warm-up $WARMUP, $REWARMUP per phase; $REQUESTS calls per operation and concurrency"
system start || { tail -n 40 "$OUT/iam-local.log" >&2; exit 1; }
sleep 3
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round/$ROUNDS, $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg)"
  java -Xms256m -Xmx256m -cp "$CP" dev.openiam.bench.queryapi.QueryApiLoad --env "$OUT/home/local.env" \
      --label sts --round "$round" --rev "$rev" --concurrency "$CONCURRENCY" --warmup "$WARMUP" --rewarmup "$REWARMUP" \
      --requests "$REQUESTS" --ops AssumeRole,GetCallerIdentity,SessionGetCallerIdentity --json "$RESULTS" | grep -v '^{'
done
echo "machine at the end: load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JSON lines: $RESULTS; logs: $OUT/home/logs"
