#!/usr/bin/env bash
# Live audit records under a steady load (bench/src/main/java/dev/openiam/bench/audit/AuditLiveLoad.java), with the
# whole system of deploy/local/iam-local on this machine: records published to iam.audit.v1 at RATE per second for
# DURATION seconds while a prober asks LookupEvents for the newest record, and SUBSCRIBERS read GET /v1/events/stream from a JVM
# of their own (AuditStreamSubscribers.java). Prints one JSON line per rate and round: publish → visible in
# LookupEvents, delivery latency to the subscribers.
#
#   bench/audit-live/run.sh
#
# Environment: RATES="1000 2500 5000", DURATION=20 (seconds per rate; not SECONDS, which bash keeps for itself), WARMUP=15
# (seconds published at the rate before those, unsampled: the load JVM's own start made its first ~10 s late), SUBSCRIBERS=100 (0: LookupEvents
# visibility alone, no stream open), ROUNDS=1, SKIP_BUILD=1 (reuse this tree's build).
# Ports (127.0.0.1): PostgreSQL 46432, Kafka 49192/49193, services 48181–48184 (metrics 49181–49184).
# State and output: bench/target/audit-live/{home,results.jsonl}.
set -euo pipefail
. "$(dirname "$0")/../lib/system.sh"
RATES=${RATES:-1000 2500 5000}
SECONDS_EACH=${DURATION:-20}
WARMUP_EACH=${WARMUP:-15}
SUBSCRIBERS=${SUBSCRIBERS:-100}
ROUNDS=${ROUNDS:-1}
bench_setup audit-live identity-service,policy-service,sts-service,audit-service
BENCH_SERVICES="identity policy sts audit" BENCH_PORTS="46432 49192 48180"
IAM_HOME=$OUT/home IAM_KAFKA_PORT=49192
iam_system_up

# one rate: the subscribers' JVM opens its streams, then the producer's runs; one line of both JVMs' figures
load() {
  local rate=$1 subscribers_out="$OUT/subscribers.out"
  if (( SUBSCRIBERS == 0 )); then
    java -Xms512m -Xmx1g -cp "$CP" dev.openiam.bench.audit.AuditLiveLoad "$IAM_HOME/local.env" "127.0.0.1:$IAM_KAFKA_PORT" "$rate" \
      "$SECONDS_EACH" "$WARMUP_EACH" 2>"$OUT/load.err" | grep '^{'
    return
  fi
  java -Xms256m -Xmx512m -cp "$CP" dev.openiam.bench.audit.AuditStreamSubscribers "$IAM_HOME/local.env" "$SUBSCRIBERS" \
    $((rate * (SECONDS_EACH + WARMUP_EACH))) >"$subscribers_out" 2>"$OUT/subscribers.err" &
  local subscribers_pid=$!
  until grep -q '^ready' "$subscribers_out" 2>/dev/null; do
    kill -0 "$subscribers_pid" 2>/dev/null || { cat "$OUT/subscribers.err" >&2; return 1; }
    sleep 0.2
  done
  local producer
  producer=$(java -Xms512m -Xmx1g -cp "$CP" dev.openiam.bench.audit.AuditLiveLoad "$IAM_HOME/local.env" \
    "127.0.0.1:$IAM_KAFKA_PORT" "$rate" "$SECONDS_EACH" "$WARMUP_EACH" 2>"$OUT/load.err" | grep '^{')
  wait "$subscribers_pid"
  jq -c -s add <(echo "$producer") <(grep '^{' "$subscribers_out")
}

machine_line
java -cp "$CP" dev.openiam.bench.audit.AuditLiveLoad "$IAM_HOME/local.env" "127.0.0.1:$IAM_KAFKA_PORT" 500 5 >/dev/null 2>&1 || true
: >"$OUT/results.jsonl"
for (( round = 1; round <= ROUNDS; round++ )); do
  for rate in $RATES; do
    line=$(load "$rate")
    echo "$line" | tee -a "$OUT/results.jsonl"
    echo "  load after rate $rate: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
