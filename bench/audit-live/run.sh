#!/usr/bin/env bash
# Live audit records under a steady load (bench/src/main/java/dev/openiam/bench/audit/AuditLiveLoad.java), with the
# whole system of deploy/local/iam-local on this machine: records published to iam.audit.v1 at RATE per second for
# SECONDS while SUBSCRIBERS read GET /v1/events/stream and a prober asks LookupEvents for the newest record. Prints one
# JSON line per rate and round: delivery latency to the subscribers, publish → visible in LookupEvents.
#
#   bench/audit-live/run.sh
#
# Environment: RATES="1000 2500 5000", SECONDS=20, SUBSCRIBERS=100, ROUNDS=1, SKIP_BUILD=1 (reuse this tree's build).
# Ports (127.0.0.1): PostgreSQL 46432, Kafka 49192/49193, services 48181–48184 (metrics 49181–49184).
# State and output: bench/target/audit-live/{home,results.jsonl}.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
RATES=${RATES:-1000 2500 5000}
SECONDS_EACH=${SECONDS:-20}
SUBSCRIBERS=${SUBSCRIBERS:-100}
ROUNDS=${ROUNDS:-1}
OUT=$REPO/bench/target/audit-live
mkdir -p "$OUT"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q package -DskipTests -pl identity-service,policy-service,sts-service,audit-service,deploy/local,bench -am
fi
[[ -f bench/target/runtime-classpath.txt ]] || { echo "bench is not built (run without SKIP_BUILD)" >&2; exit 1; }
CP="$REPO/bench/target/classes:$(cat bench/target/runtime-classpath.txt)"

export IAM_HOME=$OUT/home IAM_PG_PORT=46432 IAM_KAFKA_PORT=49192 IAM_KAFKA_CONTROLLER_PORT=49193
export IAM_IDENTITY_PORT=48181 IAM_POLICY_PORT=48182 IAM_STS_PORT=48183 IAM_AUDIT_PORT=48184 IAM_START_TIMEOUT=${IAM_START_TIMEOUT:-400}
trap 'deploy/local/iam-local stop >/dev/null 2>&1 || true' EXIT
deploy/local/iam-local start >"$OUT/start.log" 2>&1 || { cat "$OUT/start.log" >&2; exit 1; }

load() { java -Xms512m -Xmx1g -cp "$CP" dev.openiam.bench.audit.AuditLiveLoad "$IAM_HOME/local.env" "127.0.0.1:$IAM_KAFKA_PORT" \
  "$1" "$SECONDS_EACH" "$SUBSCRIBERS" 2>"$OUT/load.err" | grep '^{'; }

echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {print int($2/1048576) " GB"}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); tree $(git rev-parse --short HEAD)"
java -cp "$CP" dev.openiam.bench.audit.AuditLiveLoad "$IAM_HOME/local.env" "127.0.0.1:$IAM_KAFKA_PORT" 500 5 1 >/dev/null 2>&1 || true
: >"$OUT/results.jsonl"
for (( round = 1; round <= ROUNDS; round++ )); do
  for rate in $RATES; do
    line=$(load "$rate")
    echo "$line" | tee -a "$OUT/results.jsonl"
    echo "  load after rate $rate: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
