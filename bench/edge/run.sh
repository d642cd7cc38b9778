#!/usr/bin/env bash
# Edge benchmark: cached authenticated reads (GET /api/market/quote/{symbol}) through the gateway, and the same
# requests straight to the same market-data-service instances, alternating in one run on one local stack
# (embedded PostgreSQL, Redis, Kafka; demo data). Reports req/s, p50/p95/p99, the CPU time per request of every
# process involved (from /proc), RSS, and the ratio gateway / direct. Every request through the gateway is
# authenticated (JWT, revocation check in Redis) and rate limited (a Redis token bucket: the limits are raised
# so the limiter runs on every request without refusing any).
#
#   bench/edge/run.sh                                   (warm-up 120 s, 3 rounds x 20 s per side, 32 connections)
#   ROUNDS=5 PHASE_SECONDS=30 CONNECTIONS=64 WARMUP_SECONDS=180 bench/edge/run.sh
#   MVN_ARGS=-o SKIP_BUILD=1 bench/edge/run.sh
#   STACK_JVM="-Xmx256m -XX:+UseSerialGC" bench/edge/run.sh  (JVM options of every service)
#
# Needs wrk (Debian: apt-get install -y wrk) and python3. Output: bench/edge/target/last-run.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/select-jdk.sh
command -v wrk >/dev/null || { echo "bench/edge needs wrk: apt-get install -y wrk" >&2; exit 2; }
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q ${MVN_ARGS:-} -DskipTests package
fi
mkdir -p bench/edge/target
python3 bench/edge/edge.py 2>&1 | tee bench/edge/target/last-run.log
