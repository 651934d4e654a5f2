#!/usr/bin/env bash
# Builds the benchmark jar and measures one decision per engine, the settings of RESULTS.md.
# Run from anywhere; extra arguments go to JMH (e.g. -p engine=openiam).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl bench -am package -Pbenchmarks -DskipTests
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
java -jar bench/target/benchmarks.jar DecisionBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s \
  -rf json -rff bench/target/jmh-result.json "$@"
