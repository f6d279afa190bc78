#!/usr/bin/env bash
# Runs every benchmark the way BENCHMARKS.md reports them, on a quiet machine, and keeps the logs.
#
#   dsn-benchmarks/run-all.sh [RESULT_DIR]        (build first: ./mvnw -B install -DskipTests)
#
# Waits (up to 40 minutes) for the 1-minute load average to fall below 0.5, then records the
# machine, runs JMH and every scenario. (Until issue 10 it also ran each with two JVM flags that
# worked around problems of the JDK transport; the Netty transport needs none.) Each scenario's JSON line ends up in
# RESULT_DIR/results.jsonl, prefixed by the command that produced it.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${1:-/tmp/dsn-bench-results}
JAR=dsn-benchmarks/target/dsn-benchmarks.jar
mkdir -p "$OUT"
: > "$OUT/results.jsonl"

load() { cut -d' ' -f1 /proc/loadavg; }

waited=0
while awk -v l="$(load)" 'BEGIN { exit !(l >= 0.5) }'; do
  if [ "$waited" -ge 2400 ]; then
    echo "load average still $(load) after 40 minutes: measuring anyway, see the load in machine.txt" >&2
    break
  fi
  echo "load average $(load): waiting" >&2
  sleep 60
  waited=$((waited + 60))
done

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "uptime: $(uptime)"
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo
  free -h
  java -version 2>&1
  echo "open files: soft $(ulimit -Sn), hard $(ulimit -Hn)"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"

scenario() {   # scenario NAME JVM_FLAGS ARGS...
  local name=$1 flags=$2
  shift 2
  local log="$OUT/$name.log"
  echo "== $(date -u +%H:%M:%S) load $(load): java $flags -jar $JAR $*" | tee -a "$OUT/runs.txt"
  # shellcheck disable=SC2086
  java $flags -jar "$JAR" "$@" > "$log" 2> "$OUT/$name.err" || echo "exit $? (see $OUT/$name.err)" | tee -a "$OUT/runs.txt"
  grep -v '^{' "$log" | sed -n '/^DSN benchmark/,$p'
  echo "java $flags -jar $JAR $* => $(grep '^{' "$log")" >> "$OUT/results.jsonl"
}

echo "== $(date -u +%H:%M:%S) load $(load): JMH" | tee -a "$OUT/runs.txt"
java -jar "$JAR" jmh -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.log" 2>&1
sed -n '/^Benchmark/,$p' "$OUT/jmh.log"

scenario fanout "" fanout
scenario latency "" latency
scenario failure "" failure
scenario join-100-2jvm "" join --nodes 100 --processes 2
scenario join-50 "" join --nodes 50
scenario idle-30 "" idle --nodes 30
scenario idle-60 "" idle --nodes 60
scenario idle-100-2jvm "" idle --nodes 100 --processes 2
scenario exchange "" exchange --warmup 20
scenario flood "" flood

scenario join-100-2jvm-tmpfs "" join --nodes 100 --processes 2 --credentials /dev/shm

echo "done: $OUT"
