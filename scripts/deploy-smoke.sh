#!/usr/bin/env bash
# Check a deployed wellops the way users reach it: health, readiness, the sign-in page, and a
# signed API call with the AWS CLI. Exits non-zero on the first failure (the release pipeline
# then rolls back).   WELLOPS_URL=https://wellops.example.com scripts/deploy-smoke.sh
set -euo pipefail
url=${WELLOPS_URL:?WELLOPS_URL}
check() {
	local what=$1 path=$2 want=$3 code
	code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url$path")
	[ "$code" = "$want" ] || { echo "deploy-smoke: $what: $path answered $code, want $want" >&2; exit 1; }
	echo "deploy-smoke: $what ok"
}
check "process up" /healthz 200
check "store ready" /readyz 200
check "sign-in page" /ui/signin 200
if [ -n "${AWS_ACCESS_KEY_ID:-}" ]; then
	aws wellarchitected list-lenses --endpoint-url "$url" --region "${AWS_DEFAULT_REGION:-us-east-1}" \
		--query 'LensSummaries[?LensAlias==`wellarchitected`].LensName' --output text | grep -q . ||
		{ echo "deploy-smoke: the API did not list the built-in lens" >&2; exit 1; }
	echo "deploy-smoke: signed API call ok"
fi
