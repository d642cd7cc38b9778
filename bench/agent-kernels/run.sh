#!/usr/bin/env bash
# Agent engine indicator kernels vs ta4j 0.17 (DoubleNum) vs pandas: build, cross-check, measure, report.
# Usage (from anywhere): bench/agent-kernels/run.sh
#   ROUNDS      measurement rounds, each = JMH (engine, then ta4j) then pandas (default 3)
#   BREAKDOWN=1 also time every kernel on its own (KernelBreakdown, engine and ta4j; 1.5-3.5 more minutes)
#   JAVA_HOME   JDK used to build and run (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   PYTHON      Python with pandas + numpy (default /usr/bin/python3 = Debian's python3-pandas)
#   MVN_ARGS    extra Maven arguments, e.g. "-o" once the dependencies are downloaded
#   JMH_ARGS    extra JMH arguments (defaults in KernelBenchmark: 1 fork, 3 x 2 s warm-up, 5 x 2 s measurement)
# Output: target/results.md (the table), target/round-N/{jmh.json,jmh.log,pandas.json}, target/paired.txt,
# target/breakdown.json. About 4 minutes on a quiet machine (twice that under load); BREAKDOWN=1 adds 1.5-3.5.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
PYTHON="${PYTHON:-/usr/bin/python3}"
ROUNDS="${ROUNDS:-3}"
TARGET="$HERE/target"
JAR="$TARGET/benchmarks.jar"

"$PYTHON" -c 'import pandas, numpy' 2>/dev/null || {
  echo "pandas not found for $PYTHON: apt-get install -y python3-pandas (or set PYTHON)" >&2; exit 2; }

machine() {
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "== machine"
date -u '+%Y-%m-%dT%H:%M:%SZ'
machine
"$JAVA" -version 2>&1 | head -1
"$PYTHON" -c 'import sys, pandas, numpy; print("python", sys.version.split()[0], "pandas", pandas.__version__, "numpy", numpy.__version__)'

echo "== build (engine sources compiled from agent-service; unit tests = engine vs ta4j cross-check)"
(cd "$ROOT" && ./mvnw -B -q ${MVN_ARGS:-} -f bench/agent-kernels/pom.xml package)

echo "== cross-checks"
"$JAVA" -cp "$JAR" io.stockradar.bench.kernels.CrossCheck
"$JAVA" -cp "$JAR" io.stockradar.bench.kernels.PanelExport "$TARGET/panel"

echo "== paired ratios (second estimate, robust to load from other processes; not JMH)"
"$JAVA" -Xms2g -Xmx2g -cp "$JAR" io.stockradar.bench.kernels.PairedRatio | tee "$TARGET/paired.txt"
(cd "$HERE" && "$PYTHON" pandas_kernels.py --panel "$TARGET/panel" --repeats 1 --per-symbol-repeats 0 \
  --engine-cmd "$JAVA -Xms1g -Xmx1g -cp $JAR io.stockradar.bench.kernels.EnginePasses" --json "$TARGET/paired-pandas.json" \
  | grep '^paired' | tee -a "$TARGET/paired.txt")

rm -rf "$TARGET"/round-*
for r in $(seq 1 "$ROUNDS"); do
  out="$TARGET/round-$r"
  mkdir -p "$out"
  echo "== round $r/$ROUNDS: JMH engine, ta4j  ($(machine))"
  "$JAVA" -jar "$JAR" 'io\.stockradar\.bench\.kernels\.KernelBenchmark\..*' \
    -rf json -rff "$out/jmh.json" ${JMH_ARGS:-} 2>&1 | tee "$out/jmh.log" \
    | grep --line-buffered -E '^(# Benchmark:|Iteration|KernelBenchmark)'
  echo "== round $r/$ROUNDS: pandas (checks its values against the engine's first)"
  (cd "$HERE" && "$PYTHON" pandas_kernels.py --panel "$TARGET/panel" --repeats 5 --per-symbol-repeats 1 \
    --json "$out/pandas.json")
done

if [[ "${BREAKDOWN:-0}" == 1 ]]; then
  echo "== engine kernel costs (fastest of 40 panel passes each)"
  "$JAVA" -Xms2g -Xmx2g -cp "$JAR" io.stockradar.bench.kernels.KernelCosts | tee "$TARGET/costs.txt"
  echo "== breakdown: one kernel at a time"
  "$JAVA" -jar "$JAR" 'io\.stockradar\.bench\.kernels\.KernelBreakdown\..*' -rf json -rff "$TARGET/breakdown.json" \
    2>&1 | tee "$TARGET/breakdown.log" | grep -A40 '^Benchmark '
fi

echo "== results ($(date -u '+%Y-%m-%dT%H:%M:%SZ'), $(machine))"
"$PYTHON" "$HERE/report.py" "$TARGET" | tee "$TARGET/results.md"
