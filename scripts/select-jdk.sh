# Sourced by stack.sh and .ci/run: exports JAVA_HOME for a JDK 21 or newer (the build targets Java 21).
# Keeps a JAVA_HOME that is already 21+; otherwise takes the newest 21+ JDK found in the usual places.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1])}'
}

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "${JAVA_HOME}/bin/javac" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
  best="" best_major=0
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir" best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "No JDK 21 or newer found. Install one (e.g. Temurin 21 or 25) and set JAVA_HOME." >&2
    return 1 2>/dev/null || exit 1
  fi
  export JAVA_HOME="$best"
fi
export PATH="$JAVA_HOME/bin:$PATH"
