#!/usr/bin/env bash
# Deploy wellops to an environment with kustomize, or roll the last deployment back.
#   scripts/deploy.sh staging|production IMAGE
#   scripts/deploy.sh staging|production --rollback
# KUBECONFIG_DATA (base64 kubeconfig) or an existing KUBECONFIG selects the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
envname=${1:?environment: staging or production}
case "$envname" in
staging) ns=wellops-staging ;;
production) ns=wellops ;;
*) echo "deploy.sh: unknown environment $envname" >&2; exit 2 ;;
esac
if [ -n "${KUBECONFIG_DATA:-}" ]; then
	export KUBECONFIG=$(mktemp)
	trap 'rm -f "$KUBECONFIG"' EXIT
	echo "$KUBECONFIG_DATA" | base64 -d >"$KUBECONFIG"
fi
if [ "${2:-}" = "--rollback" ]; then
	kubectl -n "$ns" rollout undo deploy/wellops
	kubectl -n "$ns" rollout status deploy/wellops --timeout=5m
	exit 0
fi
image=${2:?image}
dir=$(mktemp -d)
cp -r deploy/kubernetes "$dir/"
(cd "$dir/kubernetes/overlays/$envname" && kubectl kustomize --load-restrictor=LoadRestrictionsNone . |
	sed "s#ghcr.io/wellops/wellops:latest#$image#") >"$dir/manifest.yaml"
kubectl apply -f "$dir/manifest.yaml"
# RollingUpdate with maxUnavailable 0: old pods serve until new ones pass /readyz.
kubectl -n "$ns" rollout status deploy/wellops --timeout=10m
