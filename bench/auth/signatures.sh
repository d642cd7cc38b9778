#!/usr/bin/env bash
# RS256 against ES256 with the JDK's providers: time per verification (every API call, at the gateway and at the
# service) and per signature (each sign-in and refresh). The auth issue asks for ES256 only if it verifies faster.
#   bench/auth/signatures.sh          (5 rounds)
#   ROUNDS=9 bench/auth/signatures.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/select-jdk.sh
java bench/auth/Signatures.java "${ROUNDS:-5}"
