#!/usr/bin/env bash
# sts-service under load from the unchanged AWS SDK for Java v2 (QueryApiLoad's STS operations): AssumeRole (an IAM
# user assuming a role that trusts it: a role lookup at identity-service and a decision at policy-service per call),
# and as baselines of the same service in the same run GetCallerIdentity signed with the user's long-term key (one hop
# to identity-service to check the signature) and with temporary credentials (checked offline). One system (all
# services) on its own ports, ROUNDS rounds; per round and operation count, p50/p90/p99, throughput and CPU per call.
#
#   bench/sts-api/run.sh
#
# Environment: ROUNDS=3, REQUESTS=2000, WARMUP=3000, REWARMUP=200, CONCURRENCY=1,4,16, SKIP_BUILD=1,
# OPS=AssumeRole,GetCallerIdentity,SessionGetCallerIdentity (fewer: a profile of one operation alone).
# Ports: PostgreSQL 37432, Kafka 39292/39293, identity 38281, policy 38282, sts 38283.
# Output: bench/target/sts-api/{results.jsonl,summary.md,home/logs}.
set -euo pipefail
. "$(dirname "$0")/../lib/system.sh"
ROUNDS=${ROUNDS:-3}
REQUESTS=${REQUESTS:-2000}
WARMUP=${WARMUP:-3000}
REWARMUP=${REWARMUP:-200}
CONCURRENCY=${CONCURRENCY:-1,4,16}
OPS=${OPS:-AssumeRole,GetCallerIdentity,SessionGetCallerIdentity}
bench_setup sts-api identity-service,policy-service,sts-service
RESULTS=$OUT/results.jsonl
BENCH_SERVICES="identity policy sts" BENCH_PORTS="37432 39292 38280"
rm -f "$RESULTS"
machine_line
echo "$ROUNDS rounds; concurrency $CONCURRENCY; warm-up $WARMUP, $REWARMUP per phase; $REQUESTS calls per operation and concurrency"
iam_system_up
sleep 3
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round/$ROUNDS, $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg)"
  java -Xms256m -Xmx256m -cp "$CP" dev.openiam.bench.queryapi.QueryApiLoad --env "$OUT/home/local.env" \
      --label sts --round "$round" --rev "$rev" --concurrency "$CONCURRENCY" --warmup "$WARMUP" --rewarmup "$REWARMUP" \
      --requests "$REQUESTS" --ops "$OPS" --json "$RESULTS" | grep -v '^{'
done
echo "machine at the end: load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JSON lines: $RESULTS; logs: $OUT/home/logs"
