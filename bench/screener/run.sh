#!/usr/bin/env bash
# Screener end-to-end benchmark: KOSPI 200 + KOSDAQ 150 + S&P 500 screened together through the gateway of
# the local stack (2 market-data + 2 agent-service instances), warm caches; p50/p95 and where the time goes.
# Usage (from anywhere): bench/screener/run.sh
#   GATEWAY=http://localhost:8080  use a stack that is already running (skips build and start)
#   RUNS=10 WARMUP=2               measured / warm-up screens per scenario
#   SKIP_BUILD=1                   reuse the jars in */target (otherwise ./mvnw -DskipTests package)
#   MVN_ARGS="-o"                  extra Maven arguments
#   BENCH_SCRIPT=failover.py       the failover measurement instead (SIGKILLs one agent-service instance)
# The local stack uses the fixed ports 8080, 9000, 9101-9102, 9201-9202, 9301: if any is busy and no GATEWAY
# is given, the script stops. Output: bench/screener/target/last-run.log.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p "$HERE/target"
STACK_PID=""

cleanup() {
    if [[ -n "$STACK_PID" ]] && kill -0 "$STACK_PID" 2>/dev/null; then
        echo "== stopping the local stack (pid $STACK_PID)"
        kill "$STACK_PID"   # its shutdown hook stops every service it started
        wait "$STACK_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

if [[ -z "${GATEWAY:-}" ]]; then
    for port in 8080 9000 9101 9102 9201 9202 9301; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "port $port is in use: stop what uses it, or point GATEWAY at a running stack" >&2
            exit 2
        fi
    done
    if [[ -z "${SKIP_BUILD:-}" ]]; then
        echo "== build (./mvnw -DskipTests package)"
        (cd "$ROOT" && ./mvnw -B -q ${MVN_ARGS:-} -DskipTests package)
    fi
    # a snapshot of the jars: a rebuild in the work tree while the benchmark runs cannot break the services,
    # and the stack's work directory (.stack: database, logs) stays under bench/screener/target
    STACK_ROOT="$HERE/target/stack-root"
    rm -rf "$STACK_ROOT"
    for module in auth-service market-data-service agent-service history-service gateway; do
        mkdir -p "$STACK_ROOT/$module/target"
        cp "$ROOT/$module/target/$module-0.1.0-SNAPSHOT.jar" "$STACK_ROOT/$module/target/"
    done
    cp "$ROOT/local-stack/target/local-stack-exec.jar" "$STACK_ROOT/"
    # The gateway rate-limits per user (POST /api/screener/runs: 1 per 5 s, bursts of 5; other /api calls 20/s):
    # the benchmark polls three runs every POLL seconds and submits a screen every second or so, so it lifts
    # the limits of its own stack (the services inherit this environment). Set them to measure with limits.
    export RATE_LIMIT_SCREENER_RUNS_REPLENISH_RATE="${RATE_LIMIT_SCREENER_RUNS_REPLENISH_RATE:-1000}"
    export RATE_LIMIT_SCREENER_RUNS_BURST_CAPACITY="${RATE_LIMIT_SCREENER_RUNS_BURST_CAPACITY:-5000}"
    export RATE_LIMIT_SCREENER_RUNS_REQUESTED_TOKENS="${RATE_LIMIT_SCREENER_RUNS_REQUESTED_TOKENS:-1}"
    export RATE_LIMIT_API_REPLENISH_RATE="${RATE_LIMIT_API_REPLENISH_RATE:-1000}"
    export RATE_LIMIT_API_BURST_CAPACITY="${RATE_LIMIT_API_BURST_CAPACITY:-5000}"
    # Every simulated user signs up from this one address: lift auth-service's per-address sign-up budget too.
    export STOCKRADAR_SIGNUPTHROTTLE_PERADDRESS="${STOCKRADAR_SIGNUPTHROTTLE_PERADDRESS:-1000000}"
    echo "== starting the local stack (logs: $HERE/target/stack.log, $STACK_ROOT/.stack/logs)"
    (cd "$STACK_ROOT" && exec "$JAVA_HOME/bin/java" -Dstockradar.root=. -Dstockradar.provider=demo -jar local-stack-exec.jar) \
        > "$HERE/target/stack.log" 2>&1 &
    STACK_PID=$!
    for _ in $(seq 1 600); do
        grep -q "Stock Radar is ready" "$HERE/target/stack.log" && break
        kill -0 "$STACK_PID" 2>/dev/null || { echo "the stack stopped; see $HERE/target/stack.log" >&2; exit 1; }
        sleep 1
    done
    grep -q "Stock Radar is ready" "$HERE/target/stack.log" || { echo "the stack did not start in 10 min" >&2; exit 1; }
    export GATEWAY="http://localhost:8080"
    # the startup precompute screens run in the background: wait until every default universe has one
fi

echo "== run ($(date -u '+%Y-%m-%dT%H:%M:%SZ'), load average $(cut -d' ' -f1-3 /proc/loadavg))"
python3 "$HERE/${BENCH_SCRIPT:-bench.py}" 2>&1 | tee "$HERE/target/last-run.log"
LOGS="$HERE/target/stack-root/.stack/logs"
if [[ -n "$STACK_PID" && -d "$LOGS" ]]; then
    echo "== phase log lines of the last runs (agent-service)" | tee -a "$HERE/target/last-run.log"
    grep -h "prepared:\|completed by\|taken over from\|stalled\|remaining chunk" "$LOGS"/agent-service*.log 2>/dev/null | tail -12 \
        | tee -a "$HERE/target/last-run.log" || true
fi
