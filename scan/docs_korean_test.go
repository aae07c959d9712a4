package scan

import "testing"

func TestKoreanGloss(t *testing.T) {
	t.Parallel()
	g := newGlosser()
	tests := []struct{ in, want string }{
		{"docs/runbooks/disk.md", "docs/runbooks/disk.md"}, // no Hangul: unchanged
		{"docs/런북/디스크-가득참.md", "docs/runbook/디스크-가득참.md"},
		{"운영-절차/인증서-갱신.md", "runbook/인증서-갱신.md"},
		{"장애 대응 절차", "incident response procedure"},
		{"장애대응절차", "incident responseprocedure"}, // written solid: the words still match
		{"포스트모템/2025-03-02-결제-장애.md", "postmortem/2025-03-02-결제-incident.md"},
		{"장애 회고", "postmortem"}, // the longer term wins over 장애
		{"docs/아키텍처-결정-기록/0001-x.md", "docs/adr/0001-x.md"},
		{"운영 준비 검토(orr) 체크리스트", "operational readiness review(orr) 체크리스트"},
		{"사고 방식", "사고 방식"}, // 사고 alone also means "thought": glossed only in phrases
		{"스프린트 회고", "스프린트 retro"},
	}
	for _, tt := range tests {
		if got := g.gloss(tt.in); got != tt.want {
			t.Errorf("gloss(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestKoreanKeywordHits: Korean words in document text hit the same keyword groups as the
// English ones, written spaced or solid.
func TestKoreanKeywordHits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text  string
		group string
		line  int
	}{
		{"# 결제 장애\n\n## 근본 원인\n", "rootcause", 3},
		{"## 타임라인\n", "timeline", 1},
		{"사후분석 문서", "postmortem", 1},
		{"x\n2차 온콜로 에스컬레이션한다", "escalation", 2},
		{"평균 복구 시간 42분", "mttr", 1},
	}
	v := newVocab()
	for _, tt := range tests {
		d := &DocFile{Hits: v.keywordHits(tt.text)}
		if line, ok := d.hit(tt.group); !ok || line != tt.line {
			t.Errorf("%q: hit %s = %d, %v; want line %d", tt.text, tt.group, line, ok, tt.line)
		}
	}
}
