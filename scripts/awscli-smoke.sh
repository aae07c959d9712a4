#!/usr/bin/env bash
# Drives a real `wellops serve` with the AWS CLI through a whole review, from create-workload
# to get-lens-review-report, exactly as a user's script aimed at the AWS Well-Architected Tool
# would with --endpoint-url. It runs every AWS CLI it finds (v1 from pip, v2 from Debian's
# awscli). scripts/test.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every distinct AWS CLI on the machine: each aws on the PATH and AWS CLI v1 as a Python
# module, once per version.
clis=()
seen=" "
add() {
	local v
	v=$($1 --version 2>&1 | head -n 1 | cut -d' ' -f1) || return 0
	case "$v" in aws-cli/*) ;; *) return 0 ;; esac
	case "$seen" in *" $v "*) return 0 ;; esac
	seen="$seen$v "
	clis+=("$1")
}
for a in $(type -ap aws 2>/dev/null); do add "$a"; done
python3 -c 'import awscli' >/dev/null 2>&1 && add "python3 -m awscli"
[ ${#clis[@]} -gt 0 ] || { echo "awscli-smoke: no AWS CLI found (aws, or python3 -m awscli)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/wellops-awscli.XXXXXX)
SERVE_BIN="$tmp/wellops" SERVE_TMP=$tmp
. scripts/serve.sh
cleanup() {
	serve_stop
	rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/wellops" ./cmd/wellops
export WELLOPS_SECRET_KEY
WELLOPS_SECRET_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export WELLOPS_LOG_LEVEL=warn WELLOPS_RATE_LIMIT=0
# The server, and an access key for its first user made the way an operator would.
serve_start awscli "$tmp/wellops.db" || exit 1
url=$SERVE_URL
export AWS_ACCESS_KEY_ID=$SERVE_AKID AWS_SECRET_ACCESS_KEY=$SERVE_SECRET AWS_DEFAULT_REGION=ap-northeast-2
# Nothing from the caller's own AWS set-up may leak in.
export AWS_CONFIG_FILE="$tmp/aws-config" AWS_SHARED_CREDENTIALS_FILE="$tmp/aws-credentials" AWS_PAGER=""
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL 2>/dev/null || true

fail() { echo "awscli-smoke ($cli): $*" >&2; exit 1; }

review() {
	local cli=$1 n=$2
	wa() { $cli wellarchitected --endpoint-url "$url" --output text "$@"; }
	local id q choice pillar ms
	id=$(wa create-workload --workload-name "CLI smoke $n" --description "Created by the AWS CLI" \
		--environment PREPRODUCTION --lenses wellarchitected --aws-regions us-east-1 \
		--review-owner ops@example.com --query WorkloadId)
	[ ${#id} = 32 ] || fail "create-workload returned $id"
	wa list-lenses --query 'LensSummaries[].LensAlias' | grep -qw wellarchitected || fail "list-lenses lacks the built-in lens"
	[ "$(wa get-lens-review --workload-id "$id" --lens-alias wellarchitected --query 'LensReview.RiskCounts.UNANSWERED')" = 11 ] ||
		fail "get-lens-review: a new review should have 11 unanswered questions"
	q=$(wa list-answers --workload-id "$id" --lens-alias wellarchitected --max-results 1 --query 'AnswerSummaries[0].QuestionId')
	choice=$(wa get-answer --workload-id "$id" --lens-alias wellarchitected --question-id "$q" --query 'Answer.Choices[0].ChoiceId')
	wa update-answer --workload-id "$id" --lens-alias wellarchitected --question-id "$q" \
		--selected-choices "$choice" --notes "answered from the AWS CLI" >/dev/null
	[ "$(wa list-answers --workload-id "$id" --lens-alias wellarchitected --max-results 1 --query 'AnswerSummaries[0].SelectedChoices[0]')" = "$choice" ] ||
		fail "list-answers does not show the selected choice"
	ms=$(wa create-milestone --workload-id "$id" --milestone-name "first pass" --query MilestoneNumber)
	[ "$ms" = 1 ] || fail "create-milestone returned $ms"
	wa list-lens-review-improvements --workload-id "$id" --lens-alias wellarchitected --query 'ImprovementSummaries[].QuestionId' | grep -qw "$q" ||
		fail "list-lens-review-improvements lacks the answered question"
	wa get-lens-review-report --workload-id "$id" --lens-alias wellarchitected --query LensReviewReport.Base64String | base64 -d >"$tmp/report-$n.pdf"
	[ "$(head -c 5 "$tmp/report-$n.pdf")" = "%PDF-" ] && tail -c 32 "$tmp/report-$n.pdf" | grep -q '%%EOF' ||
		fail "get-lens-review-report is not a PDF"
	# A modelled error reaches the CLI by name.
	if wa get-workload --workload-id 00000000000000000000000000000000 2>"$tmp/err-$n"; then
		fail "get-workload of a missing workload succeeded"
	fi
	grep -q ResourceNotFoundException "$tmp/err-$n" || fail "missing workload: $(cat "$tmp/err-$n")"
	echo "awscli-smoke: $($cli --version 2>&1 | head -n 1 | cut -d' ' -f1): review of workload $id passed (report $(wc -c <"$tmp/report-$n.pdf") bytes)"
}

n=0
for cli in "${clis[@]}"; do
	n=$((n + 1))
	review "$cli" "$n"
done
echo "awscli-smoke: ${#clis[@]} passed, 0 failed"
