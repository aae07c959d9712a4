package scan

import (
	"sort"
	"strings"
)

// Korean documentation. Teams write runbooks, postmortems and incident processes in Korean;
// the documentation checks match English words. Rather than give every check a second word
// list, the names a document is judged by (its path, title and headings) are glossed: each
// Korean term the checks care about is replaced by the English word those checks already look
// for, so "docs/런북/디스크-가득참.md" is judged as "docs/runbook/디스크-가득참.md" and a
// "장애 대응 절차" title as "incident response procedure". The original text is what the
// report quotes. Body text is not glossed: docKeywords lists the Korean words it is searched
// for beside the English ones.
//
// The same traps hold as in English: a README that mentions 장애 (an outage) in its text is
// not an incident process, because the checks judge a document by what it calls itself.

// koreanGloss maps Korean terms to the English words the documentation checks match on. A
// term written with spaces also matches written solid or with "-" or "_" (file names).
// Longer terms win over the shorter ones inside them ("장애 회고" before "장애"). Single
// common words are glossed only where the English word is equally plain in an English title
// ("관리" as "management", as in "장애 관리"); words with other everyday meanings are glossed
// only in phrases ("사고 대응", never "사고" alone, which also means "thought").
func koreanGloss() [][2]string {
	return [][2]string{
		// runbooks and playbooks (OPS07-BP03, OPS07-BP04)
		{"런북", "runbook"}, {"런 북", "runbook"}, {"운영 절차", "runbook"}, {"운영 절차서", "runbook"},
		{"표준 운영 절차", "runbook"}, {"운영 매뉴얼", "runbook"}, {"작업 절차서", "runbook"},
		{"플레이북", "playbook"}, {"장애 조사", "investigation"}, {"원인 조사", "investigation"},
		{"문제 해결", "troubleshooting"}, {"트러블슈팅", "troubleshooting"}, {"트러블 슈팅", "troubleshooting"},
		{"디버깅", "debugging"}, {"진단", "diagnosis"}, {"자주 묻는 질문", "faq"},
		// postmortems (OPS11-BP02)
		{"포스트모템", "postmortem"}, {"포스트 모템", "postmortem"}, {"사후 분석", "postmortem"},
		{"장애 회고", "postmortem"}, {"사후 검토", "post-incident review"}, {"장애 보고서", "incident-reports"},
		{"장애 리포트", "incident-reports"}, {"사고 보고서", "incident-reports"}, {"회고", "retro"},
		// incident process, on-call and escalation (OPS10-BP01, OPS10-BP04, OPS07-BP06)
		{"장애 대응", "incident response"}, {"사고 대응", "incident response"}, {"인시던트", "incident"},
		{"장애", "incident"}, {"대응", "response"}, {"절차", "procedure"}, {"프로세스", "process"},
		{"관리", "management"}, {"처리", "handling"}, {"정책", "policy"},
		{"온콜", "on-call"}, {"온 콜", "on-call"}, {"당직", "on-call"}, {"비상 대기", "on-call"},
		{"에스컬레이션", "escalation"}, {"상위 보고", "escalation"}, {"상향 보고", "escalation"},
		{"지원 계획", "support plan"}, {"지원 체계", "support plan"},
		// decision records (OPS01-BP06, OPS05-BP06); their usual section headings
		{"아키텍처 결정 기록", "adr"}, {"아키텍처 의사결정 기록", "adr"}, {"의사결정 기록", "decision-record"},
		{"결정 기록", "decision-record"}, {"상태", "status"}, {"맥락", "context"}, {"배경", "context"},
		{"컨텍스트", "context"}, {"결정", "decision"}, {"결과", "consequences"},
		{"고려한 대안", "considered options"}, {"고려한 옵션", "considered options"}, {"검토한 대안", "considered options"},
		// readiness reviews (OPS07-BP02)
		{"운영 준비 검토", "operational readiness review"}, {"운영 준비", "operational readiness"},
		{"준비 검토", "readiness review"}, {"출시 체크리스트", "launch checklist"}, {"출시 점검표", "launch checklist"},
		{"오픈 체크리스트", "go-live checklist"}, {"프로덕션 준비", "production readiness"},
		// rollback and recovery (OPS06-BP01)
		{"롤백", "rollback"}, {"되돌리기", "rollback"}, {"원복", "rollback"}, {"재해 복구", "disaster recovery"},
		{"복원", "restore"},
		// people: onboarding, training, exercises (OPS07-BP01)
		{"온보딩", "onboarding"}, {"신규 입사자", "joiners"}, {"입사자", "joiners"}, {"신규 입사", "new starter"},
		{"교육", "training"}, {"훈련", "exercise"}, {"게임 데이", "gameday"},
		// communication (OPS10-BP05)
		{"커뮤니케이션 계획", "communications plan"}, {"소통 계획", "communication plan"},
		{"커뮤니케이션", "communication"}, {"고객 공지", "customer-notification"}, {"대외 공지", "customer-notification"},
		{"상태 페이지", "status page"},
		// operations metrics, threat models, environments, change templates
		{"지표", "metric"}, {"보고서", "report"}, {"리뷰", "review"}, {"검토", "review"},
		{"에러 버짓", "error budget"}, {"에러 예산", "error budget"}, {"오류 예산", "error budget"},
		{"위협 모델", "threat model"}, {"스테이징", "staging"},
		{"위험", "risk"}, {"영향", "impact"}, {"테스트", "testing"}, {"배포", "deploy"},
	}
}

// glosser replaces Korean terms with their English glosses.
type glosser struct {
	terms []glossTerm // longest first
}

type glossTerm struct{ ko, en string }

func newGlosser() *glosser {
	var g glosser
	for _, t := range koreanGloss() {
		for _, v := range spacingVariants(t[0]) {
			g.terms = append(g.terms, glossTerm{v, t[1]})
		}
	}
	sort.SliceStable(g.terms, func(i, j int) bool { return len(g.terms[i].ko) > len(g.terms[j].ko) })
	return &g
}

// spacingVariants returns a term as written with spaces, solid, and joined by "-" or "_":
// Korean spacing varies between writers, and file names replace spaces.
func spacingVariants(t string) []string {
	if !strings.Contains(t, " ") {
		return []string{t}
	}
	return []string{t, strings.ReplaceAll(t, " ", ""), strings.ReplaceAll(t, " ", "-"), strings.ReplaceAll(t, " ", "_")}
}

// gloss returns s with every Korean term replaced by its English gloss. Text without Hangul
// (all of it, in most repositories) is returned as it is, without a copy.
func (g *glosser) gloss(s string) string {
	if !hasHangul(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		matched := false
		if isHangulLead(s[i]) {
			for _, t := range g.terms {
				if strings.HasPrefix(s[i:], t.ko) {
					b.WriteString(t.en)
					i += len(t.ko)
					matched = true
					break
				}
			}
		}
		if !matched {
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}

// hasHangul reports whether s holds a Hangul syllable (U+AC00–U+D7A3, UTF-8 lead bytes
// 0xEA–0xED).
func hasHangul(s string) bool {
	for i := 0; i < len(s); i++ {
		if isHangulLead(s[i]) {
			return true
		}
	}
	return false
}

func isHangulLead(b byte) bool { return b >= 0xEA && b <= 0xED }

// koreanKeywords are the Korean words searched for in document text, by docKeywords group.
// They are matched as written; spacingVariants adds the solid forms.
func koreanKeywords() map[string][]string {
	return map[string][]string{
		"rollback":     {"롤백", "되돌리", "원복"},
		"restore":      {"재해 복구", "백업 복원", "복원 절차"},
		"postmortem":   {"포스트모템", "사후 분석", "장애 회고", "장애 보고서", "사후 검토", "재발 방지"},
		"rootcause":    {"근본 원인", "원인 분석", "기여 요인"},
		"timeline":     {"타임라인", "시간대별", "경과 시간", "주요 이벤트"},
		"actions":      {"후속 조치", "조치 사항", "조치 항목", "액션 아이템", "재발 방지 대책"},
		"impact":       {"영향"},
		"mttr":         {"평균 복구 시간", "평균 해결 시간", "복구 시간", "해결 시간", "복구까지 걸린 시간"},
		"escalation":   {"에스컬레이션", "상위 보고", "상향 보고", "2차 담당", "2차 당직", "2차 온콜", "2선 지원"},
		"oncall":       {"온콜", "당직", "비상 대기", "페이저듀티"},
		"severity":     {"심각도", "장애 등급", "긴급도"},
		"incident":     {"장애", "인시던트"},
		"roles":        {"인시던트 커맨더", "인시던트 지휘관", "장애 대응 책임자", "상황 지휘자", "기록 담당", "커뮤니케이션 담당", "소통 담당"},
		"comms":        {"커뮤니케이션 계획", "소통 계획", "상태 페이지", "고객 공지", "대외 공지"},
		"troubleshoot": {"문제 해결", "트러블슈팅", "디버깅", "장애 조사", "원인 조사", "진단"},
		"runbook":      {"런북", "플레이북", "운영 절차"},
		"readiness":    {"운영 준비", "준비 검토", "출시 체크리스트", "오픈 체크리스트"},
		"gameday":      {"게임 데이", "모의 훈련", "장애 훈련", "카오스 엔지니어링"},
		"onboarding":   {"온보딩", "신규 입사", "신규 팀원"},
		"support":      {"업무 시간 외", "근무 시간 외", "야간 및 주말", "지원 시간", "지원 요청", "업무 시간"},
		"errorbudget":  {"에러 버짓", "에러 예산", "오류 예산"},
		"dora":         {"배포 빈도", "변경 실패율", "변경 리드 타임"},
		"threat":       {"위협 모델"},
		"decision":     {"고려한 대안", "고려한 옵션", "결정 사항"},
		"feedback":     {"피드백"},
		"standards":    {"코딩 표준", "스타일 가이드", "코딩 컨벤션", "가이드라인"},
	}
}
