#!/usr/bin/env bash
# The IAM Query API front door under load from the unchanged AWS SDK for Java v2 (QueryApiLoad), every call
# SigV4-signed and made by an IAM user whose calls policy-service decides: CreateUser (with its DeleteUser), GetUser and
# AttachUserPolicy (with its DetachUserPolicy), beside the same service's trivial endpoint (GET /q/health/live, through
# the same HTTP client) measured in the same run. One system (identity- and policy-service) on its own ports, ROUNDS
# rounds with the operations' order reversed every other round (a load that rises or falls during the run then weighs on
# the trivial endpoint and the IAM calls alike); per round and operation: throughput, p50/p90/p99, CPU per call.
#
#   bench/front-door/run.sh
#
# Environment: ROUNDS=3, REQUESTS=1000, WARMUP=1500, REWARMUP=100, CONCURRENCY=1,16, SKIP_BUILD=1,
# BENCH_SERVICE_JAVA_OPTS (the services' JVM options, bench/lib/system.sh), PORT_OFFSET (added to every port, and the
# output in bench/target/front-door<offset>: two systems side by side, e.g. one at other JVM options, PORT_OFFSET=1000).
# Ports: PostgreSQL 37532, Kafka 39392/39393, identity 38381, policy 38382.
# Output: bench/target/front-door/{results.jsonl,home/logs}.
set -euo pipefail
. "$(dirname "$0")/../lib/system.sh"
ROUNDS=${ROUNDS:-3}
REQUESTS=${REQUESTS:-1000}
WARMUP=${WARMUP:-1500}
REWARMUP=${REWARMUP:-100}
CONCURRENCY=${CONCURRENCY:-1,16}
PORT_OFFSET=${PORT_OFFSET:-0}
bench_setup "front-door${PORT_OFFSET#0}" identity-service,policy-service
RESULTS=$OUT/results.jsonl
BENCH_SERVICES="identity policy" BENCH_PORTS="$((37532 + PORT_OFFSET)) $((39392 + PORT_OFFSET)) $((38380 + PORT_OFFSET))"
rm -f "$RESULTS"
machine_line
echo "$ROUNDS rounds; concurrency $CONCURRENCY; warm-up $WARMUP, $REWARMUP per phase; $REQUESTS calls per operation and concurrency"
iam_system_up
sleep 3
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 == 1 )); then ops=HealthLive,GetUser,CreateUser,AttachUserPolicy; else ops=AttachUserPolicy,CreateUser,GetUser,HealthLive; fi
  echo "== round $round/$ROUNDS ($ops), $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg)"
  java -Xms256m -Xmx256m -cp "$CP" dev.openiam.bench.queryapi.QueryApiLoad --env "$OUT/home/local.env" \
      --label front-door --round "$round" --rev "$rev" --concurrency "$CONCURRENCY" --warmup "$WARMUP" --rewarmup "$REWARMUP" \
      --requests "$REQUESTS" --ops "$ops" --json "$RESULTS" | grep -v '^{'
done
echo "machine at the end: load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JSON lines: $RESULTS; logs: $OUT/home/logs"
