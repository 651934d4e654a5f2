#!/usr/bin/env bash
# The measurement the faster-front-door target is stated in (issue 14): wrk -t2 -c16 on presigned GetUser URLs (SigV4
# in the query string, as boto3's generate_presigned_url writes them) made with an IAM user's key whose calls
# policy-service decides, beside `GET /q/health/live` of the same identity-service in the same run, alternating which
# goes first by round. Every GetUser is authenticated (signature checked), authorized and answered from the store; wrk
# replays each URL, which SigV4 allows until X-Amz-Expires. Prints per round and target: requests/s, p50, p99, non-2xx,
# and the CPU each component used per request (from /proc: identity, policy, kafka, postgres with its backends; wrk's
# own, from /usr/bin/time).
# With AssumeRole among the TARGETS (issue 13: AssumeRole per second on 2 cores, measured with a load generator that
# costs next to nothing, unlike the SDK's), sts-service runs too and wrk replays a presigned AssumeRole URL of the same
# user for a role that trusts it: each replay is a new session (new keys, token, session event and audit record), as a
# repeated AssumeRole is on AWS.
#
#   bench/front-door/wrk.sh
#
# Environment: ROUNDS=3, DURATION=20s, WARMUP=60s (before the first round, each target: the JIT is still busy after 20 s;
# 0: none), THREADS=2, CONNECTIONS=16, TARGETS="HealthLive GetUser" (GetUser alone: the first seconds after a start,
# e.g. WARMUP=0 ROUNDS=6 DURATION=5s TARGETS=GetUser, with IAM_WARMUP_DURATION=0s for services without their own
# warm-up; any of HealthLive GetUser AssumeRole, in the order of odd rounds, reversed in even ones), SKIP_BUILD=1,
# SETTLE=1 (after WARMUP, keep warming in 20 s steps until the services' JIT compilers worked < 1 s in a step, at most
# SETTLE_MAX=360s; 0: WARMUP alone, e.g. to measure the first seconds).
# Needs wrk (Debian: wrk), /usr/bin/time (Debian: time) and boto3 (Debian: python3-boto3).
# Ports: PostgreSQL 37732, Kafka 39592/39593, identity 38581, policy 38582, sts 38583. Output: bench/target/front-door-wrk/.
set -euo pipefail
. "$(dirname "$0")/../lib/system.sh"
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-60s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
SETTLE=${SETTLE:-1}
SETTLE_MAX=${SETTLE_MAX:-360s}
read -r -a targets <<<"${TARGETS:-HealthLive GetUser}"
services="identity policy"; modules=identity-service,policy-service
[[ " ${targets[*]} " != *" AssumeRole "* ]] || { services="identity policy sts"; modules=$modules,sts-service; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is not installed (apt-get install time)" >&2; exit 1; }
/usr/bin/python3 -c 'import boto3' 2>/dev/null || { echo "boto3 is not installed (apt-get install python3-boto3)" >&2; exit 1; }
bench_setup front-door-wrk "$modules"
BENCH_SERVICES="$services" BENCH_PORTS="37732 39592 38580"
machine_line
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; $ROUNDS rounds, order alternating; warm-up $WARMUP each"
iam_system_up
sleep 3
# an IAM user allowed iam:GetUser on itself (an inline policy), its access key, and one presigned GetUser URL; with
# sts-service, a role that trusts the user and a presigned AssumeRole URL for it (allowed by the user's policy too)
urls=$(set -a; . "$OUT/home/local.env"; set +a; /usr/bin/python3 - <<'PY'
import boto3, json, os, time
root = boto3.client("iam", endpoint_url=os.environ["IAM_ENDPOINT"], region_name="us-east-1")
name = "wrk-%d" % int(time.time())
arn = root.create_user(UserName=name)["User"]["Arn"]
root.put_user_policy(UserName=name, PolicyName="get-self", PolicyDocument=
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::*:user/${aws:username}"},'
    '{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/wrk-*"}]}')
key = root.create_access_key(UserName=name)["AccessKey"]
user = boto3.client("iam", endpoint_url=os.environ["IAM_ENDPOINT"], region_name="us-east-1",
                    aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
user.get_user()  # the key works (and its policy allows) before wrk starts
print(user.generate_presigned_url("get_user", Params={}, ExpiresIn=3600, HttpMethod="GET"))
if os.environ.get("STS_ENDPOINT"):
    role = root.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": arn}, "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    sts = boto3.client("sts", endpoint_url=os.environ["STS_ENDPOINT"], region_name="us-east-1",
                       aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
    params = {"RoleArn": role, "RoleSessionName": "wrk"}
    for attempt in range(50):  # the role reaches the decision point's projection within moments
        try:
            sts.assume_role(**params)
            break
        except sts.exceptions.ClientError:
            time.sleep(0.2)
    print(sts.generate_presigned_url("assume_role", Params=params, ExpiresIn=3600, HttpMethod="GET"))
PY
)
url=$(sed -n 1p <<<"$urls"); assume=$(sed -n 2p <<<"$urls")
health="${url%%\?*}"; health="${health%/}/q/health/live"
code=$(curl -s -o /dev/null -w '%{http_code}' "$url"); [[ $code == 200 ]] || { echo "presigned GetUser answered $code" >&2; exit 1; }
if [[ -n $assume ]]; then
  code=$(curl -s -o /dev/null -w '%{http_code}' "$assume"); [[ $code == 200 ]] || { echo "presigned AssumeRole answered $code" >&2; exit 1; }
fi
cpu_snapshot() { # component and CPU ticks, one per line; postgres: its server (postmaster.pid) and every backend
  local c pid
  for c in $services kafka postgres; do
    if [[ $c == postgres ]]; then pid=$(head -1 "$OUT/home/postgres/data/postmaster.pid" 2>/dev/null) || continue
    else pid=$(cat "$OUT/home/run/$c.pid" 2>/dev/null) || continue; fi
    echo "$c $( { echo "$pid"; pgrep -P "$pid"; } | while read -r p; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done \
      | awk '{s += $1} END {print s + 0}')"
  done
}
run() { # label url duration
  local before after
  before=$(cpu_snapshot)
  /usr/bin/time -f '%U %S' -o "$OUT/wrk.time" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency "$2" >"$OUT/wrk.out"
  after=$(cpu_snapshot)
  awk -v l="$1" -v hz="$(getconf CLK_TCK)" -v before="$before" -v after="$after" -v wrk="$(awk '{print $1 + $2}' "$OUT/wrk.time")" '
    /Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$5} /requests in/ {n=$1}
    END {
      split(before, b, "\n"); for (i in b) { split(b[i], f, " "); t0[f[1]] = f[2] }
      cpu = ""; split(after, a, "\n")
      for (i = 1; i <= length(a); i++) { split(a[i], f, " "); cpu = cpu sprintf(" %s %.3f", f[1], n ? (f[2] - t0[f[1]]) * 1000 / hz / n : 0) }
      cpu = cpu sprintf(" wrk %.3f", n ? wrk * 1000 / n : 0)
      printf "%-10s %10s req/s  p50 %8s  p99 %8s  non-2xx %s  CPU ms per request:%s\n", l, rps, p50, p99, (bad==""?0:bad), cpu
    }' "$OUT/wrk.out"
}
target_url() {
  case $1 in HealthLive) echo "$health" ;; GetUser) echo "$url" ;; AssumeRole) echo "$assume" ;;
    *) echo "unknown target $1 (HealthLive, GetUser or AssumeRole)" >&2; exit 1 ;; esac
}
jit_seconds() { # the seconds the services' JIT compilers have worked so far, summed (jstat -compiler's Time)
  local c
  for c in $services; do jstat -compiler "$(cat "$OUT/home/run/$c.pid")" 2>/dev/null | awk 'NR == 2 {print $4}'; done \
    | awk '{s += $1} END {printf "%.1f", s}'
}
if [[ ${WARMUP%s} != 0 ]]; then
  for t in "${targets[@]}"; do run "warm-$t" "$(target_url "$t")" "$WARMUP" >/dev/null; done
  # then on until the JIT is quiet: under this load the services' compilers work for 3-4 minutes and took up to a
  # core between them, so rounds measured earlier understated the steady state by ~20 % (bench/RESULTS.md, 2026-12-07 14:15)
  if [[ $SETTLE == 1 ]]; then
    settled=0 jit=$(jit_seconds)
    while (( settled < ${SETTLE_MAX%s} )); do
      for t in "${targets[@]}"; do run "warm-$t" "$(target_url "$t")" 20s >/dev/null; done
      settled=$((settled + 20 * ${#targets[@]})) before=$jit jit=$(jit_seconds)
      awk -v a="$before" -v b="$jit" 'BEGIN {exit !(b - a < 1)}' && break
    done
    echo "warm-up: $WARMUP each, then ${settled}s more until the JIT was quiet (JIT ${jit}s in all; < 1s in the last ${#targets[@]}x20s, or SETTLE_MAX)"
  fi
fi
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round/$ROUNDS, $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg)"
  order=("${targets[@]}")
  if (( round % 2 == 0 )); then order=(); for ((i = ${#targets[@]} - 1; i >= 0; i--)); do order+=("${targets[i]}"); done; fi
  for t in "${order[@]}"; do run "$t" "$(target_url "$t")" "$DURATION"; done
done
echo "machine at the end: load $(cut -d' ' -f1-3 /proc/loadavg)"
