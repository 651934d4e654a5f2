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
# Ports: PostgreSQL 47632 (47432 is the footprint run's), Kafka 49292/49293, identity 48281, policy 48282, sts 48283.
# Output: bench/target/metadata/{results.jsonl,home/logs}.
set -euo pipefail
. "$(dirname "$0")/../lib/system.sh"
ROUNDS=${ROUNDS:-3}
REQUESTS=${REQUESTS:-2000}
WARMUP=${WARMUP:-2000}
CONCURRENCY=${CONCURRENCY:-1,4,16}
bench_setup metadata identity-service,policy-service,sts-service
RESULTS=$OUT/results.jsonl
BENCH_SERVICES="identity policy sts" BENCH_PORTS="47632 49292 48280"
rm -f "$RESULTS"
machine_line
echo "$ROUNDS rounds; concurrency $CONCURRENCY; warm-up $WARMUP; $REQUESTS calls per operation and concurrency"
iam_system_up

aws_cli() { ( set -a; . "$OUT/home/local.env"; set +a; HOME="$OUT" /usr/bin/aws --endpoint-url "$IAM_ENDPOINT" "$@" >/dev/null ); }
trust() { printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},"Action":"sts:AssumeRole"}]}' "$1"; }
aws_cli iam create-role --role-name bench-ec2 --assume-role-policy-document "$(trust ec2.amazonaws.com)"
aws_cli iam create-instance-profile --instance-profile-name bench-profile
aws_cli iam add-role-to-instance-profile --instance-profile-name bench-profile --role-name bench-ec2
aws_cli iam create-role --role-name bench-ecs --assume-role-policy-document "$(trust ecs-tasks.amazonaws.com)"
iam_system workload add --instance-profile bench-profile >"$OUT/imds.env"
iam_system workload add --role bench-ecs >"$OUT/container.env"
STS="$(grep '^STS_ENDPOINT=' "$OUT/home/local.env" | cut -d= -f2-)"

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round/$ROUNDS, $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg)"
  java -Xms256m -Xmx256m -cp "$CP" dev.openiam.bench.metadata.MetadataLoad --imds "$OUT/imds.env" --container "$OUT/container.env" \
      --sts "$STS" --requests "$REQUESTS" --warmup "$WARMUP" --concurrency "$CONCURRENCY" --round "$round" --rev "$rev" \
      --json "$RESULTS"
done
echo "machine at the end: load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JSON lines: $RESULTS; logs: $OUT/home/logs"
