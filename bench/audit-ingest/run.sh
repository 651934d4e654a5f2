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
. "$(dirname "$0")/../lib/system.sh"
RECORDS=${RECORDS:-100000}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-20000}
bench_setup audit-ingest identity-service,policy-service,sts-service,audit-service
BENCH_SERVICES="identity policy sts audit" BENCH_PORTS="45432 49092 48080"
IAM_KAFKA_PORT=49092 IAM_AUDIT_PORT=48084
iam_system_up

load() { java -Xms512m -Xmx1g -cp "$CP" dev.openiam.bench.audit.AuditIngestLoad "127.0.0.1:$IAM_KAFKA_PORT" \
  "http://127.0.0.1:$((IAM_AUDIT_PORT + 1000))/q/metrics" "$1" 2>/dev/null | grep '^{'; }

machine_line
load "$WARMUP" >/dev/null
: >"$OUT/results.jsonl"
for (( round = 1; round <= ROUNDS; round++ )); do
  line=$(load "$RECORDS")
  echo "$line" | tee -a "$OUT/results.jsonl"
  echo "  load after round $round: $(cut -d' ' -f1-3 /proc/loadavg)"
done
