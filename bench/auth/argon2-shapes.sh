#!/usr/bin/env bash
# Does auth-service's compiler directive (Argon2Compilation) make Bouncy Castle's Argon2 cheaper? Pairs of fresh
# JVMs hash side by side, one with the directives and one without, so both see the same machine at the same time;
# prints CPU ms per hash (5 s slices after the first) and each pair's ratio. See README.md.
#   bench/auth/argon2-shapes.sh                 (5 pairs x 25 s)
#   PAIRS=10 SECONDS_PER_RUN=30 MVN_ARGS=-o bench/auth/argon2-shapes.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/select-jdk.sh
out=bench/auth/target/argon2-shapes
mkdir -p "$out"
./mvnw -B -q ${MVN_ARGS:-} -pl auth-service dependency:build-classpath -Dmdep.includeArtifactIds=bcprov-jdk18on \
  -Dmdep.outputFile="$PWD/$out/classpath.txt"
cp="$(cat "$out/classpath.txt")"
directives=auth-service/src/main/resources/passwords/argon2-compiler-directives.json
jvm=(java -Xmx512m -XX:+UseSerialGC -cp "$cp" bench/auth/Argon2Shapes.java "${SECONDS_PER_RUN:-25}")
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratios=()
for pair in $(seq "${PAIRS:-5}"); do
  "${jvm[@]}" "$directives" > "$out/pinned.txt" &
  "${jvm[@]}" > "$out/unpinned.txt"
  wait
  pinned=$(median < "$out/pinned.txt"); unpinned=$(median < "$out/unpinned.txt")
  ratio=$(awk -v p="$pinned" -v u="$unpinned" 'BEGIN {printf "%.2f", u / p}')
  ratios+=("$ratio")
  echo "pair $pair: with directives $(cat "$out/pinned.txt") (median $pinned ms/hash) | without $(cat "$out/unpinned.txt") (median $unpinned) | without/with $ratio"
done
echo "without/with, median of pairs: $(echo "${ratios[@]}" | median)  (1.00 = the same shape; about 1.1 = C2 built the slow one)"
