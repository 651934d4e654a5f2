# Sourced by the bench scripts (bench/*/run.sh): what each needs to build, start its own system and describe the machine.
#
#   . "$(dirname "$0")/../lib/system.sh"
#   bench_setup NAME MODULES   # cd to the repository; REPO, OUT=bench/target/NAME, rev, CP (bench's classpath);
#                              # builds MODULES,deploy/local,bench unless SKIP_BUILD is set
#   BENCH_SERVICES="identity policy sts" BENCH_PORTS="PG KAFKA BASE"
#   iam_system start|stop|...  # deploy/local/iam-local for this bench alone: IAM_HOME=$OUT/home, PostgreSQL on PG, Kafka on
#                              # KAFKA (controller KAFKA+1), identity BASE+1, policy +2, sts +3, audit +4, console +5;
#                              # the caller's DB_*/KAFKA_*/IAM_SERVICE_JAVA_OPTS are not passed on; BENCH_SERVICE_JAVA_OPTS,
#                              # if set, are the services' JVM options (e.g. a profile of each: -Xmx512m
#                              # -XX:StartFlightRecording:filename=DIR/,dumponexit=true — a directory: one file per pid)
#   iam_system_up              # stops what an earlier run left, starts afresh (log: $OUT/iam-local.log), stops at exit
#   machine_line               # CPUs, memory, load, JVM, tree

bench_setup() {
  local name=$1 modules=$2
  cd "$(dirname "${BASH_SOURCE[0]}")/../.."
  REPO=$PWD
  OUT=$REPO/bench/target/$name
  mkdir -p "$OUT"
  rev="$(git rev-parse --short HEAD)"
  [[ -z "$(git status --porcelain --untracked-files=no)" ]] || rev="$rev+uncommitted"
  if [[ -z "${SKIP_BUILD:-}" ]]; then
    ./mvnw -B -q package -DskipTests -pl "$modules,deploy/local,bench" -am
  fi
  [[ -f bench/target/runtime-classpath.txt ]] || { echo "bench is not built (run without SKIP_BUILD)" >&2; exit 1; }
  CP="$REPO/bench/target/classes:$(cat bench/target/runtime-classpath.txt)"
}

iam_system() {
  local pg kafka base
  read -r pg kafka base <<<"$BENCH_PORTS"
  local opts=()
  [[ -z "${BENCH_SERVICE_JAVA_OPTS:-}" ]] || opts=("IAM_SERVICE_JAVA_OPTS=$BENCH_SERVICE_JAVA_OPTS")
  env -u DB_URL -u DB_USER -u DB_PASSWORD -u KAFKA_BOOTSTRAP_SERVERS -u IAM_SERVICE_JAVA_OPTS "${opts[@]}" IAM_SERVICES="$BENCH_SERVICES" \
    IAM_HOME="$OUT/home" IAM_PG_PORT="$pg" IAM_KAFKA_PORT="$kafka" IAM_KAFKA_CONTROLLER_PORT=$((kafka + 1)) \
    IAM_IDENTITY_PORT=$((base + 1)) IAM_POLICY_PORT=$((base + 2)) IAM_STS_PORT=$((base + 3)) IAM_AUDIT_PORT=$((base + 4)) \
    IAM_CONSOLE_PORT=$((base + 5)) IAM_START_TIMEOUT="${IAM_START_TIMEOUT:-400}" \
    bash "$REPO/deploy/local/iam-local" "$@"
}

iam_system_up() {
  trap 'iam_system stop >>"$OUT/iam-local.log" 2>&1 || true' EXIT
  iam_system stop >/dev/null 2>&1 || true
  rm -rf "$OUT/home" "$OUT/iam-local.log"
  iam_system start >>"$OUT/iam-local.log" 2>&1 || { tail -n 40 "$OUT/iam-local.log" >&2; exit 1; }
}

machine_line() {
  echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {print int($2/1048576) " GB"}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); tree $rev"
}
