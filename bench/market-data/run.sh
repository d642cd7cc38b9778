#!/usr/bin/env bash
# market-data-service benchmark: (a) warm batch bars for 500 symbols through /internal/bars (latency, Redis
# round trips) vs one GET of a single symbol's bars; (b) upstream calls per 100 concurrent misses of one key
# on two instances, single-flight on vs off; (c) DART limiter utilisation, two instances, 50 callers, 6 s.
# Real service instances (the production Spring application on random ports) on test-support's embedded
# Redis; the Yahoo and DART upstreams are local stubs replaying real recordings. Every figure comes with a
# baseline measured in the same run.
# Usage (from anywhere): bench/market-data/run.sh
#   MVN_ARGS    extra Maven arguments, e.g. "-o" once the dependencies are downloaded
#   BENCH_OPTS  JVM/system properties, e.g. "-Dbench.parts=ac -Dbench.iterations=100"
#               (bench.symbols 500, bench.iterations 50, bench.baselineIterations 200, bench.misses 100,
#                bench.rounds 5, bench.limiterMillis 6000, bench.callers 50, bench.parts abc)
#   JAVA_HOME   JDK to build and run with (default /usr/lib/jvm/temurin-25-jdk-amd64)
# Output: the log, ending with "== summary", in bench/market-data/target/last-run.log. About 1-3 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p "$HERE/target"

echo "== build (market-data-service main + test classes, test classpath)"
(cd "$ROOT" && ./mvnw -B -q ${MVN_ARGS:-} -pl market-data-service test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test)

MODULE="$ROOT/market-data-service"
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench-classpath.txt")"
echo "== run ($(date -u '+%Y-%m-%dT%H:%M:%SZ'), load average $(cut -d' ' -f1-3 /proc/loadavg))"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xmx2g ${BENCH_OPTS:-} -cp "$CP" io.stockradar.marketdata.bench.MarketDataBenchmark \
    2>&1 | tee "$HERE/target/last-run.log"
