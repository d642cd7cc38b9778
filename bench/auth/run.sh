#!/usr/bin/env bash
# Login throughput through the gateway vs the password-hash ceiling, and JWT validation cost at the
# gateway, measured in one run on this machine. Builds the service jars first.
#   bench/auth/run.sh                       (3 rounds x 20 s, 16 clients)
#   ROUNDS=5 PHASE_SECONDS=30 CLIENTS=32 bench/auth/run.sh
#   STACK_JVM="-Xmx1g -XX:+UseG1GC" MVN_ARGS=-o bench/auth/run.sh   (JVM options of every service)
#   BENCH_OPTS="-DwarmupMaxSeconds=900" bench/auth/run.sh   (warm-up runs until the JIT settles; see README.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/select-jdk.sh
./mvnw -B -q ${MVN_ARGS:-} -DskipTests install
./mvnw -B -q ${MVN_ARGS:-} -pl e2e-tests exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.stockradar.e2e.bench.LoginBenchmark \
  -Dstockradar.root="$PWD" -Drounds="${ROUNDS:-3}" -DphaseSeconds="${PHASE_SECONDS:-20}" -Dclients="${CLIENTS:-16}" ${BENCH_OPTS:-} \
  -DstackJvm="${STACK_JVM:--Xmx512m -XX:+UseSerialGC}"
