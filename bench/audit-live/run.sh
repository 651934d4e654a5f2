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
. "$(dirname "$0")/../lib/system.sh"
RATES=${RATES:-1000 2500 5000}
SECONDS_EACH=${SECONDS:-20}
SUBSCRIBERS=${SUBSCRIBERS:-100}
ROUNDS=${ROUNDS:-1}
bench_setup audit-live identity-service,policy-service,sts-service,audit-service
BENCH_SERVICES="identity policy sts audit" BENCH_PORTS="46432 49192 48180"
IAM_HOME=$OUT/home IAM_KAFKA_PORT=49192
iam_system_up

load() { java -Xms512m -Xmx1g -cp "$CP" dev.openiam.bench.audit.AuditLiveLoad "$IAM_HOME/local.env" "127.0.0.1:$IAM_KAFKA_PORT" \
  "$1" "$SECONDS_EACH" "$SUBSCRIBERS" 2>"$OUT/load.err" | grep '^{'; }

machine_line
java -cp "$CP" dev.openiam.bench.audit.AuditLiveLoad "$IAM_HOME/local.env" "127.0.0.1:$IAM_KAFKA_PORT" 500 5 1 >/dev/null 2>&1 || true
: >"$OUT/results.jsonl"
for (( round = 1; round <= ROUNDS; round++ )); do
  for rate in $RATES; do
    line=$(load "$rate")
    echo "$line" | tee -a "$OUT/results.jsonl"
    echo "  load after rate $rate: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
