#!/usr/bin/env bash
# The decision API over many distinct principals and requests (DecisionApiLoad): PRINCIPALS users in ten groups, every
# call a new question with its own decide token, POST /v1/authorize beside POST /v1/authorize:baseline (same service,
# token check and body, constant answer) in the same run, their order alternating by round.
#
#   bench/decision-api/distinct.sh
#
# Environment: PRINCIPALS=1000, ROUNDS=3, SECONDS_PER_PHASE=10, CONCURRENCY=16, SKIP_BUILD=1.
# Ports: PostgreSQL 37632, Kafka 39492/39493, identity 38481, policy 38482. Output: bench/target/decision-distinct/.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
OUT=$REPO/bench/target/decision-distinct
mkdir -p "$OUT"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q package -DskipTests -pl identity-service,policy-service,deploy/local,bench -am
fi
CP="$REPO/bench/target/classes:$(cat bench/target/runtime-classpath.txt)"
system() {
  env -u DB_URL -u DB_USER -u DB_PASSWORD -u KAFKA_BOOTSTRAP_SERVERS -u IAM_SERVICE_JAVA_OPTS IAM_SERVICES="identity policy" \
    IAM_BENCH_BASELINE_ENDPOINT=true IAM_HOME="$OUT/home" IAM_PG_PORT=37632 IAM_KAFKA_PORT=39492 IAM_KAFKA_CONTROLLER_PORT=39493 \
    IAM_IDENTITY_PORT=38481 IAM_POLICY_PORT=38482 bash "$REPO/deploy/local/iam-local" "$1" >>"$OUT/iam-local.log" 2>&1
}
trap 'system stop || true' EXIT
system stop || true
rm -rf "$OUT/home" "$OUT/iam-local.log"
echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
system start || { tail -n 40 "$OUT/iam-local.log" >&2; exit 1; }
java -Xms256m -Xmx256m -cp "$CP" dev.openiam.bench.decisionapi.DecisionApiLoad "$OUT/home" "${PRINCIPALS:-1000}" "${ROUNDS:-3}" \
    "${SECONDS_PER_PHASE:-10}" "${CONCURRENCY:-16}" | tee "$OUT/output.txt"
echo "machine at the end: load $(cut -d' ' -f1-3 /proc/loadavg)"
