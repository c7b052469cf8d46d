#!/usr/bin/env bash
# Checks deploy/kubernetes offline: Kubernetes' own schemas (kubernetes-validate, from PyPI,
# pinned), KEDA's objects against deploy/kubernetes/schemas/keda-v2.json, and the wiring against
# the code (scripts/check-kubernetes.py). Runs its self-test first: broken copies must fail.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prereqs.sh
need_python_venv
install_needed "to check the Kubernetes manifests"
venv=${HOME}/.cache/carcosa-k8s-check
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import kubernetes_validate' 2> /dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check \
    kubernetes-validate==1.37.0 jsonschema==4.26.0 PyYAML==6.0.4 referencing==0.37.0
fi
"$venv/bin/python" scripts/check-kubernetes.py --self-test
"$venv/bin/python" scripts/check-kubernetes.py
