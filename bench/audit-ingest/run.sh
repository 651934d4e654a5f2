#!/usr/bin/env bash
# Sustained ingest of audit-service: records published to iam.audit.v1 (by one producer, as fast as it goes) until
# stored in PostgreSQL, with the whole system of deploy/local/iam-local running on this machine
# (bench/src/main/java/dev/openiam/bench/audit/AuditIngestLoad.java). Prints one JSON line per round and the machine.
#
#   bench/audit-ingest/run.sh
#
# Environment: RECORDS=100000 (per round), ROUNDS=3, WARMUP=20000 (records before the first round, not reported),
# SKIP_BUILD=1 (reuse this tree's build). Ports (127.0.0.1): PostgreSQL 45432, Kafka 49092/49093, services
# 48081–48084 (metrics 49081–49084). State and output: bench/target/audit-ingest/{home,results.jsonl}.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
RECORDS=${RECORDS:-100000}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-20000}
OUT=$REPO/bench/target/audit-ingest
mkdir -p "$OUT"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q package -DskipTests -pl identity-service,policy-service,sts-service,audit-service,deploy/local,bench -am
fi
[[ -f bench/target/runtime-classpath.txt ]] || { echo "bench is not built (run without SKIP_BUILD)" >&2; exit 1; }
CP="$REPO/bench/target/classes:$(cat bench/target/runtime-classpath.txt)"

export IAM_HOME=$OUT/home IAM_PG_PORT=45432 IAM_KAFKA_PORT=49092 IAM_KAFKA_CONTROLLER_PORT=49093
export IAM_IDENTITY_PORT=48081 IAM_POLICY_PORT=48082 IAM_STS_PORT=48083 IAM_AUDIT_PORT=48084 IAM_START_TIMEOUT=${IAM_START_TIMEOUT:-400}
trap 'deploy/local/iam-local stop >/dev/null 2>&1 || true' EXIT
deploy/local/iam-local start >"$OUT/start.log" 2>&1 || { cat "$OUT/start.log" >&2; exit 1; }

load() { java -Xms512m -Xmx1g -cp "$CP" dev.openiam.bench.audit.AuditIngestLoad "127.0.0.1:$IAM_KAFKA_PORT" \
  "http://127.0.0.1:$((IAM_AUDIT_PORT + 1000))/q/metrics" "$1" 2>/dev/null | grep '^{'; }

echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {print int($2/1048576) " GB"}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); tree $(git rev-parse --short HEAD)"
load "$WARMUP" >/dev/null
: >"$OUT/results.jsonl"
for (( round = 1; round <= ROUNDS; round++ )); do
  line=$(load "$RECORDS")
  echo "$line" | tee -a "$OUT/results.jsonl"
  echo "  load after round $round: $(cut -d' ' -f1-3 /proc/loadavg)"
done
