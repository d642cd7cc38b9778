#!/usr/bin/env bash
# Mixed workload through the gateway of the local stack (see mixed.py): builds, starts a fresh local stack
# (the screener benchmark's starter: demo data, 2 x market-data, 2 x agent-service, fixed ports), runs, stops it.
#   bench/mixed/run.sh
#   USERS=32 DURATION_S=120 THINK_S=0 SKIP_BUILD=1 bench/mixed/run.sh
#   GATEWAY=http://localhost:8080 STACK_LOG=<the stack's log> python3 bench/mixed/mixed.py   (a running stack)
# Output: bench/screener/target/last-run.log.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Every virtual user comes from 127.0.0.1, which the gateway limits as one anonymous client on /api/auth (10/s):
# lifted, as many users would come from many addresses. The per-user limit on other /api calls (20/s) stays.
export RATE_LIMIT_AUTH_REPLENISH_RATE="${RATE_LIMIT_AUTH_REPLENISH_RATE:-1000}"
export RATE_LIMIT_AUTH_BURST_CAPACITY="${RATE_LIMIT_AUTH_BURST_CAPACITY:-5000}"
export RATE_LIMIT_API_REPLENISH_RATE="${RATE_LIMIT_API_REPLENISH_RATE:-20}"
export RATE_LIMIT_API_BURST_CAPACITY="${RATE_LIMIT_API_BURST_CAPACITY:-60}"
BENCH_SCRIPT=../mixed/mixed.py exec "$HERE/../screener/run.sh"
