#!/usr/bin/env python3
"""Regenerates k8s/schemas/*.json: strict JSON schemas for exactly the kinds the overlays render.

Inputs are upstream files (see k8s/schemas/README.md for where each comes from and which version):
  --kubernetes swagger.json   the Kubernetes OpenAPI v2 document (definitions + x-kubernetes-group-version-kind)
  --crd FILE ...              CustomResourceDefinition YAML files (one or more CRDs per file)

For built-in kinds the definition and everything it references are copied into one self-contained schema;
every object with declared properties gets additionalProperties: false (the API server's strict field
validation rejects unknown fields). For CRDs the served version's openAPIV3Schema is copied the same way,
except where the CRD says x-kubernetes-preserve-unknown-fields (there unknown fields are kept, as the API
server does). metadata is checked against the Kubernetes ObjectMeta for every kind.

  python3 k8s/schemas/update.py --kubernetes swagger.json --crd clusters.yaml --crd ... KIND=group/version ...
"""
import argparse
import copy
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"


def strict_builtin(node):
    """Swagger 2 definition fragment -> JSON schema (draft 7) with closed objects."""
    if isinstance(node, list):
        return [strict_builtin(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("description",) or key.startswith("x-kubernetes-"):
            continue
        if key == "$ref":
            out[key] = value  # "#/definitions/<name>": the same place in the output file
            continue
        out[key] = strict_builtin(value)
    if node.get("format") == "int-or-string":
        out.pop("type", None)
        out.pop("format", None)
        out["type"] = ["integer", "string"]
    if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node:
        out["additionalProperties"] = False
    return out


def refs(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value.rsplit("/", 1)[-1])
            else:
                refs(value, found)
    elif isinstance(node, list):
        for n in node:
            refs(n, found)


def closure(definitions, root):
    seen, todo = set(), [root]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        found = set()
        refs(definitions[name], found)
        todo.extend(found - seen)
    return seen


def builtin_schema(definitions, name):
    needed = closure(definitions, name)
    defs = {n: strict_builtin(definitions[n]) for n in sorted(needed)}
    # Quantities are written as "500m", "1Gi" or plain numbers in YAML.
    if "io.k8s.apimachinery.pkg.api.resource.Quantity" in defs:
        defs["io.k8s.apimachinery.pkg.api.resource.Quantity"] = {"type": ["string", "integer", "number"]}
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": defs,
              "$ref": f"#/definitions/{name}"}
    return schema


def strict_crd(node):
    if isinstance(node, list):
        return [strict_crd(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "description" or (key.startswith("x-kubernetes-") and key != "x-kubernetes-preserve-unknown-fields"):
            continue
        if key in ("properties", "patternProperties"):
            out[key] = {k: strict_crd(v) for k, v in value.items()}
        else:
            out[key] = strict_crd(value)
    if node.get("x-kubernetes-int-or-string"):
        out.pop("type", None)
        if "anyOf" not in out:
            out["type"] = ["integer", "string"]
    if (node.get("type") == "object" and "properties" in node and "additionalProperties" not in node
            and not node.get("x-kubernetes-preserve-unknown-fields")):
        out["additionalProperties"] = False
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kubernetes", required=True)
    p.add_argument("--crd", action="append", default=[])
    p.add_argument("kinds", nargs="+", help="Kind=group/version, e.g. Deployment=apps/v1, Cluster=postgresql.cnpg.io/v1")
    a = p.parse_args()
    swagger = json.load(open(a.kubernetes))
    definitions = swagger["definitions"]
    by_gvk = {}
    for name, d in definitions.items():
        for gvk in d.get("x-kubernetes-group-version-kind", []):
            by_gvk[(gvk["group"], gvk["version"], gvk["kind"])] = name
    crds = {}
    for path in a.crd:
        for doc in yaml.safe_load_all(open(path)):
            if doc and doc.get("kind") == "CustomResourceDefinition":
                for v in doc["spec"]["versions"]:
                    crds[(doc["spec"]["group"], v["name"], doc["spec"]["names"]["kind"])] = v
    meta = builtin_schema(definitions, OBJECT_META)
    index = {}
    for item in a.kinds:
        kind, gv = item.split("=")
        group, version = gv.rsplit("/", 1) if "/" in gv else ("", gv)
        key = (group, version, kind)
        if key in by_gvk:
            schema = builtin_schema(definitions, by_gvk[key])
        elif key in crds:
            v = crds[key]
            if not v.get("served"):
                sys.exit(f"{item}: version not served by the CRD")
            body = strict_crd(v["schema"]["openAPIV3Schema"])
            body.setdefault("properties", {})["metadata"] = {"$ref": f"#/definitions/{OBJECT_META}"}
            body["additionalProperties"] = False
            schema = {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": meta["definitions"]}
            schema.update(body)
        else:
            sys.exit(f"{item}: not found in the inputs")
        schema.setdefault("required", [])
        name = f"{kind.lower()}-{(group or 'core').split('.')[0]}-{version}.json"
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(schema, f, separators=(",", ":"), sort_keys=True)
            f.write("\n")
        index[f"{gv}/{kind}"] = name
    path = os.path.join(HERE, "index.json")
    old = json.load(open(path)) if os.path.exists(path) else {}
    old.update(index)
    with open(path, "w") as f:
        json.dump(old, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
