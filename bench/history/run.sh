#!/usr/bin/env bash
# history-service benchmark: ingestion events/s (Kafka -> PostgreSQL through the real service) and
# GET /api/history latency at 1M stored results, each next to a baseline measured in the same run.
# Usage (from anywhere): bench/history/run.sh
#   MVN_ARGS    extra Maven arguments, e.g. "-o" once the dependencies are downloaded
#   BENCH_OPTS  JVM/system properties, e.g. "-Dbench.events=50000 -Dbench.durable=false"
#               (bench.events 20000, bench.resultsPerEvent 10, bench.results 1000000,
#                bench.iterations 1000, bench.concurrency 3, bench.durable true)
#   JAVA_HOME   JDK to build and run with (default /usr/lib/jvm/temurin-25-jdk-amd64)
# Output: the log, ending with "== summary", in bench/history/target/last-run.log. About 3-6 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p "$HERE/target"

echo "== build (history-service main + test classes, test classpath)"
(cd "$ROOT" && ./mvnw -B -q ${MVN_ARGS:-} -pl history-service test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test)

MODULE="$ROOT/history-service"
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench-classpath.txt")"
echo "== run ($(date -u '+%Y-%m-%dT%H:%M:%SZ'), load average $(cut -d' ' -f1-3 /proc/loadavg))"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xmx1g ${BENCH_OPTS:-} -cp "$CP" io.stockradar.history.bench.HistoryBenchmark \
    2>&1 | tee "$HERE/target/last-run.log"
