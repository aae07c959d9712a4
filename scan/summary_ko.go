package scan

import (
	"regexp"
	"strconv"
	"strings"
)

// SummaryTranslator turns the scanner's English best-practice summaries into Korean for the
// Korean UI and reports. Summaries are built from a closed set of sentence shapes (the checks'
// own wording, with counts, names and dates filled in), so a table of shapes translates them
// without a translation service; anything the table does not know comes back as "" rather
// than half-translated, and the reader falls back to the English.
//
// Build one with NewSummaryTranslator and reuse it: compiling the table is the costly part.
type SummaryTranslator struct {
	rules []summaryRule
	ref   *regexp.Regexp // ${N}, ${=N} and ${,N} in a template
}

// summaryRule is one sentence shape. The template takes ${N} for a group copied as it is,
// ${=N} for a group that is itself a summary (translated in turn) and ${,N} for a
// comma-separated list of clauses translated one by one. Braces are required so a group is
// never read into the Korean that follows it ("${1}개").
type summaryRule struct {
	re *regexp.Regexp
	ko string
}

// summaryNoun is a counted phrase as plural() writes it ("1 alert rule" / "3 alert rules"):
// the Korean puts the count after the noun, with its counter.
type summaryNoun struct {
	one, many, ko string
}

// summaryNouns are the phrases that appear in summaries as a bare count. It is a function,
// not a package variable, so the table cannot be changed from outside a translator.
func summaryNouns() []summaryNoun {
	return []summaryNoun{
		{"API contract or responsibility document", "API contracts or responsibility documents", "API 계약·책임 문서 ${1}개"},
		{"CI entry script", "CI entry scripts", "CI 진입 스크립트 ${1}개"},
		{"CI job tests a deployed environment", "CI jobs test a deployed environment", "배포된 환경을 테스트하는 CI 작업 ${1}개"},
		{"CODEOWNERS rule for runbooks, docs or pipelines", "CODEOWNERS rules for runbooks, docs or pipelines", "런북·문서·파이프라인에 대한 CODEOWNERS 규칙 ${1}개"},
		{"CodeBuild buildspec", "CodeBuild buildspecs", "CodeBuild buildspec ${1}개"},
		{"Amplify build spec", "Amplify build specs", "Amplify 빌드 사양 ${1}개"},
		{"Dockerfile", "Dockerfiles", "Dockerfile ${1}개"},
		{"GitHub Actions workflow", "GitHub Actions workflows", "GitHub Actions 워크플로 ${1}개"},
		{"GitLab CI file", "GitLab CI files", "GitLab CI 파일 ${1}개"},
		{"Jenkinsfile", "Jenkinsfiles", "Jenkinsfile ${1}개"},
		{"KPI/SLO document", "KPI/SLO documents", "KPI/SLO 문서 ${1}개"},
		{"Makefile", "Makefiles", "Makefile ${1}개"},
		{"SLO definition", "SLO definitions", "SLO 정의 ${1}개"},
		{"Tekton object", "Tekton objects", "Tekton 객체 ${1}개"},
		{"active-tracing setting in IaC", "active-tracing settings in IaC", "IaC의 활성 추적 설정 ${1}개"},
		{"alert carries a team", "alerts carry a team", "팀이 지정된 알림 ${1}개"},
		{"alert links a dashboard", "alerts link a dashboard", "대시보드에 연결된 알림 ${1}개"},
		{"alert rule", "alert rules", "알림 규칙 ${1}개"},
		{"auto-instrumentation resource", "auto-instrumentation resources", "자동 계측 리소스 ${1}개"},
		{"automated deployment", "automated deployments", "자동 배포 ${1}개"},
		{"automated update mechanism", "automated update mechanisms", "자동 업데이트 메커니즘 ${1}개"},
		{"automatic verification or rollback setting", "automatic verification or rollback settings", "자동 검증·롤백 설정 ${1}개"},
		{"burn-rate alert", "burn-rate alerts", "소진율(burn-rate) 알림 ${1}개"},
		{"client instrumentation library", "client instrumentation libraries", "클라이언트 계측 라이브러리 ${1}개"},
		{"collector receiver for a dependency", "collector receivers for dependencies", "의존성용 수집기 리시버 ${1}개"},
		{"collector traces pipeline", "collector traces pipelines", "수집기 traces 파이프라인 ${1}개"},
		{"communication plan or status page", "communication plans or status pages", "커뮤니케이션 계획·상태 페이지 ${1}개"},
		{"compliance scan or control", "compliance scans or controls", "컴플라이언스 스캔·통제 ${1}개"},
		{"document describes environments", "documents describe environments", "환경을 설명하는 문서 ${1}개"},
		{"document describes on-call escalation", "documents describe on-call escalation", "온콜 에스컬레이션을 설명하는 문서 ${1}개"},
		{"document describes standards", "documents describe standards", "표준을 설명하는 문서 ${1}개"},
		{"document with an owner in its front matter", "documents with an owner in their front matter", "front matter에 소유자가 있는 문서 ${1}개"},
		{"document carry review dates", "documents carry review dates", "검토 날짜가 있는 문서 ${1}개"},
		{"document with review dates", "documents with review dates", "검토 날짜가 있는 문서 ${1}개"},
		{"documentation site", "documentation sites", "문서 사이트 ${1}개"},
		{"down migration", "down migrations", "down 마이그레이션 ${1}개"},
		{"down/undo migration", "down/undo migrations", "down/undo 마이그레이션 ${1}개"},
		{"downstream alarm or health rule", "downstream alarms or health rules", "다운스트림 경보·헬스 규칙 ${1}개"},
		{"escalation path defined as code", "escalation paths defined as code", "코드로 정의된 에스컬레이션 경로 ${1}개"},
		{"feature-flag library or flag definition", "feature-flag libraries or flag definitions", "기능 플래그 라이브러리·플래그 정의 ${1}개"},
		{"generic issue or pull request template or waiver file", "generic issue or pull request templates or waiver files", "일반 이슈·풀 리퀘스트 템플릿 또는 면제(waiver) 파일 ${1}개"},
		{"incident process document, template or tool", "incident process documents, templates or tools", "인시던트 프로세스 문서·템플릿·도구 ${1}개"},
		{"incident report", "incident reports", "인시던트 보고서 ${1}개"},
		{"incident report records time to repair", "incident reports record time to repair", "복구 시간을 기록한 인시던트 보고서 ${1}개"},
		{"investigation guide or saved query", "investigation guides or saved queries", "조사 가이드·저장된 쿼리 ${1}개"},
		{"linter configuration", "linter configurations", "린터 설정 ${1}개"},
		{"linter or pre-commit configuration", "linter or pre-commit configurations", "린터·pre-commit 설정 ${1}개"},
		{"log pipeline, store, retention or query setting", "log pipelines, stores, retention or query settings", "로그 파이프라인·저장소·보존·쿼리 설정 ${1}개"},
		{"metrics pipeline or server", "metrics pipelines or servers", "지표 파이프라인·서버 ${1}개"},
		{"metrics scrape target", "metrics scrape targets", "지표 스크레이프 대상 ${1}개"},
		{"on-call schedule, onboarding, training or exercise record", "on-call schedules, onboarding, training or exercise records", "온콜 일정·온보딩·교육·훈련 기록 ${1}개"},
		{"operations metrics report", "operations metrics reports", "운영 지표 보고서 ${1}개"},
		{"other template or waiver file", "other templates or waiver files", "기타 템플릿·면제(waiver) 파일 ${1}개"},
		{"policy-as-code or governance artefact", "policy-as-code or governance artefacts", "코드형 정책·거버넌스 산출물 ${1}개"},
		{"production environment reference", "production environment references", "프로덕션 환경 참조 ${1}개"},
		{"readiness checklist or review document", "readiness checklists or review documents", "운영 준비 체크리스트·검토 문서 ${1}개"},
		{"record of follow-up actions or feedback", "records of follow-up actions or feedback", "후속 조치·피드백 기록 ${1}개"},
		{"recording rule", "recording rules", "기록 규칙(recording rule) ${1}개"},
		{"rollback mechanism", "rollback mechanisms", "롤백 메커니즘 ${1}개"},
		{"rollback or recovery document", "rollback or recovery documents", "롤백·복구 문서 ${1}개"},
		{"rollout is analysed as it progresses", "rollouts are analysed as they progress", "진행 중에 분석되는 롤아웃 ${1}개"},
		{"route sends alerts by severity or priority", "routes send alerts by severity or priority", "심각도나 우선순위에 따라 알림을 보내는 라우트 ${1}개"},
		{"route, service or SLO names an owner", "routes, services or SLOs name owners", "소유자를 밝힌 라우트·서비스·SLO ${1}개"},
		{"scrape target", "scrape targets", "스크레이프 대상 ${1}개"},
		{"security policy or scan", "security policies or scans", "보안 정책·스캔 ${1}개"},
		{"security policy or vulnerability scan", "security policies or vulnerability scans", "보안 정책·취약점 스캔 ${1}개"},
		{"shared CI definition or module is reused", "shared CI definitions or modules are reused", "재사용되는 공유 CI 정의·모듈 ${1}개"},
		{"source file with tracing", "source files with tracing", "추적 코드가 있는 소스 파일 ${1}개"},
		{"status page as code", "status pages as code", "코드로 관리하는 상태 페이지 ${1}개"},
		{"step validate configuration", "steps validate configuration", "구성을 검증하는 단계 ${1}개"},
		{"support plan or on-call support document", "support plans or on-call support documents", "지원 계획·온콜 지원 문서 ${1}개"},
		{"tag", "tags", "태그 ${1}개"},
		{"telemetry setting in IaC", "telemetry settings in IaC", "IaC의 텔레메트리 설정 ${1}개"},
		{"test file", "test files", "테스트 파일 ${1}개"},
		{"test file in the repository", "test files in the repository", "저장소의 테스트 파일 ${1}개"},
		{"threat model or threat detection", "threat models or threat detections", "위협 모델·위협 탐지 ${1}개"},
		{"trace backend or analysis setting", "trace backends or analysis settings", "추적 백엔드·분석 설정 ${1}개"},
		{"tracing library", "tracing libraries", "추적 라이브러리 ${1}개"},
		{"tracing library in dependency manifests", "tracing libraries in dependency manifests", "의존성 매니페스트의 추적 라이브러리 ${1}개"},
		{"vulnerability scan in CI", "vulnerability scans in CI", "CI의 취약점 스캔 ${1}개"},
		{"workload", "workloads", "워크로드 ${1}개"},
		// The configuration-management kinds are always written in the plural.
		{"IaC files", "IaC files", "IaC 파일 ${1}개"},
		{"Helm charts", "Helm charts", "Helm 차트 ${1}개"},
		{"Kustomizations", "Kustomizations", "Kustomization ${1}개"},
		{"jsonnet files", "jsonnet files", "jsonnet 파일 ${1}개"},
		{"Ansible playbooks", "Ansible playbooks", "Ansible 플레이북 ${1}개"},
		{"Compose files", "Compose files", "Compose 파일 ${1}개"},
		{"GitOps objects", "GitOps objects", "GitOps 객체 ${1}개"},
		{"Kubernetes objects", "Kubernetes objects", "Kubernetes 객체 ${1}개"},
		{"AppConfig resources", "AppConfig resources", "AppConfig 리소스 ${1}개"},
	}
}

// summaryShapes are the clauses that are more than a count, in the order they are tried.
// Patterns are anchored and matched against one clause (or one whole summary, for the shapes
// that wrap others).
func summaryShapes() [][2]string {
	return [][2]string{
		// Wrappers the scorer adds around check summaries.
		{`hint: (.+)`, "힌트: ${=1}"},
		{`nothing in the repository shows it \((.+)\)`, "저장소에는 이를 보여 주는 것이 없음(${=1})"},
		{`it is often kept elsewhere, so ask the team`, "저장소 밖에서 관리하는 경우가 많으니 팀에 물어보세요"},
		{`a person must answer this: it is about people, culture or judgement, which files cannot show`, "사람이 답해야 함: 사람·문화·판단에 관한 것이라 파일로는 알 수 없음"},
		{`the evidence below only hints at it`, "아래 증거는 단서일 뿐임"},
		{`the repository does not show this`, "저장소에서는 확인할 수 없음"},
		{`a reviewer should ask`, "검토자가 팀에 물어봐야 함"},
		{`no check reads this practice yet`, "이 모범 사례를 읽는 검사가 아직 없음"},
		{`the check failed`, "검사가 실패함"},
		{`its result is not used`, "그 결과는 사용하지 않음"},
		{`(.+) \(only in examples\)`, "${=1}(예시에만 있음)"},

		// CI and tests.
		{`(.+) \((\d+) jobs\)`, "${=1}(작업 ${2}개)"},
		// A CI system the scanner names by its identifier ("2 circleci pipelines").
		{`(\d+) ([A-Za-z0-9_.-]+) pipelines?`, "${2} 파이프라인 ${1}개"},
		{`build tooling but no CI/CD pipeline definition in the repository`, "빌드 도구는 있지만 저장소에 CI/CD 파이프라인 정의는 없음"},
		{`no CI/CD pipeline, Makefile or Dockerfile found`, "CI/CD 파이프라인, Makefile, Dockerfile을 찾지 못함"},
		{`(\d+) steps? run tests in CI \(no test files visible in this tree\)`, "CI에서 테스트를 실행하는 단계 ${1}개(이 트리에서는 테스트 파일이 보이지 않음)"},
		{`(\d+) steps? run tests in CI`, "CI에서 테스트를 실행하는 단계 ${1}개"},
		{`(\d+) steps? validate configuration in CI`, "CI에서 구성을 검증하는 단계 ${1}개"},
		{`no test run found`, "테스트 실행은 찾지 못함"},
		{`(\d+) test files?, but no CI step that runs them was found`, "테스트 파일 ${1}개가 있지만 이를 실행하는 CI 단계는 찾지 못함"},
		{`no test files and no CI step that runs tests or validates configuration`, "테스트 파일도, 테스트를 실행하거나 구성을 검증하는 CI 단계도 없음"},
		{`(\d+) steps? lint, format-check or analyse code in CI \((\d+) static analysis\)`, "CI에서 린트·포맷 검사·코드 분석을 하는 단계 ${1}개(정적 분석 ${2}개)"},
		{`(\d+) steps? lint, format-check or analyse code in CI`, "CI에서 린트·포맷 검사·코드 분석을 하는 단계 ${1}개"},
		{`no CI step that runs them was found`, "이를 실행하는 CI 단계는 찾지 못함"},
		{`linters are declared as dependencies or scripts, but no configuration or CI step shows them enforced`, "린터가 의존성이나 스크립트로 선언되어 있지만 강제된다는 것을 보여 주는 설정이나 CI 단계는 없음"},
		{`no linter configuration, pre-commit hooks or static analysis in CI`, "린터 설정, pre-commit 훅, CI의 정적 분석이 없음"},

		// Deployment.
		{`(\d+) more need a person to start them`, "그 밖에 ${1}개는 사람이 시작해야 함"},
		{`(\d+) deployment jobs? starts? only by hand`, "사람이 직접 시작해야만 하는 배포 작업 ${1}개"},
		{`automated deployment only in examples`, "자동 배포는 예시에만 있음"},
		{`CI builds, tests or publishes automatically`, "CI가 자동으로 빌드·테스트·게시함"},
		{`no deployment step was found`, "배포 단계는 찾지 못함"},
		{`no automated build or deployment found`, "자동화된 빌드나 배포를 찾지 못함"},
		{`(\d+) pipelines? deploys? to non-production, tests, then deploys to production`, "비프로덕션에 배포하고 테스트한 뒤 프로덕션에 배포하는 파이프라인 ${1}개"},
		{`deployments to non-production exist, but no test of a deployed environment was found`, "비프로덕션 배포는 있지만 배포된 환경을 테스트하는 것은 찾지 못함"},
		{`no pipeline deploys to a test environment and tests it`, "테스트 환경에 배포한 뒤 테스트하는 파이프라인이 없음"},
		{`(\d+) deployment gates? need a person's approval`, "사람의 승인이 필요한 배포 게이트 ${1}개"},
		{`(\d+) change templates? asks? about risk or rollback \(protection rules live in the forge settings, not in the repository\)`, "위험이나 롤백을 묻는 변경 템플릿 ${1}개(보호 규칙은 저장소가 아니라 포지(forge) 설정에 있음)"},
		{`no approval gate, protected production environment or change-risk template found`, "승인 게이트, 보호된 프로덕션 환경, 변경 위험 템플릿을 찾지 못함"},
		{`(\d+) documents? describes? standards`, "표준을 설명하는 문서 ${1}개"},
		{`shared definitions only in examples`, "공유 정의는 예시에만 있음"},
		{`no reusable CI definitions, shared modules or standards documents found`, "재사용 가능한 CI 정의, 공유 모듈, 표준 문서를 찾지 못함"},
		{`(\d+) progressive delivery configurations? \(canary, linear or blue/green\)`, "점진적 배포 설정 ${1}개(카나리, 선형, 블루/그린)"},
		{`progressive delivery only in examples`, "점진적 배포는 예시에만 있음"},
		{`(\d+) of (\d+) workloads roll out gradually behind readiness probes`, "워크로드 ${2}개 중 ${1}개가 준비성 프로브를 두고 점진적으로 롤아웃됨"},
		{`(\d+) PodDisruptionBudgets?\. Rolling updates are the Kubernetes default safety net, not a staged rollout`, "PodDisruptionBudget ${1}개. 롤링 업데이트는 Kubernetes의 기본 안전장치일 뿐 단계적 롤아웃이 아님"},
		{`no deployable workloads \(Kubernetes workloads, Lambda, ECS, Auto Scaling groups\) were found`, "배포할 수 있는 워크로드(Kubernetes 워크로드, Lambda, ECS, Auto Scaling 그룹)를 찾지 못함"},
		{`no canary, linear or blue/green deployment configuration`, "카나리, 선형, 블루/그린 배포 설정이 없음"},
		{`no automated rollback \(analysis, circuit breaker, alarm-triggered rollback, atomic releases\) found`, "자동 롤백(분석, 서킷 브레이커, 경보 기반 롤백, 원자적 릴리스)을 찾지 못함"},
		{`no automated rollback configured`, "자동 롤백은 설정되지 않음"},
		{`rollback plans only in examples`, "롤백 계획은 예시에만 있음"},
		{`no rollback configuration, rollback steps, down migrations or rollback runbooks found`, "롤백 설정, 롤백 단계, down 마이그레이션, 롤백 런북을 찾지 못함"},
		{`(\d+) automated responses? \(scaling, remediation, event-driven automation\)`, "자동 대응 ${1}개(스케일링, 복구 조치, 이벤트 기반 자동화)"},
		{`only self-healing basics: (\d+) liveness probes?`, "자가 치유 기본 기능만 있음: 라이브니스 프로브 ${1}개"},
		{`no event-driven automation`, "이벤트 기반 자동화는 없음"},
		{`no autoscaling, event-driven automation or auto-remediation found`, "오토스케일링, 이벤트 기반 자동화, 자동 복구를 찾지 못함"},
		{`(\d+) environments configured: (.+) and (\d+) more`, "구성된 환경 ${1}개: ${2} 외 ${3}개"},
		{`(\d+) environments configured: (.+)`, "구성된 환경 ${1}개: ${2}"},
		{`(\d+) environments? configured \((.*) and (\d+) more\)`, "구성된 환경 ${1}개(${2} 외 ${3}개)"},
		{`(\d+) environments? configured \((.*)\)`, "구성된 환경 ${1}개(${2})"},
		{`no per-environment configuration \(environment directories, overlays, tfvars, values files, pipeline environments\)`, "환경별 구성(환경 디렉터리, 오버레이, tfvars, values 파일, 파이프라인 환경)이 없음"},
		{`no infrastructure or configuration as code \(Terraform, CloudFormation, CDK, Helm, Kustomize, Ansible, Compose, GitOps\) found`, "코드형 인프라나 구성(Terraform, CloudFormation, CDK, Helm, Kustomize, Ansible, Compose, GitOps)을 찾지 못함"},

		// Dependencies, flags and migrations.
		{`(\d+) automated update mechanisms? \((\d+) update entries\)`, "자동 업데이트 메커니즘 ${1}개(업데이트 항목 ${2}개)"},
		{`(\d+) vulnerability scans? in CI, but no automated dependency updates`, "CI의 취약점 스캔 ${1}개가 있지만 자동 의존성 업데이트는 없음"},
		{`no Dependabot or Renovate configuration, scheduled update job or patch baseline found`, "Dependabot·Renovate 설정, 예약된 업데이트 작업, 패치 기준선을 찾지 못함"},
		{`no feature-flag SDK or flag definitions found`, "기능 플래그 SDK나 플래그 정의를 찾지 못함"},
		{`no database migrations found`, "데이터베이스 마이그레이션을 찾지 못함"},
		{`(\d+) forward migrations? and no down or undo migrations`, "정방향 마이그레이션 ${1}개가 있고 down·undo 마이그레이션은 없음"},

		// Documents.
		{`(\d+) procedure documents? \(release or upgrade steps\)`, "절차 문서 ${1}개(릴리스·업그레이드 단계)"},
		{`no runbook collection`, "런북 모음은 없음"},
		{`no runbooks \(runbooks/ or playbooks/ documents, review-dated procedures, SSM Automation documents\) found`, "런북(runbooks/·playbooks/ 문서, 검토 날짜가 있는 절차, SSM Automation 문서)을 찾지 못함"},
		{`(\d+) runbooks? \((\d+) with review dates\)`, "런북 ${1}개(검토 날짜가 있는 것 ${2}개)"},
		{`(\d+) changed in the last (\d+) days`, "최근 ${2}일 동안 바뀐 것 ${1}개"},
		{`(\d+) alerts? links? a dashboard to start an investigation from`, "조사를 시작할 대시보드에 연결된 알림 ${1}개"},
		{`no troubleshooting or investigation guides, saved queries or dashboard links on alerts found`, "문제 해결·조사 가이드, 저장된 쿼리, 알림의 대시보드 링크를 찾지 못함"},
		{`(\d+) architecture decision records? \((\d+) with status/context/decision sections\)`, "아키텍처 결정 기록(ADR) ${1}개(상태/맥락/결정 섹션이 있는 것 ${2}개)"},
		{`no architecture decision records found`, "아키텍처 결정 기록(ADR)을 찾지 못함"},
		{`no operational readiness checklist or review found`, "운영 준비 체크리스트나 검토를 찾지 못함"},
		{`a postmortem template or guide, but no postmortems`, "포스트모템 템플릿이나 가이드는 있지만 포스트모템은 없음"},
		{`no postmortems or incident reports found`, "포스트모템이나 인시던트 보고서를 찾지 못함"},
		{`(\d+) incident reports? dated (\S+) to (\S+)`, "인시던트 보고서 ${1}개(${2} ~ ${3})"},
		{`(\d+) record a timeline or time to repair, (\d+) list actions`, "${1}개는 타임라인이나 복구 시간을 기록하고 ${2}개는 조치 항목을 나열함"},
		{`no postmortem actions or feedback templates found`, "포스트모템 조치 항목이나 피드백 템플릿을 찾지 못함"},
		{`whether they are tracked to done needs a person`, "완료까지 추적되는지는 사람이 확인해야 함"},
		{`no documentation site, review-dated documents or freshness data found`, "문서 사이트, 검토 날짜가 있는 문서, 최신성 데이터를 찾지 못함"},

		// Governance and version control.
		{`no policy as code \(OPA, Kyverno, Gatekeeper, SCPs, Config rules\) or governance document found`, "코드형 정책(OPA, Kyverno, Gatekeeper, SCP, Config 규칙)이나 거버넌스 문서를 찾지 못함"},
		{`no compliance scanner in CI or compliance controls in IaC found`, "CI의 컴플라이언스 스캐너나 IaC의 컴플라이언스 통제를 찾지 못함"},
		{`no threat model`, "위협 모델은 없음"},
		{`no threat model, security policy or vulnerability scanning found`, "위협 모델, 보안 정책, 취약점 스캔을 찾지 못함"},
		{`the tree is a git work tree \((\d+) commits? in the last (\d+) days\)`, "트리가 git 작업 트리임(최근 ${2}일 동안 커밋 ${1}개)"},
		{`the tree is a git work tree`, "트리가 git 작업 트리임"},
		{`no \.git here \(an exported tree\), but forge configuration shows the files come from a git repository`, "여기에 .git이 없지만(내보낸 트리) 포지(forge) 설정으로 보아 파일은 git 저장소에서 왔음"},
		{`no \.git here \(an exported tree\), but the README tells readers to git clone it`, "여기에 .git이 없지만(내보낸 트리) README가 git clone으로 받도록 안내함"},
		{`no \.git directory and no forge configuration: scan a clone to see version control`, ".git 디렉터리도 포지(forge) 설정도 없음: 버전 관리를 확인하려면 클론을 스캔하세요"},
		{`no git history was read \(scan a clone with the git binary installed\)`, "git 이력을 읽지 않음(git 바이너리가 설치된 곳에서 클론을 스캔하세요)"},
		{`no commits in the last (\d+) days`, "최근 ${1}일 동안 커밋이 없음"},
		{`(\d+) commits? in (\d+) days \(([\d.]+) a week\)`, "${2}일 동안 커밋 ${1}개(주당 ${3}개)"},
		{`median change (\d+) lines, 90th percentile (\d+) lines`, "변경 크기 중앙값 ${1}줄, 90번째 백분위수 ${2}줄"},

		// Incidents and support.
		{`(\d+) documents? describes? on-call escalation`, "온콜 에스컬레이션을 설명하는 문서 ${1}개"},
		{`none is configured as code here`, "여기에 코드로 설정된 것은 없음"},
		{`alerts are routed, but the receivers have no paging integration configured in the repository`, "알림은 라우팅되지만 수신자에 호출(paging) 연동이 저장소에 설정되어 있지 않음"},
		{`no escalation policy, paging receivers or escalation procedure found`, "에스컬레이션 정책, 호출(paging) 수신자, 에스컬레이션 절차를 찾지 못함"},
		{`no incident process, incident templates or incident tooling as code found`, "인시던트 프로세스, 인시던트 템플릿, 코드로 관리하는 인시던트 도구를 찾지 못함"},
		{`no on-call schedules, onboarding, training or game-day records found`, "온콜 일정, 온보딩, 교육, 게임데이 기록을 찾지 못함"},
		{`no customer communication plan or status page configuration found`, "고객 커뮤니케이션 계획이나 상태 페이지 설정을 찾지 못함"},
		{`no status page as code found`, "코드로 관리하는 상태 페이지를 찾지 못함"},
		{`no support plan or out-of-hours support arrangements found`, "지원 계획이나 업무 시간 외 지원 체계를 찾지 못함"},
		{`no MTTR, DORA or error-budget reporting found`, "MTTR, DORA, 오류 예산 보고를 찾지 못함"},

		// Observability.
		{`source code: (.+)`, "소스 코드: ${,1}"},
		{`structured logging in (\d+) files?`, "파일 ${1}개의 구조화 로깅"},
		{`metrics in (\d+) files?`, "파일 ${1}개의 지표"},
		{`tracing SDK in (\d+) files?`, "파일 ${1}개의 추적 SDK"},
		{`tracing by hand \(traceparent and OTLP\)`, "직접 구현한 추적(traceparent와 OTLP)"},
		{`(\d+) telemetry librar(?:y|ies) in (\d+) manifests?`, "매니페스트 ${2}개의 텔레메트리 라이브러리 ${1}개"},
		{`(\d+) telemetry settings? in IaC \(logging, metrics or tracing layers\)`, "IaC의 텔레메트리 설정 ${1}개(로깅, 지표, 추적 레이어)"},
		{`no telemetry SDK in the first-party dependency manifests or source imports`, "자체 의존성 매니페스트나 소스 import에 텔레메트리 SDK가 없음"},
		{`no telemetry SDK in dependency manifests or source imports and no telemetry settings in IaC`, "의존성 매니페스트나 소스 import에 텔레메트리 SDK가 없고 IaC에 텔레메트리 설정도 없음"},
		{`no tracing backend configuration found`, "추적 백엔드 설정은 찾지 못함"},
		{`tracing only in examples`, "추적은 예시에만 있음"},
		{`no X-Ray or OpenTelemetry tracing configuration and no tracing library or tracing code found`, "X-Ray나 OpenTelemetry 추적 설정도, 추적 라이브러리나 추적 코드도 찾지 못함"},
		{`(\d+) user-experience signals? \((\d+) from front-end libraries\)`, "사용자 경험 신호 ${1}개(프런트엔드 라이브러리에서 ${2}개)"},
		{`no real-user monitoring, synthetic canary, health check or blackbox probe found`, "실사용자 모니터링, 합성 카나리, 헬스 체크, 블랙박스 프로브를 찾지 못함"},
		{`(\d+) dashboards? as code \((\d+) panels\)`, "코드로 관리하는 대시보드 ${1}개(패널 ${2}개)"},
		{`dashboards only in examples or providers without dashboards`, "대시보드가 예시에만 있거나 대시보드 없는 프로바이더만 있음"},
		{`no dashboards as code found`, "코드로 관리하는 대시보드를 찾지 못함"},
		{`no log shipping, retention, metric filter or saved query found`, "로그 전송, 보존, 지표 필터, 저장된 쿼리를 찾지 못함"},
		{`no trace backend \(Jaeger, Tempo, X-Ray\) configured`, "추적 백엔드(Jaeger, Tempo, X-Ray)가 설정되지 않음"},
		{`(.+), but no SLO definition for the workload`, "${=1}, 다만 워크로드의 SLO 정의는 없음"},
		{`no SLO definitions, burn-rate alerts or KPI documents found`, "SLO 정의, 소진율(burn-rate) 알림, KPI 문서를 찾지 못함"},
		{`no dependency metrics \(collector receivers, scrape targets, downstream alarms\) or client instrumentation found`, "의존성 지표(수집기 리시버, 스크레이프 대상, 다운스트림 경보)나 클라이언트 계측을 찾지 못함"},
		{`no recording rules, metrics pipelines or anomaly detection found`, "기록 규칙(recording rule), 지표 파이프라인, 이상 탐지를 찾지 못함"},

		// Alerts.
		{`(\d+) alert rules? in (\d+) files?`, "파일 ${2}개의 알림 규칙 ${1}개"},
		{`(\d+) have a severity( \([^()]*\))?, (\d+) describe themselves, (\d+) link a runbook`, "${1}개에 심각도가 있음${2}, ${3}개에 설명이 있음, ${4}개가 런북에 연결됨"},
		{`(\d+) of (\d+) are actionable`, "${2}개 중 ${1}개가 조치 가능함"},
		{`(\d+) alert rules? only in examples`, "예시에만 있는 알림 규칙 ${1}개"},
		{`no alert rules or alarms found \(Prometheus rules, Grafana alerting, CloudWatch alarms, Datadog monitors\)`, "알림 규칙이나 경보를 찾지 못함(Prometheus 규칙, Grafana 알림, CloudWatch 경보, Datadog 모니터)"},
		{`(\d+) have a runbook link`, "${1}개에 런북 링크가 있음"},
		{`(\d+) of those resolve to a file in this repository, (\d+) point outside it, (\d+) are broken`, "그중 ${1}개는 이 저장소의 파일로 이어지고 ${2}개는 저장소 밖을 가리키며 ${3}개는 깨져 있음"},
		{`(\d+) of those resolve to a file in this repository, (\d+) point outside it`, "그중 ${1}개는 이 저장소의 파일로 이어지고 ${2}개는 저장소 밖을 가리킴"},
		{`(\d+) runbooks in the repository are not linked from any alert`, "저장소의 런북 ${1}개는 어떤 알림에서도 연결되지 않음"},
		{`no alert rules in the repository, so there is nothing to join runbooks to`, "저장소에 알림 규칙이 없어 런북을 연결할 대상이 없음"},
		{`(\d+) alerts? carr(?:y|ies) a severity, but no routing by severity was found`, "심각도가 있는 알림 ${1}개가 있지만 심각도별 라우팅은 찾지 못함"},
		{`no severity labels or severity-based routing found`, "심각도 레이블이나 심각도 기반 라우팅을 찾지 못함"},
		{`no team labels on alerts, team routes or owned services found`, "알림의 팀 레이블, 팀 라우트, 소유 서비스를 찾지 못함"},

		// Ownership.
		{`CODEOWNERS covers (.+)`, "CODEOWNERS 적용 범위: ${=1}"},
		{`(\d+) of (\d+) IaC files`, "IaC 파일 ${2}개 중 ${1}개"},
		{`(\d+) of (\d+) manifests files`, "매니페스트 파일 ${2}개 중 ${1}개"},
		{`(\d+) of (\d+) alert rules files`, "알림 규칙 파일 ${2}개 중 ${1}개"},
		{`(\d+) of (\d+) runbooks files`, "런북 파일 ${2}개 중 ${1}개"},
		{`(\d+) of (\d+) pipelines files`, "파이프라인 파일 ${2}개 중 ${1}개"},
		{`(\d+) of (\d+) IaC resources carry an owner tag`, "IaC 리소스 ${2}개 중 ${1}개에 소유자 태그가 있음"},
		{`(\d+) of (\d+) workloads carry an owner label`, "워크로드 ${2}개 중 ${1}개에 소유자 레이블이 있음"},
		{`provider default_tags set an owner on every resource`, "프로바이더 default_tags가 모든 리소스에 소유자를 지정함"},
		{`some owner metadata`, "일부 소유자 메타데이터"},
		{`no CODEOWNERS file`, "CODEOWNERS 파일은 없음"},
		{`no CODEOWNERS, owner tags, owner labels or catalog owners found`, "CODEOWNERS, 소유자 태그, 소유자 레이블, 카탈로그 소유자를 찾지 못함"},
		{`CODEOWNERS assigns owners to processes only through general rules`, "CODEOWNERS가 일반 규칙으로만 프로세스에 소유자를 지정함"},
		{`no owners recorded for runbooks, docs or pipelines`, "런북·문서·파이프라인에 기록된 소유자가 없음"},
		{`(\d+) ownership mechanisms? \(registries, tag policies, reviewer assignment, branch protection\)`, "소유권 메커니즘 ${1}개(레지스트리, 태그 정책, 리뷰어 지정, 브랜치 보호)"},
		{`no ownership registry, tag policy or ownership automation found`, "소유권 레지스트리, 태그 정책, 소유권 자동화를 찾지 못함"},
		{`(\d+) templates? for requests, changes or exceptions`, "요청·변경·예외용 템플릿 ${1}개"},
		{`none is a request or exception form`, "요청이나 예외 신청 양식은 없음"},
		{`no issue templates, request forms or waiver files found`, "이슈 템플릿, 요청 양식, 면제(waiver) 파일을 찾지 못함"},
		{`no API contracts, service agreements or responsibility documents found`, "API 계약, 서비스 합의서, 책임 문서를 찾지 못함"},
		{`no on-call rotations or owner lists to size the team from`, "팀 규모를 가늠할 온콜 로테이션이나 소유자 목록이 없음"},
		{`rotation and ownership data a reviewer can use to judge team size`, "검토자가 팀 규모를 판단하는 데 쓸 수 있는 로테이션·소유권 데이터"},
	}
}

// NewSummaryTranslator compiles the table of summary shapes.
func NewSummaryTranslator() *SummaryTranslator {
	t := &SummaryTranslator{ref: regexp.MustCompile(`\$\{([=,]?)(\d+)\}`)}
	for _, s := range summaryShapes() {
		t.add(s[0], s[1])
	}
	for _, n := range summaryNouns() {
		t.add(`(\d+) (?:`+regexp.QuoteMeta(n.one)+`|`+regexp.QuoteMeta(n.many)+`)`, n.ko)
	}
	return t
}

func (t *SummaryTranslator) add(pattern, ko string) {
	t.rules = append(t.rules, summaryRule{re: regexp.MustCompile(`^(?:` + pattern + `)$`), ko: ko})
}

// Korean returns the summary in Korean, or "" when any part of it is not a known shape, so a
// caller never shows a sentence that is half English.
func (t *SummaryTranslator) Korean(s string) string {
	return t.sentence(s, 0)
}

// maxSummaryDepth bounds the nesting of wrapped shapes; real summaries nest two deep.
const maxSummaryDepth = 8

// sentence translates clauses joined with "; " (outside parentheses) and joins them again.
// Splitting comes first so that a shape ending in a free list (environment names) never
// swallows the clauses after it.
func (t *SummaryTranslator) sentence(s string, depth int) string {
	if s == "" || depth > maxSummaryDepth {
		return ""
	}
	parts := splitTopLevel(s, "; ")
	out := make([]string, len(parts))
	for i, p := range parts {
		if out[i] = t.clause(p, depth); out[i] == "" {
			return ""
		}
	}
	return strings.Join(out, "; ")
}

// clause translates one clause by the first shape that matches all of it.
func (t *SummaryTranslator) clause(s string, depth int) string {
	for _, r := range t.rules {
		m := r.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		if ko, ok := t.expand(r.ko, m, depth); ok {
			return ko
		}
	}
	return ""
}

// expand fills a template from the groups of a match; it fails when a nested summary does
// not translate.
func (t *SummaryTranslator) expand(tmpl string, m []string, depth int) (string, bool) {
	ok := true
	out := t.ref.ReplaceAllStringFunc(tmpl, func(ref string) string {
		sub := t.ref.FindStringSubmatch(ref)
		i, _ := strconv.Atoi(sub[2])
		if i >= len(m) {
			ok = false
			return ""
		}
		g := m[i]
		switch sub[1] {
		case "=":
			ko := t.sentence(g, depth+1)
			if ko == "" {
				ok = false
			}
			return ko
		case ",":
			parts := splitTopLevel(g, ", ")
			for j, p := range parts {
				if parts[j] = t.clause(p, depth+1); parts[j] == "" {
					ok = false
				}
			}
			return strings.Join(parts, ", ")
		}
		return g
	})
	return out, ok
}

// splitTopLevel splits s at sep where sep is not inside parentheses, the way the scorer joins
// check summaries that may themselves hold parenthesised lists.
func splitTopLevel(s, sep string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 && strings.HasPrefix(s[i:], sep) {
				out = append(out, s[start:i])
				start = i + len(sep)
				i += len(sep) - 1
			}
		}
	}
	return append(out, s[start:])
}
