#!/usr/bin/env python3
"""Checks one rendered overlay (k8s/verify.sh renders them) against the API schemas and the house rules.

    python3 k8s/verify.py OVERLAY RENDERED.yaml

Every failure is printed as "FAIL <overlay>: <rule>: <where>: <what>"; the rules (k8s/README.md, "Verify"):
  schema       every object validates against k8s/schemas (Kubernetes API + the operators' CRDs; unknown
               fields fail)
  deployment   the hardening rules of every Deployment (uid, seccomp, read-only root, probes, resources, ...)
  endpoint     every host a service is pointed at is a Service rendered here (or one an operator creates
               for a rendered resource) or a fully qualified external name
  env          every variable a manifest sets is read by that service; every localhost default a service
               would fall back to is overridden
  probe        probe paths/ports match the service's actuator settings and PORT
  memory       heap + bounded non-heap fits the memory limit; graceful shutdown fits the grace period
  scaling      autoscalers own the replica count, bounds fit PDBs, spread and Kafka partitions
  topics       every topic the code uses is a KafkaTopic (replicas 3, min.insync.replicas 2) where Kafka
               runs here; the services' partition/replica settings agree
  credentials  per-service database, Redis and Kafka identities, TLS with a mounted CA, least-privilege ACLs
  secrets      production renders no Secret; every Secret it needs is made by something rendered here
"""
import json
import os
import re
import sys

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster

try:
    import jsonschema
except ImportError:  # pragma: no cover - verify.sh checks first
    jsonschema = None

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.environ.get("STOCKRADAR_REPO") or os.path.dirname(HERE)  # the services' sources

SERVICES = {  # name -> container port; one name everywhere (module = app label = image)
    "gateway": 8080,
    "auth-service": 9000,
    "market-data-service": 9101,
    "agent-service": 9201,
    "history-service": 9301,
}
MIN_REPLICAS_LOCAL = {"market-data-service": 2, "agent-service": 2}
CPU_SCALED = ("gateway", "auth-service", "market-data-service")
LAG_SCALED = {  # service -> (consumer group, topic, setting with consumers per pod)
    "agent-service": ("agent-service", "stockradar.screen-requested.v1", "SCREENER_CHUNK_CONSUMERS"),
    "history-service": ("history-service", "stockradar.analysis-completed.v1", "KAFKA_LISTENER_CONCURRENCY"),
}
# Settings that size a topic: service -> {setting: (topic, "partitions" | "replicas")}
TOPIC_SETTINGS = {
    "agent-service": {
        "SCREENER_TOPIC_PARTITIONS": ("stockradar.screen-requested.v1", "partitions"),
        "KAFKA_TOPIC_PARTITIONS": ("stockradar.analysis-completed.v1", "partitions"),
        "KAFKA_TOPIC_REPLICAS": (None, "replicas"),
    },
}
# The KEDA Kafka scaler's trigger metadata keys (kedacore/keda v2.20.2 pkg/scalers/kafka_scaler.go,
# "order=triggerMetadata"; "FromEnv" = resolvedEnv). The CRD types metadata as a string map, so the
# schema alone cannot catch a misspelt key.
KEDA_KAFKA_KEYS = {
    "activationLagThreshold", "allowIdleConsumers", "awsRegion", "bootstrapServers", "bootstrapServersFromEnv",
    "consumerGroup", "consumerGroupFromEnv", "ensureEvenDistributionOfPartitions", "excludePersistentLag",
    "lagThreshold", "limitToPartitionsWithLag", "offsetResetPolicy", "partitionLimitation", "sasl",
    "saslTokenProvider", "scaleToZeroOnInvalidOffset", "tls", "topic", "topicFromEnv", "unsafeSsl", "version",
}
# Spring Boot properties the manifests set through relaxed binding that no application.yml mentions:
# property -> the configuration prefix the service must use for the property to mean anything.
BOOT_PROPERTIES = {
    "spring.data.redis.username": "spring.data.redis",
    "spring.data.redis.password": "spring.data.redis",
    "spring.data.redis.ssl.enabled": "spring.data.redis",
    "spring.data.redis.ssl.bundle": "spring.data.redis",
    "spring.kafka.security.protocol": "spring.kafka",
    "spring.kafka.ssl.trust-store-type": "spring.kafka",
    "spring.kafka.ssl.trust-store-location": "spring.kafka",
    "spring.kafka.admin.auto-create": "spring.kafka",
    "management.tracing.export.otlp.enabled": "management",
    "management.opentelemetry.tracing.export.otlp.endpoint": "management",
}
BOOT_MAPS = {  # maps bound from SPRING_..._<KEY>_...: prefix -> the configuration prefix that uses them
    "spring.kafka.properties": "spring.kafka",       # Map<String,String> of Kafka client properties
    "spring.ssl.bundle.pem": "spring.data.redis",    # the PEM SSL bundle "redis" (spring.data.redis.ssl.bundle)
}
ALWAYS_READ = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "SPRING_APPLICATION_JSON"}
NOT_ENDPOINTS = {"STOCKRADAR_JWT_ISSUER"}  # an identifier (the public URL), never connected to
NON_HEAP_OVERHEAD_MI = 96  # thread stacks, GC and JIT structures, malloc arenas, class data sharing
OPERATOR_SECRETS = {  # Secrets the operators create for a rendered resource: kind -> name patterns
    "Cluster": ["{name}-ca", "{name}-server", "{name}-replication"],
    "Kafka": ["{name}-cluster-ca-cert", "{name}-clients-ca-cert"],
}


def env_name(prop):
    """Spring Boot's canonical environment variable for a property (dots -> _, dashes dropped, upper case)."""
    return re.sub(r"\[(\d+)\]", r"_\1", prop).replace("-", "").replace(".", "_").upper()


def env_names(prop):
    """Every variable name Spring Boot binds to the property: the canonical one and the legacy one
    (SystemEnvironmentPropertyMapper: dashes as underscores, e.g. STOCKRADAR_JWT_PRIVATE_KEY)."""
    legacy = re.sub(r"\[(\d+)\]", r"_\1", prop).replace("-", "_").replace(".", "_").upper()
    return {env_name(prop), legacy}


def kebab(name):
    return re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", name).lower()


def record_components(src, start):
    """The component names of the record declared after position start (top-level commas only)."""
    m = re.compile(r"record\s+\w+\s*\(").search(src, start)
    if not m:
        return []
    depth, i, buf, parts = 1, m.end(), "", []
    while i < len(src) and depth:
        ch = src[i]
        depth += ch in "(<" and 1 or 0
        depth -= ch in ")>" and 1 or 0
        if depth == 1 and ch == ",":
            parts.append(buf)
            buf = ""
        elif depth:
            buf += ch
        i += 1
    parts.append(buf)
    names = []
    for part in parts:
        part = re.sub(r"@\w+(\([^)]*\))?", "", part).strip()
        if part:
            names.append(part.split()[-1])
    return names


def flatten(node, prefix=""):
    out = {}
    if isinstance(node, dict):
        for k, v in node.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.update(flatten(v, f"{prefix}[{i}]"))
    else:
        out[prefix] = node
    return out


class ServiceConfig:
    """What one service reads: its application*.yml (flattened) and the ${...} references in its code."""

    def __init__(self, name):
        self.name = name
        res = os.path.join(REPO, name, "src", "main", "resources")
        self.main = {}
        self.profiles = {}
        for f in sorted(os.listdir(res)) if os.path.isdir(res) else []:
            m = re.fullmatch(r"application(?:-(\w+))?\.ya?ml", f)
            if not m:
                continue
            flat = {}
            for doc in yaml.load_all(open(os.path.join(res, f)), Loader=LOADER):
                if doc:
                    flat.update(flatten(doc))
            if m.group(1):
                self.profiles[m.group(1)] = flat
            else:
                self.main = flat
        self.placeholders = set()  # ${VAR...} names in yml and code
        self.code_props = set()    # property names referenced by @Value("${prop...}") in code
        self.groups = set()        # Kafka consumer groups
        texts = [json.dumps(v) for flat in [self.main, *self.profiles.values()] for v in flat.values()]
        src = os.path.join(REPO, name, "src", "main", "java")
        self.java = []
        for root, _, files in os.walk(src):
            for f in files:
                if f.endswith(".java"):
                    self.java.append(open(os.path.join(root, f), encoding="utf-8").read())
        for t in texts + self.java:
            for m in re.finditer(r"\$\{([A-Za-z0-9_.\-\[\]]+)", t):
                ref = m.group(1)
                (self.placeholders if re.fullmatch(r"[A-Z0-9_]+", ref) else self.code_props).add(ref)
            for m in re.finditer(r'getenv\("([A-Z0-9_]+)"\)', t):
                self.placeholders.add(m.group(1))
        for t in self.java:
            for m in re.finditer(r'(?:GROUP|CONSUMER_GROUP)\s*=\s*"([^"]+)"', t):
                self.groups.add(m.group(1))
            # @ConfigurationProperties("prefix") record R(Type someName, ...) binds prefix.some-name
            for m in re.finditer(r'@ConfigurationProperties\(\s*(?:prefix\s*=\s*)?"([^"]+)"', t):
                for comp in record_components(t, m.end()):
                    self.code_props.add(f"{m.group(1)}.{kebab(comp)}")
        g = self.main.get("spring.kafka.consumer.group-id")
        if g:
            self.groups.add(g)
        self.props = set(self.main) | {p for flat in self.profiles.values() for p in flat} | self.code_props

    def uses_prefix(self, prefix):
        return any(p == prefix or p.startswith(prefix + ".") for p in self.props)

    def reads(self, var):
        if var in ALWAYS_READ or var in self.placeholders:
            return True
        if any(var in env_names(p) for p in self.props):
            return True
        for prop, prefix in BOOT_PROPERTIES.items():
            if var in env_names(prop) and self.uses_prefix(prefix):
                return True
        for prop, prefix in BOOT_MAPS.items():
            if var.startswith(env_name(prop) + "_") and self.uses_prefix(prefix):
                return True
        return False

    def localhost_defaults(self):
        """(property, placeholder variable or None, default) for every value that falls back to localhost."""
        out = []
        for prop, value in self.main.items():
            if not isinstance(value, str) or "localhost" not in value:
                continue
            m = re.search(r"\$\{([A-Z0-9_]+):[^}]*localhost", value)
            out.append((prop, m.group(1) if m else None, value))
        return out

    def default(self, var):
        for value in self.main.values():
            if isinstance(value, str):
                m = re.search(r"\$\{%s:([^}]*)\}" % re.escape(var), value)
                if m:
                    return m.group(1)
        return None


def java_topics():
    """Every topic name the services' code uses: String constants "stockradar.<...>.v<N>" and X + ".dlt"."""
    consts, derived = {}, []
    roots = [os.path.join(REPO, m, "src", "main", "java") for m in sorted(os.listdir(REPO))]
    for root, _, files in (w for r in roots if os.path.isdir(r) for w in os.walk(r)):
        for f in files:
            if not f.endswith(".java"):
                continue
            t = open(os.path.join(root, f), encoding="utf-8").read()
            for m in re.finditer(r'static final String (\w+) = "(stockradar\.[a-z0-9.\-]+\.v\d+(?:\.dlt)?)"', t):
                consts[m.group(1)] = m.group(2)
            for m in re.finditer(r'static final String (\w+) = (\w+) \+ "(\.[a-z]+)"', t):
                derived.append(m.groups())
            for m in re.finditer(r'(?:Topics\.)?(\w+) \+ (?:DEAD_LETTER_SUFFIX|"\.dlt")', t):
                derived.append((None, m.group(1), ".dlt"))
    topics = set(consts.values())
    for _, base, suffix in derived:
        if base in consts:
            topics.add(consts[base] + suffix)
    return topics


def parse_quantity_mi(q):
    q = str(q)
    units = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024, "K": 1000 / 1048576, "M": 1e6 / 1048576, "G": 1e9 / 1048576}
    for u, f in units.items():
        if q.endswith(u):
            return float(q[: -len(u)]) * f
    return float(q) / 1048576


def parse_size_mi(s):
    m = re.fullmatch(r"(\d+)([kKmMgG]?)", s)
    n, u = int(m.group(1)), m.group(2).lower()
    return n / 1024 / 1024 if not u else {"k": n / 1024, "m": n, "g": n * 1024}[u]


def parse_duration_s(s):
    m = re.fullmatch(r"(\d+)(ms|s|m)?", str(s))
    n, u = int(m.group(1)), m.group(2) or "ms"
    return {"ms": n / 1000, "s": n, "m": n * 60}[u]


class Checker:
    def __init__(self, overlay, docs):
        self.overlay = overlay
        self.docs = docs
        self.errors = []
        ns = {d["metadata"].get("namespace") for d in docs if d.get("kind") != "Namespace"} - {None}
        self.namespace = ns.pop() if len(ns) == 1 else None
        self.cfg = {s: ServiceConfig(s) for s in SERVICES}

    def err(self, rule, where, msg):
        self.errors.append(f"{rule}: {where}: {msg}")

    def kind(self, kind):
        return {d["metadata"]["name"]: d for d in self.docs if d.get("kind") == kind}

    # ---------------------------------------------------------------- schema
    def check_schemas(self):
        if jsonschema is None:
            return self.err("schema", self.overlay, "python3 jsonschema missing (Debian: python3-jsonschema)")
        index = json.load(open(os.path.join(HERE, "schemas", "index.json")))
        validators = {}
        for d in self.docs:
            gvk = f"{d.get('apiVersion')}/{d.get('kind')}"
            where = f"{d.get('kind')}/{d.get('metadata', {}).get('name')}"
            if gvk not in index:
                self.err("schema", where, f"no schema for {gvk} in k8s/schemas (add it: k8s/schemas/README.md)")
                continue
            if gvk not in validators:
                schema = json.load(open(os.path.join(HERE, "schemas", index[gvk])))
                validators[gvk] = jsonschema.Draft7Validator(schema)
            for e in sorted(validators[gvk].iter_errors(d), key=lambda e: list(e.absolute_path))[:5]:
                path = ".".join(str(p) for p in e.absolute_path) or "(root)"
                self.err("schema", where, f"{path}: {e.message[:300]}")

    # ---------------------------------------------------------------- environment
    def container_env(self, d):
        """The container's effective environment: envFrom ConfigMaps in order, then env (with $(VAR) expanded).
        Values from Secrets/fields are kept as ('secret', name, key) / ('field', path) tuples."""
        c = d["spec"]["template"]["spec"]["containers"][0]
        cms = self.configmaps_by_base()
        env, origin = {}, {}
        for ref in c.get("envFrom", []):
            name = (ref.get("configMapRef") or {}).get("name")
            cm = cms.get(name)
            if cm is None:
                continue
            for k, v in (cm.get("data") or {}).items():
                env[k] = v
                origin[k] = cm["metadata"]["name"]
        for e in c.get("env", []):
            if "value" in e:
                env[e["name"]] = re.sub(r"\$\((\w+)\)", lambda m: str(env.get(m.group(1), m.group(0))), str(e["value"]))
            else:
                vf = e.get("valueFrom") or {}
                if "secretKeyRef" in vf:
                    env[e["name"]] = ("secret", vf["secretKeyRef"]["name"], vf["secretKeyRef"]["key"])
                elif "fieldRef" in vf:
                    env[e["name"]] = ("field", vf["fieldRef"]["fieldPath"])
                else:
                    env[e["name"]] = ("other",)
            origin[e["name"]] = "env"
        return env, origin

    def configmaps_by_base(self):
        return {d["metadata"]["name"]: d for d in self.docs if d.get("kind") == "ConfigMap"}

    def platform_configmap(self):
        for name, cm in self.configmaps_by_base().items():
            if name.startswith("stockradar-platform"):
                return cm
        return None

    def check_env(self, deployments):
        platform = self.platform_configmap()
        if platform is None:
            self.err("env", self.overlay, "ConfigMap stockradar-platform is not rendered (k8s/base/platform)")
        platform_name = platform["metadata"]["name"] if platform else None
        used_platform_keys = set()
        for name, d in deployments.items():
            if name not in SERVICES:
                continue
            cfg = self.cfg[name]
            env, origin = self.container_env(d)
            c = d["spec"]["template"]["spec"]["containers"][0]
            refs = platform_name in [(r.get("configMapRef") or {}).get("name") for r in c.get("envFrom", [])]
            if platform and not refs:
                self.err("endpoint", f"Deployment/{name}", "does not read the ConfigMap stockradar-platform (envFrom)")
            for e in c.get("env", []):
                for m in re.finditer(r"\$\((\w+)\)", str(e.get("value", ""))):
                    used_platform_keys.add(m.group(1))
            for var, src in origin.items():
                if src == platform_name:
                    if cfg.reads(var):
                        used_platform_keys.add(var)
                    continue
                if not cfg.reads(var):
                    self.err("env", f"Deployment/{name}", f"sets {var} ({'env' if src == 'env' else 'ConfigMap ' + src}),"
                             " which the service never reads (no ${" + var + "} and no such Spring property)")
            # every localhost default the service would fall back to is overridden
            covered = set(env)
            app_json = env.get("SPRING_APPLICATION_JSON")
            json_props = set()
            if isinstance(app_json, str):
                try:
                    json_props = set(flatten(json.loads(app_json)))
                except ValueError:
                    self.err("env", f"Deployment/{name}", "SPRING_APPLICATION_JSON is not valid JSON")
            tracing_on = str(env.get("MANAGEMENT_TRACING_EXPORT_OTLP_ENABLED", "false")).lower() == "true"
            for prop, var, default in cfg.localhost_defaults():
                if "otlp" in prop and not tracing_on:
                    continue  # export off: the endpoint is never used
                list_base = re.sub(r"\[\d+\](\.[^\[]*)?$", "", prop)
                if (var and var in covered) or env_names(prop) & covered or prop in json_props:
                    continue
                if list_base != prop and any(j.startswith(list_base + "[") for j in json_props):
                    continue  # a list set by a higher source replaces the whole list (never merged)
                self.err("env", f"Deployment/{name}", f"{prop} falls back to {default!r}: set "
                         f"{var or env_name(prop)} (or {env_name(prop)})")
            self.check_endpoints(name, env, json_props, json.loads(app_json) if isinstance(app_json, str) else None)
            self.check_probe_settings(name, d, env)
        if platform:
            for key in platform.get("data") or {}:
                if key not in used_platform_keys:
                    self.err("env", f"ConfigMap/{platform_name}", f"{key} is read by no service and used in no DB_URL")

    # ---------------------------------------------------------------- endpoints
    def known_services(self):
        names = set(self.kind("Service"))
        for name in self.kind("Cluster"):
            names |= {f"{name}-rw", f"{name}-ro", f"{name}-r"}
        names |= set(self.kind("Pooler"))
        for name in self.kind("Kafka"):
            names |= {f"{name}-kafka-bootstrap", f"{name}-kafka-brokers"}
        return names

    def host_ok(self, host):
        """'' if the host is a rendered (or operator-made) Service or a fully qualified external name."""
        services = self.known_services()
        ns = self.namespace or "default"
        if host in services:
            return ""
        parts = host.split(".")
        for suffix in (f".{ns}", f".{ns}.svc", f".{ns}.svc.cluster.local"):
            if host.endswith(suffix) and host[: -len(suffix)] in services:
                return ""
        if host == "localhost" or re.fullmatch(r"[\d.]+|\[?[0-9a-fA-F:]+\]?", host):
            return "is a loopback or literal address"
        if host.endswith(".svc.cluster.local") and len(parts) == 5:
            if parts[1] == ns:
                return f"names Service {parts[0]} of this namespace, which is not rendered"
            return ""  # a Service of another namespace (a shared collector, ...): fully qualified
        if host.endswith(".svc") or host.endswith(".cluster.local") or host.endswith(".local"):
            return "is a cluster-internal name that is not fully qualified (<svc>.<ns>.svc.cluster.local)"
        if len(parts) >= 3 and re.fullmatch(r"[a-z][a-z0-9-]*", parts[-1]):
            return ""
        if len(parts) == 1:
            return "is neither a Service rendered here nor a fully qualified name"
        return "is not a fully qualified name (host.domain.tld)"

    def hosts_of(self, var, value):
        if not isinstance(value, str):
            return []
        if var.endswith("_SERVERS"):
            return [v.strip().rsplit(":", 1)[0] for v in value.split(",") if v.strip()]
        m = re.match(r"(?:jdbc:)?[a-z]+://([^/:?,]+)", value)
        if m:
            return [m.group(1)]
        if var.endswith("_HOST"):
            return [value]
        return []

    def check_endpoints(self, name, env, json_props, app_json):
        candidates = {}
        for var, value in env.items():
            if var in NOT_ENDPOINTS or not isinstance(value, str):
                continue
            if re.search(r"(_HOST|_URL|_URI|_SERVERS|_ENDPOINT)$", var):
                if "OTLP" in var and str(env.get("MANAGEMENT_TRACING_EXPORT_OTLP_ENABLED", "")).lower() != "true":
                    continue
                candidates[var] = value
        if app_json:
            for prop, value in flatten(app_json).items():
                if prop.endswith(".uri") or prop.endswith("-uri") or prop.endswith(".url"):
                    candidates[f"SPRING_APPLICATION_JSON {prop}"] = value
        for var, value in candidates.items():
            if "$(" in value:
                self.err("endpoint", f"Deployment/{name}", f"{var} = {value!r} refers to an unset variable")
                continue
            for host in self.hosts_of(var.split()[0] if " " not in var else "X_URI", value):
                why = self.host_ok(host)
                if why:
                    self.err("endpoint", f"Deployment/{name}", f"{var} host {host!r} {why}")

    # ---------------------------------------------------------------- probes
    def check_probe_settings(self, name, d, env):
        cfg = self.cfg[name]
        c = d["spec"]["template"]["spec"]["containers"][0]
        if cfg.main.get("management.endpoint.health.probes.enabled") is not True:
            self.err("probe", f"Deployment/{name}", "application.yml does not enable the health probes"
                     " (management.endpoint.health.probes.enabled)")
        port = env.get("PORT")
        ports = {p.get("containerPort") for p in c.get("ports", [])}
        if port is None or not str(port).isdigit() or int(port) not in ports:
            self.err("probe", f"Deployment/{name}", f"PORT {port!r} is not a container port {sorted(ports)}")
        base = cfg.main.get("management.endpoints.web.base-path", "/actuator")
        for kind, path in (("livenessProbe", "liveness"), ("readinessProbe", "readiness"), ("startupProbe", "liveness")):
            got = ((c.get(kind) or {}).get("httpGet") or {}).get("path")
            if got and got != f"{base}/health/{path}":
                self.err("probe", f"Deployment/{name}", f"{kind} GETs {got}, the service answers {base}/health/{path}")
        if "management.server.port" in cfg.main:
            self.check_management_port(name, d, c, env)

    def check_management_port(self, name, d, c, env):
        """The actuator on a port of its own: probes and scraping there, never in the Service, and only the
        monitoring namespace admitted to it (the kubelet's probes come from the node, which policies never block)."""
        w = f"Deployment/{name}"
        mport = env.get("MANAGEMENT_PORT")
        if mport is None or not str(mport).isdigit():
            self.err("probe", w, f"management.server.port is set: MANAGEMENT_PORT must be a port number, is {mport!r}")
            return
        mport = int(mport)
        named = [p for p in c.get("ports", []) if p.get("name") == "management"]
        if not named or named[0].get("containerPort") != mport:
            self.err("probe", w, f"needs a container port named management = MANAGEMENT_PORT {mport}")
        for kind in ("startupProbe", "livenessProbe", "readinessProbe"):
            got = ((c.get(kind) or {}).get("httpGet") or {}).get("port")
            if got is not None and got not in ("management", mport):
                self.err("probe", w, f"{kind} must use the management port, has {got!r}")
        annotations = d["spec"]["template"]["metadata"].get("annotations") or {}
        if "prometheus.io/port" in annotations and str(annotations["prometheus.io/port"]) != str(mport):
            self.err("probe", w, f"prometheus.io/port {annotations['prometheus.io/port']} is not the management port {mport}")
        svc = self.kind("Service").get(name)
        for p in (svc or {}).get("spec", {}).get("ports", []):
            if p.get("targetPort") in ("management", mport) or p.get("port") == mport:
                self.err("probe", f"Service/{name}", f"exposes the management port ({p.get('name')}): the actuator is not public")
        for pol in self.docs:
            if pol.get("kind") != "NetworkPolicy" or \
                    pol["spec"].get("podSelector", {}).get("matchLabels", {}).get("app") != name:
                continue
            for rule in pol["spec"].get("ingress") or []:
                ports = {p.get("port") for p in rule.get("ports") or []}
                if rule.get("ports") and not ports & {mport, "management"}:
                    continue
                froms = rule.get("from") or []
                monitoring_only = froms and all(
                    set(f) == {"namespaceSelector"}
                    and (f["namespaceSelector"] or {}).get("matchLabels") == {"kubernetes.io/metadata.name": "monitoring"}
                    for f in froms)
                if not monitoring_only:
                    self.err("probe", f"NetworkPolicy/{pol['metadata']['name']}",
                             f"admits more than the monitoring namespace to the management port {mport}")

    # ---------------------------------------------------------------- deployments (house rules)
    def check_deployments(self, deployments):
        services = self.kind("Service")
        configmaps = self.configmaps_by_base()
        secrets = self.kind("Secret")
        policies = [d for d in self.docs if d.get("kind") == "NetworkPolicy"]
        missing = set(SERVICES) - set(deployments)
        if missing:
            self.err("deployment", self.overlay, f"missing Deployments: {sorted(missing)}")
        for name, d in sorted(deployments.items()):
            w = f"Deployment/{name}"
            spec = d["spec"]
            tpl = spec["template"]
            pod = tpl["spec"]
            if d["metadata"].get("labels", {}).get("app") != name:
                self.err("deployment", w, "metadata.labels.app must equal the name")
            if spec["selector"].get("matchLabels", {}).get("app") != name:
                self.err("deployment", w, "selector.matchLabels.app must equal the name")
            if tpl["metadata"].get("labels", {}).get("app") != name:
                self.err("deployment", w, "template labels.app must equal the name")
            psc = pod.get("securityContext") or {}
            if psc.get("runAsNonRoot") is not True:
                self.err("deployment", w, "pod securityContext.runAsNonRoot must be true")
            if not isinstance(psc.get("runAsUser"), int) or psc["runAsUser"] == 0:
                self.err("deployment", w, "pod securityContext.runAsUser must be a non-zero uid")
            if (psc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
                self.err("deployment", w, "pod seccompProfile must be RuntimeDefault")
            if not isinstance(pod.get("terminationGracePeriodSeconds"), int):
                self.err("deployment", w, "terminationGracePeriodSeconds must be set")
            volumes = {v["name"]: v for v in pod.get("volumes", [])}
            empty_dirs = {n for n, v in volumes.items() if "emptyDir" in v}
            for c in pod.get("containers", []):
                cw = f"{w}/{c['name']}"
                image = c.get("image", "")
                if image.rsplit("/", 1)[-1].split("@")[0].find(":") < 0 and "@" not in image:
                    self.err("deployment", cw, f"image {image!r} has no tag or digest (the overlay's images: must set one)")
                if image.endswith(":latest"):
                    self.err("deployment", cw, "image must not use :latest")
                if image.split("@")[0].rsplit(":", 1)[0].rsplit("/", 1)[-1] != name:
                    self.err("deployment", cw, f"image name must be the service name, got {image!r}")
                if name in SERVICES and SERVICES[name] not in {p.get("containerPort") for p in c.get("ports", [])}:
                    self.err("deployment", cw, f"must listen on {SERVICES[name]}")
                sc = c.get("securityContext") or {}
                if sc.get("allowPrivilegeEscalation") is not False:
                    self.err("deployment", cw, "allowPrivilegeEscalation must be false")
                if sc.get("readOnlyRootFilesystem") is not True:
                    self.err("deployment", cw, "readOnlyRootFilesystem must be true")
                if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
                    self.err("deployment", cw, "capabilities.drop must contain ALL")
                if sc.get("privileged"):
                    self.err("deployment", cw, "must not be privileged")
                if sc.get("runAsUser") == 0 or sc.get("runAsNonRoot") is False:
                    self.err("deployment", cw, "container securityContext must not switch to root")
                tmp = [m for m in c.get("volumeMounts", []) if m.get("mountPath") == "/tmp"]
                if not tmp or tmp[0]["name"] not in empty_dirs:
                    self.err("deployment", cw, "/tmp must be an emptyDir mount")
                for m in c.get("volumeMounts", []):
                    if m["name"] not in volumes:
                        self.err("deployment", cw, f"volumeMount {m['name']} has no volume")
                res = c.get("resources") or {}
                req, lim = res.get("requests") or {}, res.get("limits") or {}
                for k in ("cpu", "memory"):
                    if k not in req:
                        self.err("deployment", cw, f"resources.requests.{k} missing")
                    if k not in lim:
                        self.err("deployment", cw, f"resources.limits.{k} missing")
                if req.get("memory") is not None and str(req.get("memory")) != str(lim.get("memory")):
                    self.err("deployment", cw, f"memory request {req.get('memory')} != limit {lim.get('memory')}")
                for kind, path in (("startupProbe", "/actuator/health/liveness"), ("livenessProbe", "/actuator/health/liveness"),
                                   ("readinessProbe", "/actuator/health/readiness")):
                    p = c.get(kind)
                    if not p:
                        self.err("probe", cw, f"no {kind}")
                        continue
                    get = p.get("httpGet") or {}
                    if get.get("path") != path:
                        self.err("probe", cw, f"{kind} must GET {path}, has {get.get('path')}")
                    ports = {pt.get("name") for pt in c.get("ports", [])} | {pt.get("containerPort") for pt in c.get("ports", [])}
                    if get.get("port") not in ports:
                        self.err("probe", cw, f"{kind} port {get.get('port')!r} is not a container port")
                self.check_memory_and_shutdown(name, cw, c, pod)
                for ref in c.get("envFrom", []):
                    cm = (ref.get("configMapRef") or {}).get("name")
                    if cm and cm not in configmaps:
                        self.err("deployment", cw, f"envFrom ConfigMap {cm} is not rendered")
                for e in c.get("env", []):
                    ref = (e.get("valueFrom") or {}).get("secretKeyRef")
                    if not ref:
                        continue
                    rendered = secrets.get(ref["name"])
                    keys = set((rendered or {}).get("data") or {}) | set((rendered or {}).get("stringData") or {})
                    if rendered and ref["key"] not in keys and not ref.get("optional"):
                        self.err("secrets", cw, f"secret key {ref['key']} missing from rendered {ref['name']}")
            svc = services.get(name)
            if not svc:
                self.err("deployment", w, "no Service with the same name")
            elif (svc["spec"].get("selector") or {}).get("app") != name:
                self.err("deployment", w, "Service selector must be app=<name>")
            own = [p for p in policies if p["spec"].get("podSelector", {}).get("matchLabels", {}).get("app") == name]
            if len(own) != 1:
                self.err("deployment", w, f"expected exactly one NetworkPolicy for app={name}, found {len(own)}")
        if not any(p["spec"].get("podSelector") in ({}, None) and set(p["spec"].get("policyTypes", [])) == {"Ingress", "Egress"}
                   and not p["spec"].get("ingress") and not p["spec"].get("egress") for p in policies):
            self.err("deployment", self.overlay, "no default deny-all NetworkPolicy")

    # ---------------------------------------------------------------- memory and shutdown
    def check_memory_and_shutdown(self, name, cw, c, pod):
        limit = (c.get("resources") or {}).get("limits", {}).get("memory")
        opts = next((e.get("value", "") for e in c.get("env", []) if e["name"] == "JAVA_TOOL_OPTIONS"), None)
        if opts is None:
            self.err("memory", cw, "no JAVA_TOOL_OPTIONS: the image's MaxRAMPercentage=75 leaves too little outside the heap")
        elif limit:
            limit_mi = parse_quantity_mi(limit)
            flags = dict(re.findall(r"-XX:(\w+)=(\S+)", opts))
            xmx = re.search(r"-Xmx(\d+[kKmMgG]?)", opts)
            if xmx:
                heap = parse_size_mi(xmx.group(1))
            elif "MaxRAMPercentage" in flags:
                pct = float(flags["MaxRAMPercentage"])
                if pct > 60:
                    self.err("memory", cw, f"MaxRAMPercentage={pct:g} > 60 leaves too little outside the heap")
                heap = limit_mi * pct / 100
            else:
                heap = limit_mi / 4
            bounded = {}
            for flag in ("MaxMetaspaceSize", "ReservedCodeCacheSize", "MaxDirectMemorySize"):
                if flag not in flags:
                    self.err("memory", cw, f"-XX:{flag} is not bounded")
                else:
                    bounded[flag] = parse_size_mi(flags[flag])
            need = heap + sum(bounded.values()) + NON_HEAP_OVERHEAD_MI
            if need > limit_mi + 0.5:
                self.err("memory", cw, f"heap {heap:.0f}Mi + metaspace/code cache/direct {sum(bounded.values()):.0f}Mi"
                         f" + {NON_HEAP_OVERHEAD_MI}Mi overhead = {need:.0f}Mi > limit {limit}")
        cfg = self.cfg.get(name)
        if cfg is None:
            return
        if cfg.main.get("server.shutdown") != "graceful":
            self.err("memory", cw, "application.yml must set server.shutdown: graceful")
        phase = cfg.main.get("spring.lifecycle.timeout-per-shutdown-phase", "30s")
        sleep = (((c.get("lifecycle") or {}).get("preStop") or {}).get("sleep") or {}).get("seconds", 0)
        if not sleep:
            self.err("deployment", cw, "no lifecycle.preStop sleep")
        grace = pod.get("terminationGracePeriodSeconds", 30)
        if isinstance(grace, int) and sleep + parse_duration_s(phase) + 5 > grace:
            self.err("memory", cw, f"terminationGracePeriodSeconds {grace} < preStop {sleep}s + shutdown phase {phase}"
                     " + 5s margin: graceful shutdown would be cut off")

    # ---------------------------------------------------------------- scaling
    def check_scaling(self, deployments):
        hpas = self.kind("HorizontalPodAutoscaler")
        scaled = self.kind("ScaledObject")
        pdbs = self.kind("PodDisruptionBudget")
        topics = {t["spec"].get("topicName", n): t for n, t in self.kind("KafkaTopic").items()}
        autoscaled = bool(hpas or scaled)
        if not autoscaled:
            for name, minimum in MIN_REPLICAS_LOCAL.items():
                d = deployments.get(name)
                if d and d["spec"].get("replicas", 1) < minimum:
                    self.err("scaling", f"Deployment/{name}", f"replicas {d['spec'].get('replicas', 1)} < {minimum}")
            return
        bounds = {}
        for name, h in hpas.items():
            ref = h["spec"]["scaleTargetRef"]
            bounds[ref["name"]] = (h["spec"].get("minReplicas", 1), h["spec"]["maxReplicas"], f"HorizontalPodAutoscaler/{name}")
            if ref["name"] in CPU_SCALED and not any(m.get("type") == "Resource" and m["resource"]["name"] == "cpu"
                                                     for m in h["spec"].get("metrics", [])):
                self.err("scaling", f"HorizontalPodAutoscaler/{name}", "must scale on CPU")
        for name, so in scaled.items():
            target = so["spec"]["scaleTargetRef"]["name"]
            lo, hi = so["spec"].get("minReplicaCount", 0), so["spec"].get("maxReplicaCount", 100)
            where = f"ScaledObject/{name}"
            if target in bounds:
                self.err("scaling", where, f"{target} already has {bounds[target][2]}: two autoscalers fight")
            bounds[target] = (lo, hi, where)
            d = deployments.get(target)
            if d is None:
                self.err("scaling", where, f"targets {target}, which is not rendered")
                continue
            env, _ = self.container_env(d)
            for trig in so["spec"].get("triggers", []):
                if trig.get("type") != "kafka":
                    continue
                meta = trig.get("metadata") or {}
                unknown = set(meta) - KEDA_KAFKA_KEYS
                if unknown:
                    self.err("scaling", where, f"unknown KEDA kafka trigger keys {sorted(unknown)}")
                if "bootstrapServersFromEnv" in meta and meta["bootstrapServersFromEnv"] not in env:
                    self.err("scaling", where, f"bootstrapServersFromEnv {meta['bootstrapServersFromEnv']} is not in {target}'s env")
                if "bootstrapServers" in meta:
                    for host in self.hosts_of("X_SERVERS", meta["bootstrapServers"]):
                        why = self.host_ok(host)
                        if why:
                            self.err("endpoint", where, f"bootstrapServers host {host!r} {why}")
                if not trig.get("authenticationRef") or trig["authenticationRef"]["name"] not in self.kind("TriggerAuthentication"):
                    self.err("scaling", where, "authenticationRef names no rendered TriggerAuthentication")
                if target in LAG_SCALED:
                    group, topic, per_pod_var = LAG_SCALED[target]
                    if meta.get("consumerGroup") != group or meta.get("topic") != topic:
                        self.err("scaling", where, f"must watch group {group} on {topic} (the service's own)")
                    per_pod = env.get(per_pod_var) or self.cfg[target].default(per_pod_var) or "1"
                    partitions = None
                    if meta.get("topic") in topics:
                        partitions = topics[meta["topic"]]["spec"].get("partitions")
                    elif target == "agent-service":
                        partitions = env.get("SCREENER_TOPIC_PARTITIONS") or self.cfg[target].default("SCREENER_TOPIC_PARTITIONS")
                    elif target == "history-service":
                        ad = deployments.get("agent-service")
                        if ad:
                            partitions = self.container_env(ad)[0].get("KAFKA_TOPIC_PARTITIONS")
                    if partitions is not None and hi * int(per_pod) > int(partitions):
                        self.err("scaling", where, f"maxReplicaCount {hi} x {per_pod_var} {per_pod} = {hi * int(per_pod)}"
                                 f" consumers > {partitions} partitions of {topic}: pods past {int(partitions) // int(per_pod)} idle")
        for name in SERVICES:
            d = deployments.get(name)
            if d is None:
                continue
            w = f"Deployment/{name}"
            if name not in bounds:
                self.err("scaling", w, "no HorizontalPodAutoscaler or ScaledObject")
                continue
            lo, hi, src = bounds[name]
            if "replicas" in d["spec"]:
                self.err("scaling", w, f"sets replicas: {d['spec']['replicas']}, which fights {src} on every apply")
            if lo < 2:
                self.err("scaling", src, f"minimum {lo} < 2: one pod is no high availability")
            if hi < lo:
                self.err("scaling", src, f"maximum {hi} < minimum {lo}")
            pdb = [p for p in pdbs.values() if (p["spec"].get("selector") or {}).get("matchLabels", {}).get("app") == name]
            if len(pdb) != 1:
                self.err("scaling", w, f"expected one PodDisruptionBudget selecting app={name}, found {len(pdb)}")
            else:
                p = pdb[0]["spec"]
                if "maxUnavailable" in p:
                    mu = p["maxUnavailable"]
                    if isinstance(mu, str) or mu < 1 or mu >= lo:
                        self.err("scaling", f"PodDisruptionBudget/{pdb[0]['metadata']['name']}",
                                 f"maxUnavailable {mu} must be a number >= 1 and < the minimum {lo} replicas")
                elif "minAvailable" in p:
                    ma = p["minAvailable"]
                    if isinstance(ma, str) or ma >= lo or ma < 1:
                        self.err("scaling", f"PodDisruptionBudget/{pdb[0]['metadata']['name']}",
                                 f"minAvailable {ma} must be >= 1 and < the minimum {lo} replicas (else no drain)")
            spread = d["spec"]["template"]["spec"].get("topologySpreadConstraints", [])
            for key in ("topology.kubernetes.io/zone", "kubernetes.io/hostname"):
                tsc = [t for t in spread if t.get("topologyKey") == key
                       and (t.get("labelSelector") or {}).get("matchLabels", {}).get("app") == name]
                if not tsc:
                    self.err("scaling", w, f"no topology spread over {key} selecting app={name}")
        md = deployments.get("market-data-service")
        if md and "market-data-service" in bounds:
            inst = self.container_env(md)[0].get("MARKET_DATA_INSTANCES")
            if inst is None or int(inst) != bounds["market-data-service"][1]:
                self.err("scaling", "Deployment/market-data-service", f"MARKET_DATA_INSTANCES {inst} != maximum replicas "
                         f"{bounds['market-data-service'][1]} (each instance's share of the DART limit)")

    # ---------------------------------------------------------------- topics
    def check_topics(self, deployments):
        kafkas = self.kind("Kafka")
        topics = {t["spec"].get("topicName", n): t for n, t in self.kind("KafkaTopic").items()}
        autoscaled = bool(self.kind("HorizontalPodAutoscaler") or self.kind("ScaledObject"))
        for name, settings in TOPIC_SETTINGS.items():
            d = deployments.get(name)
            if not d:
                continue
            env = self.container_env(d)[0]
            for var, (topic, field) in settings.items():
                value = env.get(var) or self.cfg[name].default(var)
                if field == "replicas" and autoscaled and (value is None or int(value) < 3):
                    self.err("topics", f"Deployment/{name}", f"{var}={value}: production topics need 3 replicas")
                if topic and topic in topics and value is not None and int(value) != topics[topic]["spec"].get("partitions"):
                    self.err("topics", f"Deployment/{name}", f"{var}={value} but KafkaTopic {topic} has "
                             f"{topics[topic]['spec'].get('partitions')} partitions")
        if not kafkas:
            return
        for name, k in kafkas.items():
            conf = k["spec"]["kafka"].get("config") or {}
            if conf.get("auto.create.topics.enable") is not False:
                self.err("topics", f"Kafka/{name}", "auto.create.topics.enable must be false: every topic is declared")
            if conf.get("min.insync.replicas", 1) < 2 or conf.get("default.replication.factor", 1) < 3:
                self.err("topics", f"Kafka/{name}", "default.replication.factor 3 and min.insync.replicas 2 expected")
        for topic in sorted(java_topics()):
            t = topics.get(topic)
            if t is None:
                self.err("topics", self.overlay, f"topic {topic} (used in the code) has no KafkaTopic")
                continue
            replicas = t["spec"].get("replicas", 0)
            misr = (t["spec"].get("config") or {}).get("min.insync.replicas", 1)
            if replicas < 3 or misr < 2 or misr >= replicas:
                self.err("topics", f"KafkaTopic/{t['metadata']['name']}", f"replicas {replicas} / min.insync.replicas {misr}:"
                         " expected 3 / 2")
            if t["metadata"].get("labels", {}).get("strimzi.io/cluster") not in kafkas:
                self.err("topics", f"KafkaTopic/{t['metadata']['name']}", "strimzi.io/cluster names no rendered Kafka")

    # ---------------------------------------------------------------- credentials
    def check_credentials(self, deployments):
        autoscaled = bool(self.kind("HorizontalPodAutoscaler") or self.kind("ScaledObject"))
        if not autoscaled:
            return  # local: one dev identity is fine
        seen = {}
        for name, d in deployments.items():
            if name not in SERVICES:
                continue
            cfg = self.cfg[name]
            env, _ = self.container_env(d)
            pod = d["spec"]["template"]["spec"]
            c = pod["containers"][0]
            secret_mounts = {}
            vols = {v["name"]: v for v in pod.get("volumes", [])}
            for m in c.get("volumeMounts", []):
                v = vols.get(m["name"], {})
                if "secret" in v:
                    secret_mounts[m["mountPath"]] = v["secret"]["secretName"]
            needs = []
            if cfg.uses_prefix("spring.datasource"):
                needs += [("DB_USERNAME", "database"), ("DB_PASSWORD", "database")]
                url = env.get("DB_URL", "")
                if "sslmode=verify-full" not in str(url):
                    self.err("credentials", f"Deployment/{name}", f"DB_URL {url!r} must use sslmode=verify-full")
                m = re.search(r"sslrootcert=([^&]+)", str(url))
                if not m:
                    self.err("credentials", f"Deployment/{name}", "DB_URL has no sslrootcert: pgjdbc looks in ~/.postgresql,"
                             " which the image's user does not have")
                elif not any(m.group(1).startswith(p.rstrip("/") + "/") for p in secret_mounts):
                    self.err("credentials", f"Deployment/{name}", f"sslrootcert {m.group(1)} is not in a mounted Secret")
            if cfg.uses_prefix("spring.data.redis"):
                needs += [("SPRING_DATA_REDIS_USERNAME", "redis"), ("SPRING_DATA_REDIS_PASSWORD", "redis")]
                if str(env.get("SPRING_DATA_REDIS_SSL_ENABLED", "")).lower() != "true":
                    self.err("credentials", f"Deployment/{name}", "Redis without TLS (SPRING_DATA_REDIS_SSL_ENABLED)")
                bundle = env.get("SPRING_DATA_REDIS_SSL_BUNDLE")
                if bundle:
                    var = f"SPRING_SSL_BUNDLE_PEM_{str(bundle).upper()}_TRUSTSTORE_CERTIFICATE"
                    loc = str(env.get(var, "")).removeprefix("file:")
                    if not any(loc.startswith(p.rstrip("/") + "/") for p in secret_mounts):
                        self.err("credentials", f"Deployment/{name}", f"Redis CA {loc or '(' + var + ' unset)'}"
                                 " is not in a mounted Secret")
            if cfg.uses_prefix("spring.kafka"):
                needs += [("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "kafka")]
                if env.get("SPRING_KAFKA_SECURITY_PROTOCOL") != "SASL_SSL":
                    self.err("credentials", f"Deployment/{name}", "SPRING_KAFKA_SECURITY_PROTOCOL must be SASL_SSL")
                loc = str(env.get("SPRING_KAFKA_SSL_TRUSTSTORELOCATION", "")).removeprefix("file:")
                if not any(loc.startswith(p.rstrip("/") + "/") for p in secret_mounts):
                    self.err("credentials", f"Deployment/{name}", f"Kafka trust store {loc or '(none)'} is not in a mounted Secret")
            for var, store in needs:
                v = env.get(var)
                if not (isinstance(v, tuple) and v[0] == "secret"):
                    self.err("credentials", f"Deployment/{name}", f"{var} must come from a Secret of its own ({store})")
                    continue
                other = seen.setdefault((store, var, v[1]), name)
                if other != name:
                    self.err("credentials", f"Deployment/{name}", f"{var} comes from Secret {v[1]}, shared with {other}:"
                             f" one {store} identity per service")
        self.check_kafka_users()
        self.check_postgres_roles()
        self.check_redis_acl()

    def check_kafka_users(self):
        users = self.kind("KafkaUser")
        if not self.kind("Kafka"):
            return
        topics = {t["spec"].get("topicName", n) for n, t in self.kind("KafkaTopic").items()}
        for name in SERVICES:
            cfg = self.cfg[name]
            if not cfg.uses_prefix("spring.kafka"):
                continue
            u = users.get(name)
            if u is None:
                self.err("credentials", self.overlay, f"no KafkaUser {name}")
                continue
            acls = (u["spec"].get("authorization") or {}).get("acls", [])
            groups_granted = set()
            for acl in acls:
                r = acl["resource"]
                if r.get("patternType", "literal") != "literal" or r.get("name") in ("*", None):
                    self.err("credentials", f"KafkaUser/{name}", f"ACL on {r.get('type')} {r.get('name')!r} is not a literal name")
                if r["type"] == "topic" and r.get("name") not in topics:
                    self.err("credentials", f"KafkaUser/{name}", f"ACL names topic {r.get('name')}, which has no KafkaTopic")
                if r["type"] == "group":
                    groups_granted.add(r["name"])
                if r["type"] == "cluster" or "All" in acl.get("operations", []):
                    self.err("credentials", f"KafkaUser/{name}", "no cluster-wide or All operations")
            for g in cfg.groups - groups_granted:
                self.err("credentials", f"KafkaUser/{name}", f"consumer group {g} (used in the code) has no ACL")
            for g in groups_granted - cfg.groups:
                self.err("credentials", f"KafkaUser/{name}", f"ACL for group {g}, which the code never uses")
            ref = (((u["spec"].get("authentication") or {}).get("password") or {}).get("valueFrom") or {}).get("secretKeyRef")
            if (u["spec"].get("authentication") or {}).get("type") not in ("scram-sha-512", "tls") :
                self.err("credentials", f"KafkaUser/{name}", "authentication must be scram-sha-512 or tls")
            if ref and ref["name"] != f"{name}-kafka":
                self.err("credentials", f"KafkaUser/{name}", f"password from {ref['name']}, the service reads {name}-kafka")

    def check_postgres_roles(self):
        clusters = self.kind("Cluster")
        if not clusters:
            return
        dbs = {d["spec"]["name"]: d["spec"] for d in self.kind("Database").values()}
        roles = {}
        for c in clusters.values():
            for r in (c["spec"].get("managed") or {}).get("roles", []):
                roles[r["name"]] = r
        es = {e["spec"].get("target", {}).get("name", n): e for n, e in self.kind("ExternalSecret").items()}
        for name, d in self.kind("Deployment").items():
            if name not in SERVICES or not self.cfg[name].uses_prefix("spring.datasource"):
                continue
            env = self.container_env(d)[0]
            m = re.search(r"/(\w+)\?", str(env.get("DB_URL", "")))
            db = m.group(1) if m else None
            if db not in dbs:
                self.err("credentials", f"Deployment/{name}", f"database {db} has no CNPG Database")
                continue
            owner = dbs[db].get("owner")
            role = roles.get(owner)
            secret = env.get("DB_PASSWORD")
            if role is None:
                self.err("credentials", f"Database/{db}", f"owner {owner} is not a managed role")
                continue
            if isinstance(secret, tuple) and role.get("passwordSecret", {}).get("name") != secret[1]:
                self.err("credentials", f"Deployment/{name}", f"reads its password from {secret[1]}, role {owner} from "
                         f"{role.get('passwordSecret', {}).get('name')}")
            tmpl = ((es.get(secret[1] if isinstance(secret, tuple) else "", {}).get("spec") or {}).get("target") or {}).get("template") or {}
            if (tmpl.get("data") or {}).get("username") not in (None, owner):
                self.err("credentials", f"ExternalSecret/{secret[1]}", f"username {(tmpl.get('data') or {}).get('username')} != role {owner}")
        if sum(1 for r in roles.values() if r.get("superuser")) > 0:
            self.err("credentials", self.overlay, "no managed role may be a superuser")

    def check_redis_acl(self):
        es = {e["spec"].get("target", {}).get("name", n): e for n, e in self.kind("ExternalSecret").items()}
        acl_es = es.get("redis-acl")
        if not acl_es:
            return
        text = "\n".join(str(v) for v in ((acl_es["spec"]["target"].get("template") or {}).get("data") or {}).values())
        users = {}
        for line in text.splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0] == "user":
                users[parts[1]] = parts[2:]
        if users.get("default", ["on"])[0] != "off":
            self.err("credentials", "ExternalSecret/redis-acl", "the default user must be off")
        for name, d in self.kind("Deployment").items():
            if name not in SERVICES or not self.cfg[name].uses_prefix("spring.data.redis"):
                continue
            rules = users.get(name)
            if rules is None:
                self.err("credentials", "ExternalSecret/redis-acl", f"no ACL user {name}")
                continue
            if "allkeys" in rules or "~*" in rules or "+@all" in rules:
                self.err("credentials", "ExternalSecret/redis-acl", f"user {name} may touch every key or command")
            tmpl = ((es.get(f"{name}-redis", {}).get("spec") or {}).get("target") or {}).get("template") or {}
            if (tmpl.get("data") or {}).get("username") != name:
                self.err("credentials", f"ExternalSecret/{name}-redis", f"username must be the ACL user {name}")

    # ---------------------------------------------------------------- secrets
    def check_secrets(self, deployments):
        autoscaled = bool(self.kind("HorizontalPodAutoscaler") or self.kind("ScaledObject"))
        if not autoscaled:
            return
        for name in self.kind("Secret"):
            self.err("secrets", f"Secret/{name}", "production renders no Secret (values never in the repo):"
                     " ExternalSecret or kubectl create secret")
        made = {e["spec"].get("target", {}).get("name", n) for n, e in self.kind("ExternalSecret").items()}
        made |= {c["spec"]["secretName"] for c in self.kind("Certificate").values()}  # cert-manager
        for kind, patterns in OPERATOR_SECRETS.items():
            for n in self.kind(kind):
                made |= {p.format(name=n) for p in patterns}
        if not made:
            return  # managed datastores: Secrets are created out of band (k8s/README.md lists them)
        needed = set()
        for d in deployments.values():
            pod = d["spec"]["template"]["spec"]
            for c in pod["containers"]:
                for e in c.get("env", []):
                    ref = (e.get("valueFrom") or {}).get("secretKeyRef")
                    if ref and not ref.get("optional"):
                        needed.add((ref["name"], f"Deployment/{d['metadata']['name']}"))
            for v in pod.get("volumes", []):
                if "secret" in v:
                    needed.add((v["secret"]["secretName"], f"Deployment/{d['metadata']['name']}"))
        for kind in ("StatefulSet",):
            for n, d in self.kind(kind).items():
                for v in d["spec"]["template"]["spec"].get("volumes", []):
                    if "secret" in v:
                        needed.add((v["secret"]["secretName"], f"{kind}/{n}"))
        for n, t in self.kind("TriggerAuthentication").items():
            for ref in t["spec"].get("secretTargetRef", []):
                needed.add((ref["name"], f"TriggerAuthentication/{n}"))
        for n, u in self.kind("KafkaUser").items():
            ref = (((u["spec"].get("authentication") or {}).get("password") or {}).get("valueFrom") or {}).get("secretKeyRef")
            if ref:
                needed.add((ref["name"], f"KafkaUser/{n}"))
        for c in self.kind("Cluster").values():
            for r in (c["spec"].get("managed") or {}).get("roles", []):
                if r.get("passwordSecret"):
                    needed.add((r["passwordSecret"]["name"], f"Cluster/{c['metadata']['name']}"))
        for secret, who in sorted(needed):
            if secret not in made:
                self.err("secrets", who, f"uses Secret {secret}, which nothing rendered here creates"
                         " (an ExternalSecret or an operator)")

    def run(self):
        self.check_schemas()
        schema_errors = len(self.errors)
        deployments = self.kind("Deployment")
        for check in (self.check_deployments, self.check_env, self.check_scaling, self.check_topics,
                      self.check_credentials, self.check_secrets):
            try:
                check(deployments)
            except (KeyError, TypeError, ValueError, AttributeError):
                if not schema_errors:
                    raise
                # objects that do not match their schema (reported above) can trip the rules
        return deployments


def main():
    overlay, path = sys.argv[1], sys.argv[2]
    docs = [d for d in yaml.load_all(open(path), Loader=LOADER) if d]
    checker = Checker(overlay, docs)
    deployments = checker.run()
    for e in checker.errors:
        print(f"FAIL {overlay}: {e}", file=sys.stderr)
    kinds = {}
    for d in docs:
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    print(f"{overlay}: {len(docs)} objects ({len(deployments)} Deployments, {len(kinds)} kinds) validated - "
          f"{'OK' if not checker.errors else f'{len(checker.errors)} problem(s)'}")
    sys.exit(1 if checker.errors else 0)


if __name__ == "__main__":
    main()
