#!/usr/bin/env bash
# Renders every Kustomize overlay offline and checks the output: strictly against the Kubernetes API
# and the operators' CRD schemas (k8s/schemas), then the house rules (k8s/verify.py: endpoints, env
# read by each service, probes, memory, autoscaling bounds, topics, per-service credentials, secrets).
# No cluster, no network; a few seconds.
#
#   bash k8s/verify.sh            # exit 0 = all overlays render and pass
#   K8S_DIR=/tmp/copy/k8s VERIFY_OVERLAYS="prod" bash k8s/verify.sh   # another tree, some overlays
#                                 (k8s/verify-selftest.sh does; STOCKRADAR_REPO: where the services are)
#
# Needs: kubectl (built-in kustomize) or a standalone kustomize; python3 with PyYAML and jsonschema
# (Debian: python3-yaml python3-jsonschema).
set -euo pipefail

here="${K8S_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
overlays=()
for dir in "$here"/overlays/*/; do overlays+=("$(basename "$dir")"); done
if [ -n "${VERIFY_OVERLAYS:-}" ]; then read -r -a overlays <<<"$VERIFY_OVERLAYS"; fi

if command -v kubectl >/dev/null 2>&1; then
  render() { kubectl kustomize "$1"; }
elif command -v kustomize >/dev/null 2>&1; then
  render() { kustomize build "$1"; }
else
  echo "k8s/verify.sh: needs kubectl or kustomize on PATH" >&2
  exit 2
fi
py=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml, jsonschema' 2>/dev/null; then
    py="$candidate"
    break
  fi
done
[ -n "$py" ] || { echo "k8s/verify.sh: needs python3 with PyYAML and jsonschema (Debian: apt-get install python3-yaml python3-jsonschema)" >&2; exit 2; }

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

status=0
# Secret values never live in the repo: only the local overlay may generate (marked dev-only) Secrets.
if grep -rlE '^kind: Secret$' "$here" --include='*.yaml' | grep -v "/overlays/local/" ; then
  echo "FAIL secrets: the files above define a Secret: use an ExternalSecret or kubectl create secret" >&2
  status=1
fi
for overlay in "${overlays[@]}"; do
  if ! render "$here/overlays/$overlay" >"$out/$overlay.yaml" 2>"$out/$overlay.err"; then
    echo "FAIL $overlay: kustomize build failed:" >&2
    cat "$out/$overlay.err" >&2
    status=1
    continue
  fi
  "$py" "$here/verify.py" "$overlay" "$out/$overlay.yaml" || status=1
done
exit $status
