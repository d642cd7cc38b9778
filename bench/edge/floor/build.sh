#!/bin/bash
# Builds the floor spike's jars (outside the project's reactor): gw-{flux,mvc}-{plain,sec,sectuned}.jar, a key pair
# and a token (keys/), the static backend. Then: ./start.sh; python3 bench.py ...; ./stop.sh (README.md).
set -euo pipefail
cd "$(dirname "$0")"
. ../../../scripts/select-jdk.sh
MVNW=../../../mvnw
for m in flux mvc; do
  $MVNW -B -q ${MVN_ARGS:-} -f gw-$m/pom.xml clean package -DskipTests
  cp gw-$m/target/gw-$m-0.0.1.jar gw-$m-plain.jar
  $MVNW -B -q ${MVN_ARGS:-} -f gw-$m/pom.xml clean package -DskipTests -Psec
  cp gw-$m/target/gw-$m-0.0.1.jar gw-$m-sec.jar
  cp gw-$m-sec.jar gw-$m-sectuned.jar
done
mkdir -p keys
java tools/GenJwt.java keys
