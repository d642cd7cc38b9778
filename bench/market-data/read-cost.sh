#!/usr/bin/env bash
# CPU cost of a cached read: GET /api/market/quote/{symbol} with a valid user bearer token, straight to one
# market-data-service instance (no gateway). Two jars side by side - a baseline and the candidate - as
# `java -jar`, against one embedded Redis (test-support) and a local JWKS server with one signed user token
# (ReadCostFixture, test classpath). The instances are driven in turn (never at once: 2 shared cores), in
# alternating rounds so that drift in machine load hits both alike. Reports per jar and round: req/s, p50/p99
# latency (wrk) and CPU microseconds per request of the service process (utime+stime from /proc/<pid>/stat).
#
# Usage: bench/market-data/read-cost.sh [BASE_JAR [NEW_JAR]]
#   BASE_JAR   default /tmp/md-base.jar (build it from the commit to compare against: package -DskipTests, copy
#              market-data-service/target/market-data-service-*.jar)
#   NEW_JAR    default this tree's market-data-service/target/market-data-service-0.1.0-SNAPSHOT.jar
#   BUILD=0    skip the build (jar and test classpath already there)
#   DURATION=20 WARMUP=20 ROUNDS=2 CONNECTIONS=32 THREADS=2 SYMBOL=AAPL
#   NEW_OPTS   extra arguments for the new instance only, BASE_OPTS for the base instance only; e.g. the same jar
#              twice with BASE_OPTS="--stockradar.security.jwt.verified-token-cache.size=0" measures the token cache alone
#   JVM_OPTS   JVM options for both (default -Xmx512m -XX:+UseSerialGC)
#   JFR=1      also record a JFR profile (settings=profile) of each jar's last round into bench/market-data/target/
# Needs wrk (apt-get install -y wrk) and a JDK 25 (. scripts/select-jdk.sh). About 3 minutes with the defaults.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MODULE="$ROOT/market-data-service"
BASE_JAR="${1:-/tmp/md-base.jar}"
NEW_JAR="${2:-$MODULE/target/market-data-service-0.1.0-SNAPSHOT.jar}"
DURATION="${DURATION:-20}" WARMUP="${WARMUP:-20}" ROUNDS="${ROUNDS:-2}"
CONNECTIONS="${CONNECTIONS:-32}" THREADS="${THREADS:-2}" SYMBOL="${SYMBOL:-AAPL}"
JVM_OPTS="${JVM_OPTS:--Xmx512m -XX:+UseSerialGC}"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
if [ -z "${JAVA_HOME:-}" ]; then . "$ROOT/scripts/select-jdk.sh"; fi
JAVA="$JAVA_HOME/bin/java"
OUT="$HERE/target"
mkdir -p "$OUT"
LOG="$OUT/read-cost.log"
: >"$LOG"
say() { echo "$@" | tee -a "$LOG"; }

if [ "${BUILD:-1}" = 1 ]; then
  echo "== build (jar and test classes)"
  (cd "$ROOT" && ./mvnw -B -q -o -pl market-data-service -am package -DskipTests)
fi
[ -f "$BASE_JAR" ] || { echo "no baseline jar $BASE_JAR" >&2; exit 1; }
# The fixture runs on the new jar's libraries + test-support + embedded-redis (no dependency:build-classpath:
# its plugin is not in every offline ~/.m2).
rm -rf "$OUT/lib" && mkdir -p "$OUT/lib" && (cd "$OUT/lib" && unzip -q -j "$NEW_JAR" 'BOOT-INF/lib/*')
REDIS_JAR=$(ls "$HOME"/.m2/repository/com/github/codemonstur/embedded-redis/*/embedded-redis-*.jar | tail -1)
CP="$MODULE/target/test-classes:$ROOT/test-support/target/classes:$REDIS_JAR:$OUT/lib/*"

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

ENV_FILE="$OUT/read-cost.env"
rm -f "$ENV_FILE"
"$JAVA" -cp "$CP" io.stockradar.marketdata.bench.ReadCostFixture "$ENV_FILE" >"$OUT/fixture.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 120); do [ -f "$ENV_FILE" ] && break; sleep 0.5; done
# shellcheck disable=SC1090
. "$ENV_FILE"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() { # name jar port extra...
  local name=$1 jar=$2 port=$3; shift 3
  # shellcheck disable=SC2086
  "$JAVA" $JVM_OPTS -jar "$jar" --server.port="$port" --spring.data.redis.port="$REDIS_PORT" \
      --spring.security.oauth2.resourceserver.jwt.jwk-set-uri="$JWKS_URI" --stockradar.security.jwt.issuer="$ISSUER" \
      --logging.level.root=WARN --spring.main.banner-mode=off "$@" >"$OUT/$name.log" 2>&1 &
  PIDS+=($!)
  echo $! >"$OUT/$name.pid"
}
BASE_PORT=$(free_port)
NEW_PORT=$(free_port)
# shellcheck disable=SC2086
start base "$BASE_JAR" "$BASE_PORT" ${BASE_OPTS:-}
# shellcheck disable=SC2086
start new "$NEW_JAR" "$NEW_PORT" ${NEW_OPTS:-}
for port in "$BASE_PORT" "$NEW_PORT"; do
  for _ in $(seq 1200); do  # start-up takes minutes on a loaded machine
    curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" && break; sleep 0.5
  done
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
      "http://127.0.0.1:$port/api/market/quote/$SYMBOL" || true)
  [ "$code" = 200 ] || { echo "port $port: quote answered $code" >&2; exit 1; }
done

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
run() { # name port seconds -> prints "req/s p50 p99 cpu_us_per_req requests"
  local name=$1 port=$2 secs=$3 pid before after out requests
  pid=$(cat "$OUT/$name.pid")
  before=$(ticks "$pid")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency -H "Authorization: Bearer $TOKEN" \
      "http://127.0.0.1:$port/api/market/quote/$SYMBOL" || true)
  after=$(ticks "$pid")
  if grep -q 'Non-2xx' <<<"$out"; then echo "$name: $(grep 'Non-2xx' <<<"$out")" >&2; exit 1; fi
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -v r="$requests" -v t=$((after - before)) -v hz="$HZ" -v secs="$secs" \
      -v p50="$(awk '$1 == "50%" {print $2}' <<<"$out")" -v p99="$(awk '$1 == "99%" {print $2}' <<<"$out")" \
      'BEGIN { printf "%8.0f req/s  p50 %-8s p99 %-8s CPU %6.1f us/request  (%d requests)\n", r / secs, p50, p99, t * 1e6 / hz / r, r }'
}

say "== read-cost $(date -u '+%Y-%m-%dT%H:%M:%SZ'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "   base $BASE_JAR (port $BASE_PORT) ${BASE_OPTS:-}, new $NEW_JAR (port $NEW_PORT) ${NEW_OPTS:-}"
say "   wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s GET /api/market/quote/$SYMBOL, warm-up ${WARMUP}s each"
run base "$BASE_PORT" "$WARMUP" >/dev/null
run new "$NEW_PORT" "$WARMUP" >/dev/null
declare -A SUM
for round in $(seq "$ROUNDS"); do
  for name in base new; do
    port=$([ $name = base ] && echo "$BASE_PORT" || echo "$NEW_PORT")
    if [ "${JFR:-0}" = 1 ] && [ "$round" = "$ROUNDS" ]; then
      "$JAVA_HOME/bin/jcmd" "$(cat "$OUT/$name.pid")" JFR.start name=rc settings=profile \
          filename="$OUT/$name.jfr" >/dev/null
    fi
    line=$(run "$name" "$port" "$DURATION")
    if [ "${JFR:-0}" = 1 ] && [ "$round" = "$ROUNDS" ]; then
      "$JAVA_HOME/bin/jcmd" "$(cat "$OUT/$name.pid")" JFR.stop name=rc >/dev/null
    fi
    say "   round $round $(printf '%-4s' $name) $line"
    cpu=$(sed -E 's/.*CPU +([0-9.]+) us.*/\1/' <<<"$line")
    SUM[$name]=$(awk -v a="${SUM[$name]:-0}" -v b="$cpu" 'BEGIN { print a + b }')
  done
done
say "== summary: CPU per request base $(awk -v s="${SUM[base]}" -v n="$ROUNDS" 'BEGIN { printf "%.1f", s / n }') us, new $(awk -v s="${SUM[new]}" -v n="$ROUNDS" 'BEGIN { printf "%.1f", s / n }') us, new/base $(awk -v a="${SUM[new]}" -v b="${SUM[base]}" 'BEGIN { printf "%.2f", a / b }')"
