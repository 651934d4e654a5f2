#!/usr/bin/env bash
# The measurement the faster-front-door target is stated in (issue 14): wrk -t2 -c16 on presigned GetUser URLs (SigV4
# in the query string, as boto3's generate_presigned_url writes them) made with an IAM user's key whose calls
# policy-service decides, beside `GET /q/health/live` of the same identity-service in the same run, alternating which
# goes first by round. Every GetUser is authenticated (signature checked), authorized and answered from the store; wrk
# replays each URL, which SigV4 allows until X-Amz-Expires. Prints per round and target: requests/s, p50, p99, non-2xx,
# and the CPU each component used per request (from /proc: identity, policy, kafka, postgres with its backends).
#
#   bench/front-door/wrk.sh
#
# Environment: ROUNDS=3, DURATION=20s, WARMUP=60s (before the first round, each target: the JIT is still busy after 20 s;
# 0: none), THREADS=2, CONNECTIONS=16, TARGETS="HealthLive GetUser" (GetUser alone: the first seconds after a start,
# e.g. WARMUP=0 ROUNDS=6 DURATION=5s TARGETS=GetUser, with IAM_WARMUP_DURATION=0s for services without their own
# warm-up), SKIP_BUILD=1. Needs wrk (Debian: wrk) and boto3 (Debian: python3-boto3).
# Ports: PostgreSQL 37732, Kafka 39592/39593, identity 38581, policy 38582. Output: bench/target/front-door-wrk/.
set -euo pipefail
. "$(dirname "$0")/../lib/system.sh"
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-60s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
/usr/bin/python3 -c 'import boto3' 2>/dev/null || { echo "boto3 is not installed (apt-get install python3-boto3)" >&2; exit 1; }
bench_setup front-door-wrk identity-service,policy-service
BENCH_SERVICES="identity policy" BENCH_PORTS="37732 39592 38580"
machine_line
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; $ROUNDS rounds, order alternating; warm-up $WARMUP each"
iam_system_up
sleep 3
# an IAM user allowed iam:GetUser on itself (an inline policy), its access key, and one presigned GetUser URL
url=$(set -a; . "$OUT/home/local.env"; set +a; /usr/bin/python3 - <<'PY'
import boto3, os, time
root = boto3.client("iam", endpoint_url=os.environ["IAM_ENDPOINT"], region_name="us-east-1")
name = "wrk-%d" % int(time.time())
root.create_user(UserName=name)
root.put_user_policy(UserName=name, PolicyName="get-self", PolicyDocument=
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::*:user/${aws:username}"}]}')
key = root.create_access_key(UserName=name)["AccessKey"]
user = boto3.client("iam", endpoint_url=os.environ["IAM_ENDPOINT"], region_name="us-east-1",
                    aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
user.get_user()  # the key works (and its policy allows) before wrk starts
print(user.generate_presigned_url("get_user", Params={}, ExpiresIn=3600, HttpMethod="GET"))
PY
)
health="${url%%\?*}"; health="${health%/}/q/health/live"
code=$(curl -s -o /dev/null -w '%{http_code}' "$url"); [[ $code == 200 ]] || { echo "presigned GetUser answered $code" >&2; exit 1; }
cpu_snapshot() { # component and CPU ticks, one per line; postgres: its server (postmaster.pid) and every backend
  local c pid
  for c in identity policy kafka postgres; do
    if [[ $c == postgres ]]; then pid=$(head -1 "$OUT/home/postgres/data/postmaster.pid" 2>/dev/null) || continue
    else pid=$(cat "$OUT/home/run/$c.pid" 2>/dev/null) || continue; fi
    echo "$c $( { echo "$pid"; pgrep -P "$pid"; } | while read -r p; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done \
      | awk '{s += $1} END {print s + 0}')"
  done
}
run() { # label url duration
  local before after
  before=$(cpu_snapshot)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency "$2" >"$OUT/wrk.out"
  after=$(cpu_snapshot)
  awk -v l="$1" -v hz="$(getconf CLK_TCK)" -v before="$before" -v after="$after" '
    /Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$5} /requests in/ {n=$1}
    END {
      split(before, b, "\n"); for (i in b) { split(b[i], f, " "); t0[f[1]] = f[2] }
      cpu = ""; split(after, a, "\n")
      for (i = 1; i <= length(a); i++) { split(a[i], f, " "); cpu = cpu sprintf(" %s %.3f", f[1], n ? (f[2] - t0[f[1]]) * 1000 / hz / n : 0) }
      printf "%-10s %10s req/s  p50 %8s  p99 %8s  non-2xx %s  CPU ms per request:%s\n", l, rps, p50, p99, (bad==""?0:bad), cpu
    }' "$OUT/wrk.out"
}
if [[ ${WARMUP%s} != 0 ]]; then
  run warm-get "$url" "$WARMUP" >/dev/null; run warm-live "$health" "$WARMUP" >/dev/null
fi
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round/$ROUNDS, $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg)"
  if [[ ${TARGETS:-HealthLive GetUser} == GetUser ]]; then run GetUser "$url" "$DURATION"
  elif (( round % 2 == 1 )); then run HealthLive "$health" "$DURATION"; run GetUser "$url" "$DURATION"
  else run GetUser "$url" "$DURATION"; run HealthLive "$health" "$DURATION"; fi
done
echo "machine at the end: load $(cut -d' ' -f1-3 /proc/loadavg)"
