#!/usr/bin/env bash
# Start-up benchmark: time to ready of the whole local stack and of each service alone, before and after the
# start-up cache (the JDK's AOT cache trained per service by the launcher), interleaved rounds, medians.
#
#   bench/startup/run.sh                                    (3 rounds of each stack variant, 3 of each service variant)
#   STACK_ROUNDS=5 SERVICE_ROUNDS=5 bench/startup/run.sh
#   MVN_ARGS=-o SKIP_BUILD=1 bench/startup/run.sh
#   STACK_VARIANTS=1,3 FIRST_RUN=0 bench/startup/run.sh     (only some stack variants; no first-start measurement)
#   EXTRACTED_NO_CACHE=1 bench/startup/run.sh              (each service alone also from the extracted jar, no cache)
#   BASELINE_REF=<commit> bench/startup/run.sh              (the launcher "before" is built from that commit)
#   STACK_JVM="-Xmx512m -XX:+UseSerialGC" bench/startup/run.sh   (JVM options of every service)
#
# "before" is the launcher of BASELINE_REF (default: the commit before the start-up cache), built into
# bench/startup/target/baseline from `git archive`, running this build's service jars: all seven JVMs at once from
# the uber jars, infrastructure one after another. Needs python3. Output: bench/startup/target/last-run.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/select-jdk.sh
BASELINE_REF=${BASELINE_REF:-07e8bba}
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q ${MVN_ARGS:-} -DskipTests package
fi
mkdir -p bench/startup/target
baseline=bench/startup/target/baseline
if [ ! -f "$baseline/local-stack/target/local-stack-exec.jar" ] || [ "$(cat "$baseline/REF" 2>/dev/null)" != "$BASELINE_REF" ]; then
  rm -rf "$baseline" && mkdir -p "$baseline"
  git archive "$BASELINE_REF" | tar -x -C "$baseline"
  (cd "$baseline" && ./mvnw -B -q ${MVN_ARGS:-} -DskipTests -pl local-stack -am package)
  echo "$BASELINE_REF" > "$baseline/REF"
fi
export BASELINE_LAUNCHER="$PWD/$baseline/local-stack/target/local-stack-exec.jar"
python3 bench/startup/startup.py 2>&1 | tee bench/startup/target/last-run.log
