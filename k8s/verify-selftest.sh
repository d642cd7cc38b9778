#!/usr/bin/env bash
# Proves that every rule of k8s/verify.sh can fail: for each case, copy k8s/ to a temporary tree, break
# one thing, run verify.sh on the overlay concerned and require it to FAIL with the expected message.
# A case whose edit no longer applies (the text it replaces is gone) fails too, so the cases cannot rot
# into testing nothing. Also requires the unbroken tree to pass. About a minute on two idle cores.
#
#   bash k8s/verify-selftest.sh            # prints "N passed, 0 failed"
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# edit FILE OLD NEW: replace the exact text OLD (which must be there) by NEW in the copy.
edit() {
  python3 - "$1" "$2" "$3" <<'PY' || return 1
import sys
path, old, new = sys.argv[1], sys.argv[2].encode().decode("unicode_escape"), sys.argv[3].encode().decode("unicode_escape")
text = open(path).read()
if old not in text:
    sys.exit(f"selftest: {path}: text to replace not found: {old!r}")
open(path, "w").write(text.replace(old, new, 1))
PY
}

# case_ NAME OVERLAY EXPECTED_MESSAGE -- EDIT... (each edit "FILE|OLD|NEW", FILE under k8s/; \n = newline)
# Cases run in the background, ${SELFTEST_JOBS:-3} at a time; results are collected at the end.
run_case() {
  local name="$1" overlay="$2" expect="$3"
  shift 4
  local tree="$work/$name"
  mkdir -p "$tree"
  cp -r "$here" "$tree/k8s"
  mkdir -p "$tree/deploy" && cp -r "$repo/deploy/postgres" "$tree/deploy/"
  local e file old new ok=1
  for e in "$@"; do
    IFS='|' read -r file old new <<<"$e"
    edit "$tree/k8s/$file" "$old" "$new" >>"$tree.log" 2>&1 || ok=0
  done
  K8S_DIR="$tree/k8s" STOCKRADAR_REPO="$repo" VERIFY_OVERLAYS="$overlay" bash "$tree/k8s/verify.sh" >>"$tree.log" 2>&1
  local rc=$?
  if [ $ok -eq 1 ] && [ $rc -ne 0 ] && grep -qF -- "$expect" "$tree.log"; then
    echo "ok   $name" >"$work/result.$name"
  else
    { echo "FAIL $name: expected verify.sh to fail with: $expect (exit $rc)"; sed 's/^/     | /' "$tree.log" | head -20; } \
      >"$work/result.$name"
  fi
  rm -rf "$tree"
}
case_() {
  while [ "$(jobs -rp | wc -l)" -ge "${SELFTEST_JOBS:-3}" ]; do sleep 0.1; done
  run_case "$@" &
}

# The unbroken tree passes.
if STOCKRADAR_REPO="$repo" bash "$here/verify.sh" >"$work/clean.log" 2>&1; then
  passed=$((passed + 1)); echo "ok   unbroken-tree-passes"
else
  failed=$((failed + 1)); echo "FAIL unbroken-tree-passes"; sed 's/^/     | /' "$work/clean.log" | head -20
fi

# --- schema: unknown fields fail, in a built-in kind and in a CRD ----------------------------------
case_ schema-unknown-field-deployment local "schema: Deployment/gateway: spec: Additional properties are not allowed ('revisionHistoryLimits'" -- \
  "base/gateway/deployment.yaml|  revisionHistoryLimit: 5|  revisionHistoryLimits: 5"
case_ schema-unknown-field-crd prod "schema: KafkaTopic/user-deleted-v1: spec: Additional properties are not allowed ('partition'" -- \
  "components/datastores-operators/kafka-topics.yaml|  topicName: stockradar.user-deleted.v1\n  partitions: 3|  topicName: stockradar.user-deleted.v1\n  partition: 3"
case_ schema-wrong-type prod "schema: HorizontalPodAutoscaler/gateway: spec.maxReplicas: 'ten' is not of type 'integer'" -- \
  "components/scaling/horizontal-pod-autoscalers.yaml|  maxReplicas: 10|  maxReplicas: ten"
case_ schema-unknown-kind prod "schema: PodMonitor/gateway: no schema for monitoring.coreos.com/v1/PodMonitor" -- \
  "components/scaling/pod-disruption-budgets.yaml|apiVersion: policy/v1|apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: gateway\nspec: {}\n---\napiVersion: policy/v1"

# --- endpoint: every host is a rendered Service or a fully qualified external name -----------------
case_ endpoint-unrendered-service prod "endpoint: Deployment/gateway: REDIS_HOST host 'redis-master' is neither a Service rendered here nor a fully qualified name" -- \
  "components/datastores-operators/kustomization.yaml|      - REDIS_HOST=redis|      - REDIS_HOST=redis-master"
case_ endpoint-not-fully-qualified prod-managed "endpoint: Deployment/auth-service: DB_URL host 'postgres.internal' is not a fully qualified name" -- \
  "components/datastores-managed/kustomization.yaml|POSTGRES_HOST=postgres.stockradar.example.internal|POSTGRES_HOST=postgres.internal"
case_ endpoint-loopback local "endpoint: Deployment/agent-service: KAFKA_BOOTSTRAP_SERVERS host 'localhost' is a loopback or literal address" -- \
  "base/platform/kustomization.yaml|KAFKA_BOOTSTRAP_SERVERS=kafka:9092|KAFKA_BOOTSTRAP_SERVERS=localhost:9092"
case_ endpoint-own-namespace-fqdn prod "endpoint: Deployment/auth-service: MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT host 'otel-collector.stockradar.svc.cluster.local' names Service otel-collector of this namespace, which is not rendered" -- \
  "overlays/prod/kustomization.yaml|otel-collector.observability.svc|otel-collector.stockradar.svc"
case_ endpoint-platform-not-used local "endpoint: Deployment/history-service: does not read the ConfigMap stockradar-platform" -- \
  "base/history-service/deployment.yaml|            - configMapRef:\n                name: stockradar-platform\n|"

# --- env: set only what the service reads; override every localhost default ------------------------
case_ env-not-read local "env: Deployment/market-data-service: sets KAFKA_TOPIC_REPLICAS (ConfigMap market-data-service-config" -- \
  "base/market-data-service/kustomization.yaml|      - PORT=9101|      - PORT=9101\n      - KAFKA_TOPIC_REPLICAS=3"
case_ env-redis-credentials-for-service-without-redis prod "env: Deployment/history-service: sets SPRING_DATA_REDIS_USERNAME (env), which the service never reads" -- \
  "components/service-credentials/history-service.yaml|          env:\n|          env:\n            - name: SPRING_DATA_REDIS_USERNAME\n              value: history-service\n"
case_ env-platform-key-unused local "env: ConfigMap/stockradar-platform" -- \
  "base/platform/kustomization.yaml|      - REDIS_PORT=6379|      - REDIS_PORT=6379\n      - REDIS_DATABASE=0"
case_ env-localhost-default-left local "env: Deployment/agent-service: spring.cloud.discovery.client.simple.instances.market-data-service[0].uri falls back to '\${MARKET_DATA_URL:http://localhost:9101}'" -- \
  "base/agent-service/kustomization.yaml|      - MARKET_DATA_URL=http://market-data-service:9101\n|"

# --- probe ----------------------------------------------------------------------------------------
case_ probe-path local "probe: Deployment/gateway/gateway: readinessProbe must GET /actuator/health/readiness, has /actuator/health" -- \
  "base/gateway/deployment.yaml|              path: /actuator/health/readiness|              path: /actuator/health"
case_ probe-port-env local "probe: Deployment/auth-service: PORT '9001' is not a container port" -- \
  "base/auth-service/kustomization.yaml|      - PORT=9000|      - PORT=9001"
case_ probe-management-public-port local "probe: Deployment/gateway: readinessProbe must use the management port, has 'http'" -- \
  "base/gateway/deployment.yaml|              path: /actuator/health/readiness\n              port: management|              path: /actuator/health/readiness\n              port: http"
case_ probe-management-port-env local "probe: Deployment/gateway: needs a container port named management = MANAGEMENT_PORT 8082" -- \
  "base/gateway/kustomization.yaml|      - MANAGEMENT_PORT=8081|      - MANAGEMENT_PORT=8082"
case_ probe-management-in-service local "probe: Service/gateway: exposes the management port (management)" -- \
  "base/gateway/service.yaml|      protocol: TCP|      protocol: TCP\n    - name: management\n      port: 8081\n      targetPort: management"
case_ probe-management-open-policy prod "probe: NetworkPolicy/gateway: admits more than the monitoring namespace to the management port 8081" -- \
  "components/production/gateway-ingress.yaml|        - port: 8080\n          protocol: TCP|        - port: 8080\n          protocol: TCP\n        - port: 8081"
case_ probe-management-scrape-port local "probe: Deployment/gateway: prometheus.io/port 8080 is not the management port 8081" -- \
  "base/gateway/deployment.yaml|prometheus.io/port: \"8081\"|prometheus.io/port: \"8080\""

# --- memory and graceful shutdown -----------------------------------------------------------------
case_ memory-heap-share prod "memory: Deployment/history-service/history-service: MaxRAMPercentage=75 > 60" -- \
  "base/history-service/deployment.yaml|-XX:MaxRAMPercentage=50|-XX:MaxRAMPercentage=75"
case_ memory-unbounded-direct prod "memory: Deployment/gateway/gateway: -XX:MaxDirectMemorySize is not bounded" -- \
  "base/gateway/deployment.yaml|-XX:MaxDirectMemorySize=64m ||"
case_ memory-sum-over-limit prod "memory: Deployment/auth-service/auth-service: heap 384Mi + metaspace/code cache/direct 416Mi" -- \
  "base/auth-service/deployment.yaml|-XX:MaxMetaspaceSize=160m|-XX:MaxMetaspaceSize=288m"
case_ shutdown-grace local "memory: Deployment/agent-service/agent-service: terminationGracePeriodSeconds 20 < preStop 5s + shutdown phase 20s" -- \
  "base/agent-service/deployment.yaml|terminationGracePeriodSeconds: 40|terminationGracePeriodSeconds: 20"

# --- scaling --------------------------------------------------------------------------------------
case_ scaling-replicas-fight-hpa prod "scaling: Deployment/gateway: sets replicas: 3, which fights HorizontalPodAutoscaler/gateway" -- \
  "overlays/prod/kustomization.yaml|images:|replicas:\n  - name: gateway\n    count: 3\nimages:"
case_ scaling-keda-over-partitions prod "scaling: ScaledObject/agent-service: maxReplicaCount 13 x SCREENER_CHUNK_CONSUMERS 2 = 26 consumers > 24 partitions" -- \
  "components/scaling/scaled-objects.yaml|  maxReplicaCount: 12|  maxReplicaCount: 13"
case_ scaling-consumers-per-pod prod-managed "scaling: ScaledObject/history-service: maxReplicaCount 6 x KAFKA_LISTENER_CONCURRENCY 3 = 18 consumers > 12 partitions" -- \
  "components/scaling/kustomization.yaml|KAFKA_LISTENER_CONCURRENCY=2|KAFKA_LISTENER_CONCURRENCY=3"
case_ scaling-pdb-blocks-drain prod "scaling: PodDisruptionBudget/auth-service: maxUnavailable 2 must be a number >= 1 and < the minimum 2 replicas" -- \
  "components/scaling/pod-disruption-budgets.yaml|  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: auth-service|  maxUnavailable: 2\n  selector:\n    matchLabels:\n      app: auth-service"
case_ scaling-min-one prod "scaling: HorizontalPodAutoscaler/market-data-service: minimum 1 < 2" -- \
  "components/scaling/horizontal-pod-autoscalers.yaml|  minReplicas: 2\n  maxReplicas: 8             # = MARKET_DATA_INSTANCES|  minReplicas: 1\n  maxReplicas: 8             # = MARKET_DATA_INSTANCES"
case_ scaling-zone-spread prod "scaling: Deployment/gateway: no topology spread over topology.kubernetes.io/zone" -- \
  "components/scaling/topology-spread.yaml|          topologyKey: topology.kubernetes.io/zone|          topologyKey: example.com/rack"
case_ scaling-keda-typo prod "scaling: ScaledObject/history-service: unknown KEDA kafka trigger keys ['lagTreshold']" -- \
  "components/scaling/scaled-objects.yaml|        lagThreshold: \"500\"|        lagTreshold: \"500\""
case_ scaling-dart-share prod "scaling: Deployment/market-data-service: MARKET_DATA_INSTANCES 2 != maximum replicas 8" -- \
  "components/scaling/kustomization.yaml|MARKET_DATA_INSTANCES=8|MARKET_DATA_INSTANCES=2"
case_ scaling-local-replicas local "scaling: Deployment/agent-service: replicas 1 < 2" -- \
  "overlays/local/kustomization.yaml|  - name: agent-service\n    count: 2|  - name: agent-service\n    count: 1"

# --- topics ---------------------------------------------------------------------------------------
case_ topics-missing prod "topics: prod: topic stockradar.user-deleted.v1.dlt (used in the code) has no KafkaTopic" -- \
  "components/datastores-operators/kafka-topics.yaml|  topicName: stockradar.user-deleted.v1.dlt|  topicName: stockradar.user-deleted.v2.dlt"
case_ topics-min-isr prod "topics: KafkaTopic/analysis-completed-v1: replicas 3 / min.insync.replicas 1: expected 3 / 2" -- \
  "components/datastores-operators/kafka-topics.yaml|  topicName: stockradar.analysis-completed.v1\n  partitions: 12\n  replicas: 3\n  config:\n    min.insync.replicas: 2|  topicName: stockradar.analysis-completed.v1\n  partitions: 12\n  replicas: 3\n  config:\n    min.insync.replicas: 1"
case_ topics-replicas-setting prod-managed "topics: Deployment/agent-service: KAFKA_TOPIC_REPLICAS=1: production topics need 3 replicas" -- \
  "components/scaling/kustomization.yaml|KAFKA_TOPIC_REPLICAS=3|KAFKA_TOPIC_REPLICAS=1"
case_ topics-partitions-disagree prod "topics: Deployment/agent-service: SCREENER_TOPIC_PARTITIONS=24 but KafkaTopic stockradar.screen-requested.v1 has 30 partitions" -- \
  "components/datastores-operators/kafka-topics.yaml|  partitions: 24|  partitions: 30"
case_ topics-auto-create prod "topics: Kafka/stockradar-kafka: auto.create.topics.enable must be false" -- \
  "components/datastores-operators/kafka.yaml|      auto.create.topics.enable: false|      auto.create.topics.enable: true"

# --- credentials ----------------------------------------------------------------------------------
case_ credentials-shared-db-secret prod "credentials: Deployment/history-service: DB_PASSWORD comes from Secret agent-service-db, shared with agent-service" -- \
  "base/history-service/deployment.yaml|                  name: history-service-db\n                  key: password|                  name: agent-service-db\n                  key: password"
case_ credentials-no-sslrootcert prod "credentials: Deployment/auth-service: DB_URL has no sslrootcert" -- \
  "components/service-credentials/kustomization.yaml|POSTGRES_PARAMS=sslmode=verify-full&sslrootcert=/etc/stockradar/postgres-ca/ca.crt|POSTGRES_PARAMS=sslmode=verify-full"
case_ credentials-ca-not-mounted prod "credentials: Deployment/agent-service: sslrootcert /etc/stockradar/postgres-ca/ca.crt is not in a mounted Secret" -- \
  "components/service-credentials/agent-service.yaml|              mountPath: /etc/stockradar/postgres-ca|              mountPath: /etc/stockradar/pg-ca"
case_ credentials-plaintext-kafka prod-managed "credentials: Deployment/history-service: SPRING_KAFKA_SECURITY_PROTOCOL must be SASL_SSL" -- \
  "components/service-credentials/kustomization.yaml|SPRING_KAFKA_SECURITY_PROTOCOL=SASL_SSL|SPRING_KAFKA_SECURITY_PROTOCOL=PLAINTEXT"
case_ credentials-redis-plaintext prod-managed "credentials: Deployment/market-data-service: Redis without TLS (SPRING_DATA_REDIS_SSL_ENABLED)" -- \
  "components/service-credentials/kustomization.yaml|      - SPRING_DATA_REDIS_SSL_ENABLED=true\n      - SPRING_DATA_REDIS_SSL_BUNDLE=redis\n|"
case_ credentials-redis-ca-not-mounted prod "credentials: Deployment/gateway: Redis CA /etc/stockradar/redis-ca/ca.crt is not in a mounted Secret" -- \
  "components/service-credentials/gateway.yaml|              mountPath: /etc/stockradar/redis-ca|              mountPath: /etc/stockradar/redis"
case_ credentials-redis-password-inline prod "credentials: Deployment/gateway: SPRING_DATA_REDIS_PASSWORD must come from a Secret of its own (redis)" -- \
  "components/service-credentials/gateway.yaml|            - name: SPRING_DATA_REDIS_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: gateway-redis\n                  key: password|            - name: SPRING_DATA_REDIS_PASSWORD\n              value: hunter2"
case_ credentials-acl-wildcard prod "credentials: KafkaUser/agent-service: ACL on topic '*' is not a literal name" -- \
  "components/datastores-operators/kafka-users.yaml|          name: stockradar.analysis-completed.v1\n          patternType: literal\n        operations: [Describe, Write]|          name: \"*\"\n          patternType: literal\n        operations: [Describe, Write]"
case_ credentials-group-acl-missing prod "credentials: KafkaUser/history-service: consumer group history-service-dlt-replay (used in the code) has no ACL" -- \
  "components/datastores-operators/kafka-users.yaml|          name: history-service-dlt-replay|          name: history-service-replay"
case_ credentials-redis-default-user prod "credentials: ExternalSecret/redis-acl: the default user must be off" -- \
  "components/datastores-operators/external-secrets.yaml|          user default off|          user default on nopass ~* +@all"
case_ credentials-cnpg-role-secret prod "credentials: Deployment/agent-service: reads its password from agent-service-db, role agent from history-service-db" -- \
  "components/datastores-operators/postgres.yaml|          name: agent-service-db|          name: history-service-db"

# --- secrets ----------------------------------------------------------------------------------------
case_ secrets-value-in-repo prod "FAIL secrets: the files above define a Secret" -- \
  "overlays/prod/namespace.yaml|    pod-security.kubernetes.io/warn: restricted|    pod-security.kubernetes.io/warn: restricted\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: stockradar-secrets\nstringData:\n  GATEWAY_CLIENT_SECRET: oops"
case_ secrets-generated-in-prod prod "secrets: Secret/stockradar-secrets" -- \
  "overlays/prod/kustomization.yaml|images:|secretGenerator:\n  - name: stockradar-secrets\n    literals:\n      - GATEWAY_CLIENT_SECRET=oops\nimages:"
case_ secrets-made-by-nothing prod "secrets: Deployment/market-data-service: uses Secret market-data-service-redis, which nothing rendered here creates" -- \
  "components/datastores-operators/external-secrets.yaml|  name: market-data-service-redis\nspec:|  name: market-data-service-cache\nspec:" \
  "components/datastores-operators/external-secrets.yaml|    name: market-data-service-redis|    name: market-data-service-cache"

wait
for r in "$work"/result.*; do
  cat "$r"
  if head -c 4 "$r" | grep -q '^ok'; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "verify-selftest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
