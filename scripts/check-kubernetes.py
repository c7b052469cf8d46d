#!/usr/bin/env python3
"""Offline check of deploy/kubernetes (run by scripts/check-kubernetes.sh, in CI).

1. Schemas: every built-in object against Kubernetes' own OpenAPI schemas (kubernetes-validate,
   strict: unknown fields are errors) for the oldest and newest versions we support; KEDA's
   ScaledObject / TriggerAuthentication against deploy/kubernetes/schemas/keda-v2.json (strict),
   the HPA behavior inside against Kubernetes' schema.
2. Wiring, against the code: every queue Carcosa has (read from common/src/jobs.rs) is served by
   exactly one worker pool; each ScaledObject scales an existing Deployment on exactly the
   queues that pool serves; Services, PDBs and HPAs select existing pods; probes use named ports
   and the endpoints the processes really serve; termination grace covers the drain times in
   the code; the kustomization lists every manifest.

`--self-test` breaks copies of the manifests in ways the check must catch, and fails if any
breakage goes unnoticed.
"""

import copy
import glob
import json
import os
import re
import sys

import jsonschema
import kubernetes_validate
import yaml
from kubernetes_validate import utils as kv

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
DIR = os.path.join(ROOT, "deploy", "kubernetes")
VERSIONS = ["1.30.0", "1.37.0"]
# Endpoints each process serves (api/src/routes/health.rs, /metrics in api/src/metrics.rs;
# worker/src/lib.rs serve_metrics), by container port name.
ENDPOINTS = {"http": {"/healthz", "/readyz", "/metrics"}, "metrics": {"/healthz", "/readyz", "/metrics"}}


def code_queues():
    src = open(os.path.join(ROOT, "common", "src", "jobs.rs")).read()
    return set(re.findall(r'const QUEUE: &\'static str = "([a-z_]+)";', src))


def code_seconds(path, pattern):
    m = re.search(pattern, open(os.path.join(ROOT, path)).read())
    if not m:
        raise SystemExit(f"check-kubernetes: cannot find {pattern!r} in {path}")
    return int(m.group(1))


def load_docs():
    docs = []
    for path in sorted(glob.glob(os.path.join(DIR, "*.yaml"))):
        name = os.path.basename(path)
        for doc in yaml.safe_load_all(open(path)):
            if doc:
                docs.append((name, doc))
    return docs


def k8s_behavior_validator(version):
    """Kubernetes' schema of HorizontalPodAutoscalerBehavior, with its definitions."""
    from referencing import Registry, Resource

    schema_dir = f"kubernetes-json-schema/v{version}-local-strict"
    schema = kv.schema_contents(f"{schema_dir}/horizontalpodautoscalerbehavior-autoscaling-v2.json", version)
    defs = kv.schema_contents(f"{schema_dir}/_definitions.json", version)
    registry = Resource.from_contents(defs) @ (Resource.from_contents(schema) @ Registry())
    return jsonschema.Draft202012Validator(schema, registry=registry)


def check(docs):
    errors = []
    err = errors.append
    keda = json.load(open(os.path.join(DIR, "schemas", "keda-v2.json")))
    keda["$defs"]["ScaledObject"]["properties"]["spec"]["properties"]["advanced"]["properties"][
        "horizontalPodAutoscalerConfig"]["properties"]["behavior"] = {"type": "object"}

    by_kind = {}
    for name, doc in docs:
        kind = doc.get("kind", "?")
        ident = f"{name}: {kind}/{doc.get('metadata', {}).get('name', '?')}"
        by_kind.setdefault(kind, []).append((ident, doc))
        if kind == "Kustomization":
            continue
        if str(doc.get("apiVersion", "")).startswith("keda.sh/"):
            sub = dict(keda, **{"$ref": f"#/$defs/{kind}"})
            for e in jsonschema.Draft202012Validator(sub).iter_errors(doc):
                err(f"{ident}: {'.'.join(map(str, e.path))}: {e.message}")
            behavior = doc.get("spec", {}).get("advanced", {}).get("horizontalPodAutoscalerConfig", {}).get("behavior")
            if behavior is not None:
                for v in VERSIONS:
                    for e in k8s_behavior_validator(v).iter_errors(behavior):
                        err(f"{ident}: behavior (k8s {v}): {e.message}")
            continue
        for v in VERSIONS:
            try:
                kubernetes_validate.validate(doc, v, strict=True)
            except kubernetes_validate.ValidationError as e:
                err(f"{ident} (k8s {v}): {'.'.join(map(str, e.path))}: {e.message}")
            except Exception as e:  # a kind with no schema is an error here, not a warning
                err(f"{ident} (k8s {v}): {getattr(e, 'message', e)}")

    deployments = {d["metadata"]["name"]: d for _, d in by_kind.get("Deployment", [])}
    pod_labels = {n: d["spec"]["template"]["metadata"].get("labels", {}) for n, d in deployments.items()}

    def selects_pods(ident, selector):
        if not any(all(labels.get(k) == v for k, v in selector.items()) for labels in pod_labels.values()):
            err(f"{ident}: selector {selector} matches no Deployment's pods")

    for ident, d in by_kind.get("Service", []):
        selects_pods(ident, d["spec"].get("selector", {}))
    for ident, d in by_kind.get("PodDisruptionBudget", []):
        selects_pods(ident, d["spec"].get("selector", {}).get("matchLabels", {}))
    for ident, d in by_kind.get("HorizontalPodAutoscaler", []):
        if d["spec"]["scaleTargetRef"]["name"] not in deployments:
            err(f"{ident}: scales {d['spec']['scaleTargetRef']['name']}, which is no Deployment here")
    for name, d in deployments.items():
        sel = d["spec"]["selector"]["matchLabels"]
        if any(pod_labels[name].get(k) != v for k, v in sel.items()):
            err(f"Deployment/{name}: its selector does not match its own pods")

    # Probes, drain times, queues.
    queues = code_queues()
    monitor_drain = code_seconds("worker/src/jobs.rs", r"shutdown_timeout\(Duration::from_secs\((\d+)\)\)")
    transform_wait = code_seconds("common/src/config.rs", r"fn default_transform_wait_secs\(\) -> u64 \{\s*(\d+)")
    served = {}
    cron = []
    for name, d in deployments.items():
        spec = d["spec"]["template"]["spec"]
        grace = spec.get("terminationGracePeriodSeconds", 30)
        for c in spec["containers"]:
            ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
            for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
                get = c.get(probe, {}).get("httpGet")
                if not get:
                    continue
                if get["port"] not in ports:
                    err(f"Deployment/{name}: {probe} uses port {get['port']!r}, not a named port of the container")
                elif get["path"] not in ENDPOINTS.get(get["port"], set()):
                    err(f"Deployment/{name}: {probe} path {get['path']} is not an endpoint Carcosa serves there")
            if c.get("image") != "carcosa":
                err(f"Deployment/{name}: image {c.get('image')!r} is not the kustomization's `carcosa`")
            env = {e["name"]: e.get("value") for e in c.get("env", [])}
            args = c.get("args", [])
            pre_stop = c.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command", [])
            pre_stop_secs = int(pre_stop[1]) if pre_stop[:1] == ["sleep"] else 0
            if args == ["serve"]:
                need = pre_stop_secs + transform_wait + 5
                if grace < need:
                    err(f"Deployment/{name}: grace {grace}s < preStop {pre_stop_secs}s + transform wait {transform_wait}s + 5s")
                if "readinessProbe" not in c or "livenessProbe" not in c:
                    err(f"Deployment/{name}: the API needs readiness and liveness probes")
            elif args == ["work"]:
                if grace < monitor_drain + 10:
                    err(f"Deployment/{name}: grace {grace}s < the workers' drain {monitor_drain}s + 10s")
                if "livenessProbe" not in c:
                    err(f"Deployment/{name}: a worker needs a liveness probe")
                raw = env.get("CARCOSA_WORKER__QUEUES")
                pool = set(re.findall(r"[a-z_]+", raw)) if raw else set(queues)
                for q in pool - queues:
                    err(f"Deployment/{name}: serves {q!r}, which is no queue of Carcosa's")
                for q in pool & queues:
                    served.setdefault(q, []).append(name)
                if env.get("CARCOSA_WORKER__RUN_CRON") == "true":
                    cron.append(name)
            else:
                err(f"Deployment/{name}: args {args} are neither serve nor work")
    for q in sorted(queues):
        if len(served.get(q, [])) != 1:
            err(f"queue {q} is served by {served.get(q, [])} (must be exactly one pool)")
    if not cron:
        err("no worker pool runs the cron jobs (CARCOSA_WORKER__RUN_CRON=true): nothing would sweep")

    auths = {d["metadata"]["name"] for _, d in by_kind.get("TriggerAuthentication", [])}
    for ident, so in by_kind.get("ScaledObject", []):
        target = so["spec"]["scaleTargetRef"]["name"]
        if target not in deployments:
            err(f"{ident}: scales {target}, which is no Deployment here")
            continue
        pool = {q for q, names in served.items() if target in names}
        for t in so["spec"]["triggers"]:
            meta = t.get("metadata", {})
            text = meta.get("query", "")
            named = set(re.findall(r"[a-z_]+", text)) & queues
            if named != pool:
                err(f"{ident}: a {t['type']} trigger counts queues {sorted(named)}, the pool serves {sorted(pool)}")
            need = {"prometheus": ["serverAddress", "query", "threshold"], "postgresql": ["query", "targetQueryValue"]}
            for key in need.get(t["type"], []):
                if key not in meta:
                    err(f"{ident}: a {t['type']} trigger needs metadata.{key}")
            ref = t.get("authenticationRef", {}).get("name")
            if ref and ref not in auths:
                err(f"{ident}: authenticationRef {ref} is no TriggerAuthentication here")
        if so["spec"].get("minReplicaCount", 0) < 1 and target in cron:
            err(f"{ident}: the pool that runs the cron jobs must keep at least one replica")

    kust = [d for _, d in by_kind.get("Kustomization", [])]
    listed = set(kust[0].get("resources", [])) if kust else set()
    files = {os.path.basename(p) for p in glob.glob(os.path.join(DIR, "*.yaml"))}
    for f in sorted(files - listed - {"kustomization.yaml", "secret.example.yaml"}):
        err(f"kustomization.yaml does not list {f}")
    for f in sorted(listed - files):
        err(f"kustomization.yaml lists {f}, which does not exist")
    return errors


def self_test(docs):
    """Each breakage must be caught."""

    def find(kind, name):
        for i, (_, d) in enumerate(docs):
            if d.get("kind") == kind and d["metadata"]["name"] == name:
                return i
        raise SystemExit(f"self-test: no {kind}/{name}")

    def container(d):
        return d["spec"]["template"]["spec"]["containers"][0]

    def env_set(d, key, value):
        for e in container(d)["env"]:
            if e["name"] == key:
                e["value"] = value

    breakages = {
        "unknown field": lambda ds: container(ds[find("Deployment", "carcosa-api")][1]).update(imagePullPolicyy="Always"),
        "wrong type": lambda ds: ds[find("Deployment", "carcosa-api")][1]["spec"].update(replicas="two"),
        "queue served twice": lambda ds: env_set(ds[find("Deployment", "carcosa-worker-images")][1], "CARCOSA_WORKER__QUEUES", "[generate_variants,transform,complete_upload]"),
        "queue not served": lambda ds: env_set(ds[find("Deployment", "carcosa-worker-images")][1], "CARCOSA_WORKER__QUEUES", "[generate_variants]"),
        "probe on a missing path": lambda ds: container(ds[find("Deployment", "carcosa-api")][1])["readinessProbe"]["httpGet"].update(path="/ready"),
        "grace shorter than the drain": lambda ds: ds[find("Deployment", "carcosa-worker-general")][1]["spec"]["template"]["spec"].update(terminationGracePeriodSeconds=10),
        "ScaledObject field misspelt": lambda ds: ds[find("ScaledObject", "carcosa-worker-images")][1]["spec"].update(maxReplicas=3),
        "ScaledObject on the wrong queues": lambda ds: ds[find("ScaledObject", "carcosa-worker-images")][1]["spec"]["triggers"][0]["metadata"].update(query="sum(carcosa_queue_pending_jobs{queue=\"complete_upload\"})"),
        "PDB selecting nothing": lambda ds: ds[find("PodDisruptionBudget", "carcosa-api")][1]["spec"]["selector"].update(matchLabels={"app.kubernetes.io/name": "carcosa"}),
    }
    missed = []
    for what, breakit in breakages.items():
        broken = copy.deepcopy(docs)
        breakit(broken)
        if not check(broken):
            missed.append(what)
    if missed:
        print("check-kubernetes self-test: not caught: " + ", ".join(missed))
        return 1
    print(f"check-kubernetes self-test: all {len(breakages)} breakages caught")
    return 0


def main():
    docs = load_docs()
    if "--self-test" in sys.argv:
        return self_test(docs)
    errors = check(docs)
    for e in errors:
        print(f"check-kubernetes: {e}")
    if errors:
        return 1
    kinds = sorted({d.get("kind") for _, d in docs})
    print(f"check-kubernetes: {len(docs)} objects ({', '.join(kinds)}) valid for Kubernetes {' and '.join(VERSIONS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
