#!/usr/bin/env bash
# The IAM Query API front door, before and after: p50/p90/p99 and throughput of GetUser and AttachUserPolicy
# through identity-service, signed by the AWS SDK for Java v2 as an IAM user whose every call is decided by
# policy-service (bench/src/main/java/dev/openiam/bench/queryapi/QueryApiLoad.java), on a BEFORE revision and
# on this working tree, in interleaved rounds on this machine (before, after; after, before; before, after; ...),
# one system up at a time. Prints the median across rounds of each figure side by side (Markdown).
#
#   bench/query-api/run.sh [BEFORE_REV]        (default a57b3f9: main before the authorization rework)
#   BEFORE_ENV=IAM_ACCESS_KEY_LAST_USE=false bench/query-api/run.sh .     (this tree on both sides)
#
# Environment: ROUNDS=3 (rounds per side), REQUESTS=300 (measured calls per operation and concurrency),
# WARMUP=600 (calls per operation at the highest concurrency before any measured phase), REWARMUP=50 (calls
# before each measured phase), CONCURRENCY=1,4, SKIP_BUILD=1 (reuse this tree's build), KEEP_HOMES=1 (keep the
# systems' data from the last run), SETTLE=3 (seconds between start and load), BEFORE_ENV / AFTER_ENV (extra
# VAR=value words, space-separated, in that side's environment, which iam-local passes on to the services).
# BEFORE_REV . is this working tree: both sides run the same build, told apart by BEFORE_ENV / AFTER_ENV.
# BEFORE_REV is exported with git archive into bench/target/query-api/before-<rev>/ and built there once
# (delete that directory to rebuild it); this tree is built with ./mvnw unless SKIP_BUILD is set.
# Ports (all on 127.0.0.1): before PostgreSQL 35432, Kafka 39092/39093, identity 38081, policy 38082;
# after 36432, 39192/39193, 38181, 38182. Output: bench/target/query-api/{results.jsonl,summary.md,logs}.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
BEFORE_REV=${1:-a57b3f9}
ROUNDS=${ROUNDS:-3}
REQUESTS=${REQUESTS:-300}
WARMUP=${WARMUP:-600}
REWARMUP=${REWARMUP:-50}
CONCURRENCY=${CONCURRENCY:-1,4}
SETTLE=${SETTLE:-3}
OUT=$REPO/bench/target/query-api
RESULTS=$OUT/results.jsonl
mkdir -p "$OUT"
started_at=$(date +%s)

read -r -a before_env <<<"${BEFORE_ENV:-}"
read -r -a after_env <<<"${AFTER_ENV:-}"
for assignment in ${before_env[@]+"${before_env[@]}"} ${after_env[@]+"${after_env[@]}"}; do
  [[ $assignment =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || { echo "BEFORE_ENV / AFTER_ENV: \`$assignment\` is not VAR=value" >&2; exit 64; }
done
after_desc="$(git rev-parse --short HEAD)"
[[ -z "$(git status --porcelain --untracked-files=no)" ]] || after_desc="$after_desc+uncommitted"
if [[ $BEFORE_REV == . ]]; then
  before_short=$after_desc
  BEFORE_TREE=$REPO
else
  before_commit=$(git rev-parse --verify "$BEFORE_REV^{commit}")
  before_short=$(git rev-parse --short "$before_commit")
  BEFORE_TREE=$OUT/before-$before_short
fi

# --- the two systems -------------------------------------------------------------------------------
ports_before=(35432 39092 39093 38081 38082)
ports_after=(36432 39192 39193 38181 38182)

# system SIDE start|stop: that side's own deploy/local/iam-local, IAM_HOME and ports
system() {
  local side=$1 command=$2 tree ports extra
  if [[ $side == before ]]; then tree=$BEFORE_TREE; ports=("${ports_before[@]}"); extra=(${before_env[@]+"${before_env[@]}"})
  else tree=$REPO; ports=("${ports_after[@]}"); extra=(${after_env[@]+"${after_env[@]}"}); fi
  local log=$OUT/$side-iam-local.log
  if ! env -u DB_URL -u DB_USER -u DB_PASSWORD -u KAFKA_BOOTSTRAP_SERVERS -u IAM_SERVICE_JAVA_OPTS IAM_SERVICES="identity policy" \
      IAM_HOME="$OUT/$side-home" IAM_PG_PORT="${ports[0]}" IAM_KAFKA_PORT="${ports[1]}" IAM_KAFKA_CONTROLLER_PORT="${ports[2]}" \
      IAM_IDENTITY_PORT="${ports[3]}" IAM_POLICY_PORT="${ports[4]}" ${extra[@]+"${extra[@]}"} \
      bash "$tree/deploy/local/iam-local" "$command" >>"$log" 2>&1; then
    echo "iam-local $command ($side) failed; last lines of $log:" >&2
    tail -n 40 "$log" >&2
    return 1
  fi
}
stop_all() { system before stop || true; system after stop || true; }

# --- build -----------------------------------------------------------------------------------------
if [[ $BEFORE_TREE != "$REPO" && ! -f "$BEFORE_TREE/.built" ]]; then
  echo "building BEFORE = $BEFORE_REV ($before_short) in $BEFORE_TREE"
  rm -rf "$BEFORE_TREE"
  mkdir -p "$BEFORE_TREE"
  git archive "$before_commit" | tar -x -C "$BEFORE_TREE"
  (cd "$BEFORE_TREE" && ./mvnw -B -q package -DskipTests -pl identity-service,policy-service,deploy/local -am)
  echo "$before_commit" >"$BEFORE_TREE/.built"
fi
if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "building AFTER = this tree ($after_desc)"
  ./mvnw -B -q package -DskipTests -pl identity-service,policy-service,deploy/local,bench -am
fi
[[ -f bench/target/runtime-classpath.txt ]] || { echo "bench is not built (run without SKIP_BUILD)" >&2; exit 1; }
CP="$REPO/bench/target/classes:$(cat bench/target/runtime-classpath.txt)"
build_done=$(date +%s)

# --- rounds ----------------------------------------------------------------------------------------
trap stop_all EXIT
stop_all
if [[ -z "${KEEP_HOMES:-}" ]]; then rm -rf "$OUT/before-home" "$OUT/after-home"; fi
rm -f "$RESULTS" "$OUT"/*-iam-local.log

machine() {
  echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {print int($2/1048576) " GB"}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
}
echo "machine: $(machine); $(java -version 2>&1 | head -1)"
echo "before: $BEFORE_REV = $before_short${BEFORE_ENV:+ $BEFORE_ENV}; after: this tree = $after_desc${AFTER_ENV:+ $AFTER_ENV}; $ROUNDS rounds each; concurrency $CONCURRENCY; warm-up $WARMUP calls per operation (then $REWARMUP per phase); $REQUESTS measured calls per operation and concurrency"
failures=0
for round in $(seq 1 "$ROUNDS"); do
  # before, after in odd rounds; after, before in even ones: a load that rises or falls during the run (other
  # work on the machine) then weighs on both sides alike instead of always on the second
  if (( round % 2 == 1 )); then order="before after"; else order="after before"; fi
  for side in $order; do
    if [[ $side == before ]]; then rev="$before_short${BEFORE_ENV:+ $BEFORE_ENV}"; else rev="$after_desc${AFTER_ENV:+ $AFTER_ENV}"; fi
    echo "== round $round/$ROUNDS: $side ($rev), $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg)"
    system "$side" start
    sleep "$SETTLE"
    java -Xms256m -Xmx256m -cp "$CP" dev.openiam.bench.queryapi.QueryApiLoad --env "$OUT/$side-home/local.env" \
        --label "$side" --round "$round" --rev "$rev" --concurrency "$CONCURRENCY" --warmup "$WARMUP" --rewarmup "$REWARMUP" --requests "$REQUESTS" \
        --json "$RESULTS" | grep -v '^{' || failures=$((failures + 1))
    system "$side" stop
  done
done
trap - EXIT

echo
echo "machine at the end: $(machine); build $((build_done - started_at)) s, rounds $(( $(date +%s) - build_done )) s"
java -cp "$CP" dev.openiam.bench.queryapi.Summarize "$RESULTS" before after | tee "$OUT/summary.md"
echo
echo "JSON lines: $RESULTS; logs: $OUT/{before,after}-home/logs"
if (( failures > 0 )); then
  echo "$failures generator run(s) reported errors or failed; see above" >&2
  exit 1
fi
