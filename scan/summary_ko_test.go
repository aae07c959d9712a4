package scan

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"unicode/utf8"
)

func TestKoreanSummary(t *testing.T) {
	t.Parallel()
	tr := NewSummaryTranslator()
	tests := []struct {
		name, in, want string
	}{
		{"count", "2 SLO definitions", "SLO 정의 2개"},
		{"singular count", "1 alert rule", "알림 규칙 1개"},
		{"two counts", "1 telemetry library in 1 manifest; 5 telemetry settings in IaC",
			"매니페스트 1개의 텔레메트리 라이브러리 1개; IaC의 텔레메트리 설정 5개"},
		{"alert quality", "11 alert rules in 2 files; 11 have a severity (5 warning, 6 critical), 11 describe themselves, 10 link a runbook; 11 of 11 are actionable",
			"파일 2개의 알림 규칙 11개; 11개에 심각도가 있음 (5 warning, 6 critical), 11개에 설명이 있음, 10개가 런북에 연결됨; 11개 중 11개가 조치 가능함"},
		{"weak practice wrapper", "nothing in the repository shows it (no architecture decision records found; no reusable CI definitions, shared modules or standards documents found); it is often kept elsewhere, so ask the team",
			"저장소에는 이를 보여 주는 것이 없음(아키텍처 결정 기록(ADR)을 찾지 못함; 재사용 가능한 CI 정의, 공유 모듈, 표준 문서를 찾지 못함); 저장소 밖에서 관리하는 경우가 많으니 팀에 물어보세요"},
		{"human only with hint", "a person must answer this: it is about people, culture or judgement, which files cannot show; the evidence below only hints at it",
			"사람이 답해야 함: 사람·문화·판단에 관한 것이라 파일로는 알 수 없음; 아래 증거는 단서일 뿐임"},
		{"unknown", "the repository does not show this; a reviewer should ask", "저장소에서는 확인할 수 없음; 검토자가 팀에 물어봐야 함"},
		{"hints", "hint: 1 feature-flag library or flag definition; hint: 1 down/undo migration",
			"힌트: 기능 플래그 라이브러리·플래그 정의 1개; 힌트: down/undo 마이그레이션 1개"},
		{"only in examples", "3 runbooks (1 with review dates) (only in examples)", "런북 3개(검토 날짜가 있는 것 1개)(예시에만 있음)"},
		{"pipelines with jobs", "1 CI entry script; 2 GitHub Actions workflows; 1 Makefile; 1 Dockerfile (6 jobs)",
			"CI 진입 스크립트 1개; GitHub Actions 워크플로 2개; Makefile 1개; Dockerfile 1개(작업 6개)"},
		{"environment names", "3 environments configured: dev, prod, staging", "구성된 환경 3개: dev, prod, staging"},
		{"codeowners coverage", "CODEOWNERS covers 1 of 2 IaC files; 1 of 1 runbooks files; 0 of 2 IaC resources carry an owner tag",
			"CODEOWNERS 적용 범위: IaC 파일 2개 중 1개; 런북 파일 1개 중 1개; IaC 리소스 2개 중 0개에 소유자 태그가 있음"},
		{"source code list", "source code: structured logging in 6 files, metrics in 1 file, tracing by hand (traceparent and OTLP)",
			"소스 코드: 파일 6개의 구조화 로깅, 파일 1개의 지표, 직접 구현한 추적(traceparent와 OTLP)"},
		{"git history", "154 commits in 180 days (6.0 a week); median change 146 lines, 90th percentile 1087 lines; 0 tags",
			"180일 동안 커밋 154개(주당 6.0개); 변경 크기 중앙값 146줄, 90번째 백분위수 1087줄; 태그 0개"},
		{"group followed by Hangul", "4 burn-rate alerts, but no SLO definition for the workload", "소진율(burn-rate) 알림 4개, 다만 워크로드의 SLO 정의는 없음"},
		{"unknown clause fails all", "2 SLO definitions; something new", ""},
		{"unknown sentence", "a brand new sentence", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tr.Korean(tt.in); got != tt.want {
				t.Errorf("Korean(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestKoreanSummaryCoversScans translates every best-practice summary the scanner writes for
// the fixture trees and the corpus repositories: a new summary shape fails here until the
// table knows it.
func TestKoreanSummaryCoversScans(t *testing.T) {
	dirs := []string{}
	entries, err := os.ReadDir(filepath.Join("testdata", "fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join("testdata", "fixtures", e.Name()))
		}
	}
	corpus := 0
	for _, name := range corpusRepos {
		dir := filepath.Join(corpusDir, name)
		if _, err := os.Stat(dir); err != nil {
			t.Logf("corpus repository %s not available: %v", name, err)
			continue
		}
		dirs = append(dirs, dir)
		corpus++
	}
	sort.Strings(dirs)
	tr := NewSummaryTranslator()
	seen := map[string]bool{}
	for _, dir := range dirs {
		r := scanDir(t, dir, Options{})
		for _, bp := range r.BestPractices {
			if bp.Summary == "" || seen[bp.Summary] {
				continue
			}
			seen[bp.Summary] = true
			ko := tr.Korean(bp.Summary)
			if ko == "" || !hasHangul(ko) {
				t.Errorf("%s %s: no Korean for %q", filepath.Base(dir), bp.ID, bp.Summary)
			}
		}
	}
	t.Logf("%d distinct summaries from %d trees (%d corpus repositories)", len(seen), len(dirs), corpus)
	if corpus == 0 {
		t.Skipf("corpus not available: it lives in %s; the fixture trees were checked", corpusDir)
	}
}

// FuzzKoreanSummary feeds arbitrary text to the translator: it must not panic, and it returns
// either nothing or valid text.
func FuzzKoreanSummary(f *testing.F) {
	f.Add("nothing in the repository shows it (no architecture decision records found); it is often kept elsewhere, so ask the team")
	f.Add("hint: 3 runbooks (1 with review dates) (only in examples)")
	f.Add("source code: metrics in 1 file, tracing SDK in 2 files")
	f.Add("CODEOWNERS covers 1 of 2 IaC files")
	f.Add("((((; hint: ; ${1}; ${=1}")
	tr := NewSummaryTranslator()
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		got := tr.Korean(s)
		if got != "" && utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("Korean(%q) = %q, not valid UTF-8", s, got)
		}
	})
}
