#!/usr/bin/env bash
# Command one: builds what is needed and runs all of Stock Radar on this machine, with embedded
# PostgreSQL 17, Redis and Kafka, two instances each of market-data-service and agent-service, and
# the gateway on http://localhost:8080. Ctrl-C stops every process it started.
#
#   ./stack.sh            build, then run in the foreground
#   ./stack.sh --no-build run what was built last time
#   ./stack.sh stop       stop a stack running in another terminal
#
# Market data: live Yahoo Finance when it answers from this machine, else the bundled demo dataset
# (the launcher says which). Force one with MARKET_DATA_PROVIDER=demo|yahoo ./stack.sh; live OpenDART
# needs DART_ENABLED=true and DART_API_KEY=<40-character key>.
# Logs: .stack/logs/<service>-<port>.log. Database files persist in .stack/postgres (delete to reset).
# Each service starts from its extracted jar with the JDK's AOT cache in .stack/aot/<service>/, trained by
# the launcher on the first start after a build that changed the service (bench/startup/README.md).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/select-jdk.sh

case "${1:-up}" in
  stop)
    if [ -f .stack/launcher.pid ]; then
      pid=$(cat .stack/launcher.pid)
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    fi
    if [ -f .stack/services.pid ]; then
      xargs -r kill 2>/dev/null < .stack/services.pid || true
      rm -f .stack/services.pid
    fi
    rm -f .stack/launcher.pid
    echo "Stock Radar stopped."
    ;;
  up|--no-build)
    if [ "${1:-up}" != "--no-build" ]; then
      echo "Building (./mvnw -DskipTests package) with JAVA_HOME=$JAVA_HOME ..."
      ./mvnw -B -q -DskipTests package
    fi
    exec "$JAVA_HOME/bin/java" -Dstockradar.root=. -jar local-stack/target/local-stack-exec.jar
    ;;
  *)
    echo "usage: ./stack.sh [--no-build|stop]" >&2
    exit 2
    ;;
esac
