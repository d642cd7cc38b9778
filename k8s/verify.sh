#!/usr/bin/env bash
# Renders every Kustomize overlay offline and checks the house rules for Stock Radar's Deployments
# (see k8s/README.md). No cluster, no network; about a second.
#
#   bash k8s/verify.sh            # exit 0 = all overlays render and pass
#
# Needs: kubectl (built-in kustomize) or a standalone kustomize; python3 with PyYAML
# (Debian: python3-yaml).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
overlays=()
for dir in "$here"/overlays/*/; do overlays+=("$(basename "$dir")"); done

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
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
    py="$candidate"
    break
  fi
done
[ -n "$py" ] || { echo "k8s/verify.sh: needs python3 with PyYAML (Debian: apt-get install python3-yaml)" >&2; exit 2; }

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

status=0
for overlay in "${overlays[@]}"; do
  if ! render "$here/overlays/$overlay" >"$out/$overlay.yaml" 2>"$out/$overlay.err"; then
    echo "FAIL $overlay: kustomize build failed:" >&2
    cat "$out/$overlay.err" >&2
    status=1
    continue
  fi
  "$py" - "$overlay" "$out/$overlay.yaml" <<'PY' || status=1
import sys
import yaml

overlay, path = sys.argv[1], sys.argv[2]
docs = [d for d in yaml.safe_load_all(open(path)) if d]
SERVICES = {  # name -> container port; one name everywhere (module = app label = image)
    "gateway": 8080,
    "auth-service": 9000,
    "market-data-service": 9101,
    "agent-service": 9201,
    "history-service": 9301,
}
MIN_REPLICAS = {"market-data-service": 2, "agent-service": 2}
errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def by_kind(kind):
    return {d["metadata"]["name"]: d for d in docs if d.get("kind") == kind}


deployments = by_kind("Deployment")
services = by_kind("Service")
configmaps = by_kind("ConfigMap")
secrets = by_kind("Secret")
policies = [d for d in docs if d.get("kind") == "NetworkPolicy"]

missing = set(SERVICES) - set(deployments)
if missing:
    err(overlay, f"missing Deployments: {sorted(missing)}")


def selects(policy, labels):
    sel = policy["spec"].get("podSelector") or {}
    want = sel.get("matchLabels") or {}
    if sel.get("matchExpressions"):
        return False  # not used here; keep the check simple and strict
    return all(labels.get(k) == v for k, v in want.items())


def probe(where, c, kind, path):
    p = c.get(kind)
    if not p:
        return err(where, f"no {kind}")
    get = p.get("httpGet") or {}
    if get.get("path") != path:
        err(where, f"{kind} must GET {path}, has {get.get('path')}")
    port = get.get("port")
    ports = {pt.get("name") for pt in c.get("ports", [])} | {pt.get("containerPort") for pt in c.get("ports", [])}
    if port not in ports:
        err(where, f"{kind} port {port!r} is not a container port")


for name, d in sorted(deployments.items()):
    w = f"{overlay}/Deployment/{name}"
    spec = d["spec"]
    tpl = spec["template"]
    pod = tpl["spec"]
    if d["metadata"].get("labels", {}).get("app") != name:
        err(w, "metadata.labels.app must equal the name")
    if spec["selector"].get("matchLabels", {}).get("app") != name:
        err(w, "selector.matchLabels.app must equal the name")
    if tpl["metadata"].get("labels", {}).get("app") != name:
        err(w, "template labels.app must equal the name")
    if name in MIN_REPLICAS and spec.get("replicas", 1) < MIN_REPLICAS[name]:
        err(w, f"replicas {spec.get('replicas', 1)} < {MIN_REPLICAS[name]}")

    psc = pod.get("securityContext") or {}
    if psc.get("runAsNonRoot") is not True:
        err(w, "pod securityContext.runAsNonRoot must be true")
    if not isinstance(psc.get("runAsUser"), int) or psc["runAsUser"] == 0:
        err(w, "pod securityContext.runAsUser must be a non-zero uid")
    if (psc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        err(w, "pod seccompProfile must be RuntimeDefault")
    if not isinstance(pod.get("terminationGracePeriodSeconds"), int):
        err(w, "terminationGracePeriodSeconds must be set")

    empty_dirs = {v["name"] for v in pod.get("volumes", []) if "emptyDir" in v}
    containers = pod.get("containers", [])
    if not containers:
        err(w, "no containers")
    for c in containers:
        cw = f"{w}/{c['name']}"
        image = c.get("image", "")
        if image.rsplit("/", 1)[-1].split("@")[0].find(":") < 0 and "@" not in image:
            err(cw, f"image {image!r} has no tag or digest (the overlay's images: must set one)")
        if image.endswith(":latest"):
            err(cw, "image must not use :latest")
        if image.split("@")[0].rsplit(":", 1)[0].rsplit("/", 1)[-1] != name:
            err(cw, f"image name must be the service name, got {image!r}")
        if name in SERVICES and SERVICES[name] not in {p.get("containerPort") for p in c.get("ports", [])}:
            err(cw, f"must listen on {SERVICES[name]}")

        sc = c.get("securityContext") or {}
        if sc.get("allowPrivilegeEscalation") is not False:
            err(cw, "allowPrivilegeEscalation must be false")
        if sc.get("readOnlyRootFilesystem") is not True:
            err(cw, "readOnlyRootFilesystem must be true")
        if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
            err(cw, "capabilities.drop must contain ALL")
        if sc.get("privileged"):
            err(cw, "must not be privileged")
        if sc.get("runAsUser") == 0 or sc.get("runAsNonRoot") is False:
            err(cw, "container securityContext must not switch to root")
        tmp = [m for m in c.get("volumeMounts", []) if m.get("mountPath") == "/tmp"]
        if not tmp or tmp[0]["name"] not in empty_dirs:
            err(cw, "/tmp must be an emptyDir mount")

        res = c.get("resources") or {}
        req, lim = res.get("requests") or {}, res.get("limits") or {}
        for k in ("cpu", "memory"):
            if k not in req:
                err(cw, f"resources.requests.{k} missing")
            if k not in lim:
                err(cw, f"resources.limits.{k} missing")
        if req.get("memory") is not None and str(req.get("memory")) != str(lim.get("memory")):
            err(cw, f"memory request {req.get('memory')} != limit {lim.get('memory')}")

        probe(cw, c, "startupProbe", "/actuator/health/liveness")
        probe(cw, c, "livenessProbe", "/actuator/health/liveness")
        probe(cw, c, "readinessProbe", "/actuator/health/readiness")

        pre = ((c.get("lifecycle") or {}).get("preStop")) or {}
        if not pre:
            err(cw, "no lifecycle.preStop pause")
        sleep = (pre.get("sleep") or {}).get("seconds", 0)
        grace = pod.get("terminationGracePeriodSeconds", 30)
        if isinstance(grace, int) and sleep + 20 > grace:
            err(cw, f"terminationGracePeriodSeconds {grace} < preStop {sleep}s + 20s graceful shutdown")

        for ref in c.get("envFrom", []):
            cm = (ref.get("configMapRef") or {}).get("name")
            if cm and cm not in configmaps:
                err(cw, f"envFrom ConfigMap {cm} is not rendered")
        for e in c.get("env", []):
            ref = (e.get("valueFrom") or {}).get("secretKeyRef")
            if not ref:
                continue
            if not ref["name"].startswith("stockradar-secrets"):
                err(cw, f"secret {ref['name']}: only stockradar-secrets is used")
            rendered = secrets.get(ref["name"])
            keys = set((rendered or {}).get("data") or {}) | set((rendered or {}).get("stringData") or {})
            if rendered and ref["key"] not in keys and not ref.get("optional"):
                err(cw, f"secret key {ref['key']} missing from rendered {ref['name']}")

    svc = services.get(name)
    if not svc:
        err(w, "no Service with the same name")
    elif (svc["spec"].get("selector") or {}).get("app") != name:
        err(w, "Service selector must be app=<name>")

    pod_labels = tpl["metadata"].get("labels", {})
    own = [p for p in policies if p["spec"].get("podSelector", {}).get("matchLabels", {}).get("app") == name]
    if len(own) != 1:
        err(w, f"expected exactly one NetworkPolicy for app={name}, found {len(own)}")

if not any(p["spec"].get("podSelector") in ({}, None) and set(p["spec"].get("policyTypes", [])) == {"Ingress", "Egress"}
           and not p["spec"].get("ingress") and not p["spec"].get("egress") for p in policies):
    err(overlay, "no default deny-all NetworkPolicy")

if overlay == "prod":
    if secrets.get("stockradar-secrets") or any(n.startswith("stockradar-secrets") for n in secrets):
        err(overlay, "prod must reference stockradar-secrets by name only, never render it")
    auth = deployments.get("auth-service")
    if auth:
        for e in auth["spec"]["template"]["spec"]["containers"][0].get("env", []):
            if e["name"] == "STOCKRADAR_JWT_PRIVATE_KEY" and e["valueFrom"]["secretKeyRef"].get("optional", False):
                err(overlay, "auth-service signing key must be required in prod")

for e in errors:
    print(f"FAIL {e}", file=sys.stderr)
print(f"{overlay}: {len(deployments)} Deployments, {len(services)} Services, {len(policies)} NetworkPolicies"
      f" - {'OK' if not errors else f'{len(errors)} problem(s)'}")
sys.exit(1 if errors else 0)
PY
done
exit $status
