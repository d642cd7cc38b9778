#!/usr/bin/env bash
# RS256 against ES256 with the JDK's providers: time per verification (every API call, at the gateway and at the
# service) and per signature (each sign-in and refresh). The auth issue asks for ES256 only if it verifies faster.
# Also RS256 signed by the Amazon Corretto Crypto Provider, which auth-service signs tokens with (TokenSignatures).
#   bench/auth/signatures.sh          (5 rounds)
#   ROUNDS=9 MVN_ARGS=-o bench/auth/signatures.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/select-jdk.sh
# auth-service's own copy of the provider (Linux x86-64)
./mvnw -B -q ${MVN_ARGS:-} -pl auth-service dependency:build-classpath \
  -Dmdep.includeArtifactIds=AmazonCorrettoCryptoProvider -Dmdep.outputFile=target/accp.classpath
java --enable-native-access=ALL-UNNAMED -cp "$(cat auth-service/target/accp.classpath)" \
  bench/auth/Signatures.java "${ROUNDS:-5}"
