#!/usr/bin/env bash
# Each service's start time and memory at -Xmx256m, before and after a short load, beside a trivial Quarkus app
# (bench/footprint/trivial-app: one REST endpoint and health checks) and the services' stack with no code of ours
# (bench/footprint/stack-app: identity-service's Quarkus extensions and libraries, one endpoint using each once per
# call) in the same run on this machine. The figures set the requests and limits of deploy/k8s
# (base/service/deployment.yaml).
#
#   bench/footprint/run.sh
#
# Starts its own system with deploy/local/iam-local (IAM_HOME under bench/target/footprint, its own ports; all five
# services), loads it with bench's QueryApiLoad (GetUser and AttachUserPolicy through identity-service, every call
# decided or performed by policy-service; AssumeRole and GetCallerIdentity at sts-service; LookupEvents at
# audit-service, which also stores the record of every one of those calls), signs in to the console as root and
# opens its pages (CONSOLE_PAGES times each), loads the trivial and stack apps with wrk, and prints a Markdown table. The
# services and the two apps run at -Xmx256m with the services' JVM options (deploy/jvm.options, MALLOC_ARENA_MAX=2); a second
# trivial app runs at -Xmx256m alone (the JVM's defaults), loaded alike. Environment: SKIP_BUILD=1,
# REQUESTS=300 and WARMUP=300 (QueryApiLoad, per operation), CONCURRENCY=1,4, CONSOLE_PAGES=100, TRIVIAL_LOAD=30s (wrk),
# JVM_FLAGS (instead of @deploy/jvm.options; JVM_FLAGS= measures the JVM's defaults), EXTRA_JAVA_OPTS (added to both),
# MALLOC_ARENA_MAX (2 unless set; MALLOC_ARENA_MAX= leaves glibc's default), PORT_OFFSET (added to every port, and the
# output in bench/target/footprint<offset>: two runs side by side, e.g. JVM_FLAGS= MALLOC_ARENA_MAX= PORT_OFFSET=100).
# With -XX:NativeMemoryTracking=summary in EXTRA_JAVA_OPTS, each process's NMT summary, loaded classes and heap histogram
# after the load go to <process>-{nmt,classes,histogram,codecache}.txt there.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
PORT_OFFSET=${PORT_OFFSET:-0}
OUT=$REPO/bench/target/footprint${PORT_OFFSET#0}
HEAP=-Xmx256m
JVM_OPTS="$HEAP ${JVM_FLAGS-@$REPO/deploy/jvm.options} ${EXTRA_JAVA_OPTS:-}"
DEFAULT_OPTS="$HEAP ${EXTRA_JAVA_OPTS:-}"
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX-2}
REQUESTS=${REQUESTS:-300}
WARMUP=${WARMUP:-300}
CONCURRENCY=${CONCURRENCY:-1,4}
TRIVIAL_LOAD=${TRIVIAL_LOAD:-30s}
TRIVIAL_PORT=$((47090 + PORT_OFFSET))
TRIVIAL_DEFAULT_PORT=$((47091 + PORT_OFFSET))
STACK_PORT=$((47088 + PORT_OFFSET))
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q package -DskipTests -pl identity-service,policy-service,sts-service,audit-service,console,deploy/local,bench -am
  ./mvnw -B -q package -DskipTests -f bench/footprint/trivial-app/pom.xml
  ./mvnw -B -q package -DskipTests -f bench/footprint/stack-app/pom.xml
fi
CP="$REPO/bench/target/classes:$(cat bench/target/runtime-classpath.txt)"

rm -rf "$OUT" && mkdir -p "$OUT"
export IAM_HOME=$OUT/home IAM_SERVICE_JAVA_OPTS=$JVM_OPTS
export IAM_PG_PORT=$((47432 + PORT_OFFSET)) IAM_KAFKA_PORT=$((47092 + PORT_OFFSET)) IAM_KAFKA_CONTROLLER_PORT=$((47093 + PORT_OFFSET))
export IAM_IDENTITY_PORT=$((47081 + PORT_OFFSET)) IAM_POLICY_PORT=$((47082 + PORT_OFFSET)) IAM_STS_PORT=$((47083 + PORT_OFFSET))
export IAM_AUDIT_PORT=$((47084 + PORT_OFFSET)) IAM_CONSOLE_PORT=$((47085 + PORT_OFFSET))
unset DB_URL DB_USER DB_PASSWORD KAFKA_BOOTSTRAP_SERVERS IAM_SERVICES
SERVICES="identity policy sts audit console"
CONSOLE_PAGES=${CONSOLE_PAGES:-100}

trivial_pid= trivial_default_pid= stack_pid=
stop_all() {
  [[ -z "$stack_pid" ]] || kill "$stack_pid" 2>/dev/null || true
  [[ -z "$trivial_pid" ]] || kill "$trivial_pid" 2>/dev/null || true
  [[ -z "$trivial_default_pid" ]] || kill "$trivial_default_pid" 2>/dev/null || true
  deploy/local/iam-local stop >/dev/null 2>&1 || true
}
trap stop_all EXIT

echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {print int($2/1048576) " GB"}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $JVM_OPTS${MALLOC_ARENA_MAX:+ MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX}"
[[ "$JVM_OPTS" != *@$REPO/deploy/jvm.options* ]] || echo "deploy/jvm.options: $(grep -v '^#' deploy/jvm.options | tr '\n' ' ')"
deploy/local/iam-local start >"$OUT/iam-local.log" 2>&1
QUARKUS_HTTP_PORT=$TRIVIAL_PORT java $JVM_OPTS -jar bench/footprint/trivial-app/target/quarkus-app/quarkus-run.jar >"$OUT/trivial.log" 2>&1 &
trivial_pid=$!
QUARKUS_HTTP_PORT=$TRIVIAL_DEFAULT_PORT env -u MALLOC_ARENA_MAX java $DEFAULT_OPTS -jar bench/footprint/trivial-app/target/quarkus-app/quarkus-run.jar \
    >"$OUT/trivial-default.log" 2>&1 &
trivial_default_pid=$!
# the stack app on the system's PostgreSQL (its own schema) and Kafka (its own topic)
DB_URL="postgresql://127.0.0.1:$IAM_PG_PORT/iam" DB_USER=postgres \
  DB_PASSWORD="$(grep '^IAM_LOCAL_PG_PASSWORD=' "$IAM_HOME/credentials.env" | cut -d= -f2-)" \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$IAM_KAFKA_PORT" QUARKUS_HTTP_PORT=$STACK_PORT QUARKUS_MANAGEMENT_PORT=$((STACK_PORT + 1000)) \
  java $JVM_OPTS -jar bench/footprint/stack-app/target/quarkus-app/quarkus-run.jar >"$OUT/stack.log" 2>&1 &
stack_pid=$!
for port in $TRIVIAL_PORT $TRIVIAL_DEFAULT_PORT $STACK_PORT; do
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break; sleep 0.5; done
done
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$STACK_PORT/stack/1")
[[ $status == 200 ]] || { echo "the stack app answered $status (log: $OUT/stack.log)" >&2; exit 1; }

pid_of() {
  case $1 in trivial) echo "$trivial_pid" ;; trivial-default) echo "$trivial_default_pid" ;; stack) echo "$stack_pid" ;;
    *) cat "$IAM_HOME/run/$1.pid" ;; esac
}
log_of() { if [[ $1 == trivial* || $1 == stack ]]; then echo "$OUT/$1.log"; else echo "$IAM_HOME/logs/$1.log"; fi; }
started() { grep -o 'started in [0-9][0-9.]*s' "$(log_of "$1")" | tail -1 | grep -o '[0-9][0-9.]*s'; }
# resident set now and at its peak (MB), and the heap the JVM has committed (MB)
memory() {
  local pid; pid=$(pid_of "$1")
  awk '/VmRSS/ {rss=$2} /VmHWM/ {hwm=$2} END {printf "%d %d", rss/1024, hwm/1024}' "/proc/$pid/status"
  # G1: "garbage-first heap total …K"; Serial: "def new generation total …K" and "tenured generation total …K"
  jcmd "$pid" GC.heap_info 2>/dev/null | awk '/(heap|generation) +total/ {for (i=1;i<=NF;i++) if ($i=="total") {v=$(i+1); gsub(/K,?/, "", v); sum+=v}}
      END {if (sum) printf " %d", sum/1024}'
}

declare -A before
for c in $SERVICES trivial trivial-default stack; do before[$c]=$(memory "$c"); done

echo "load: QueryApiLoad (warm-up $WARMUP, $REQUESTS calls per operation at concurrency $CONCURRENCY); the console's pages $CONSOLE_PAGES times each; wrk $TRIVIAL_LOAD on each trivial app and the stack app"
java -Xmx256m -cp "$CP" dev.openiam.bench.queryapi.QueryApiLoad --env "$IAM_HOME/local.env" --label footprint --round 1 \
    --rev "$(git rev-parse --short HEAD)" --concurrency "$CONCURRENCY" --warmup "$WARMUP" --rewarmup 50 --requests "$REQUESTS" \
    --ops GetUser,AttachUserPolicy,AssumeRole,GetCallerIdentity,LookupEvents --json "$OUT/load.jsonl" | grep -v '^{' | sed 's/^/  /'
console_load() {
  local base jar csrf status page
  base=$(grep '^IAM_CONSOLE_ENDPOINT=' "$IAM_HOME/local.env" | cut -d= -f2-)
  jar=$OUT/console-cookies.txt
  csrf=$(curl -sf -c "$jar" "$base/signin" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" --data-urlencode principal=root \
      --data-urlencode "account=$(grep '^IAM_ACCOUNT_ID=' "$IAM_HOME/local.env" | cut -d= -f2-)" \
      --data-urlencode "password=$(grep '^IAM_BOOTSTRAP_ROOT_PASSWORD=' "$IAM_HOME/credentials.env" | cut -d= -f2-)" "$base/signin")
  [[ $status == 303 ]] || { echo "console sign-in answered $status" >&2; exit 1; }
  local failed=0
  for page in / /users /groups /roles /policies /credential-report; do
    for _ in $(seq 1 "$CONSOLE_PAGES"); do
      status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base$page")
      [[ $status == 200 ]] || failed=$((failed + 1))
    done
  done
  echo "  console: $((CONSOLE_PAGES * 6)) pages as root, $failed not 200"
}
console_load
wrk -t2 -c16 -d"$TRIVIAL_LOAD" "http://127.0.0.1:$TRIVIAL_PORT/hello" | grep -E 'Requests/sec' | sed 's/^/  trivial: /'
wrk -t2 -c16 -d"$TRIVIAL_LOAD" "http://127.0.0.1:$TRIVIAL_DEFAULT_PORT/hello" | grep -E 'Requests/sec' | sed 's/^/  trivial at -Xmx256m alone: /'
wrk -t2 -c16 -d"$TRIVIAL_LOAD" --latency "http://127.0.0.1:$STACK_PORT/stack/1" | grep -E 'Requests/sec|Non-2xx' | sed 's/^/  stack app: /'

echo
echo "| process | started in | RSS before load | RSS after load | peak RSS | heap committed after |"
echo "|---|---:|---:|---:|---:|---:|"
for c in $SERVICES trivial trivial-default stack; do
  read -r rss0 _ _ <<<"${before[$c]}"
  read -r rss1 hwm heap <<<"$(memory "$c")"
  case $c in trivial) name="trivial Quarkus app" ;; trivial-default) name="trivial Quarkus app, -Xmx256m alone" ;;
    stack) name="the services' stack, no code of ours" ;; console) name=console ;; *) name="$c-service" ;; esac
  echo "| $name | $(started "$c") | $rss0 MB | $rss1 MB | $hwm MB | ${heap:-?} MB |"
  # with -XX:NativeMemoryTracking=summary in EXTRA_JAVA_OPTS: where the memory went, per JVM area, which classes are
  # loaded (the class hierarchy: one line per class) and what the heap holds
  if [[ "$JVM_OPTS" == *NativeMemoryTracking* ]]; then
    jcmd "$(pid_of "$c")" VM.native_memory summary scale=MB >"$OUT/$c-nmt.txt" 2>&1 || true
    jcmd "$(pid_of "$c")" VM.class_hierarchy >"$OUT/$c-classes.txt" 2>&1 || true
    jcmd "$(pid_of "$c")" GC.class_histogram >"$OUT/$c-histogram.txt" 2>&1 || true
    jcmd "$(pid_of "$c")" Compiler.codecache >"$OUT/$c-codecache.txt" 2>&1 || true
  fi
done
