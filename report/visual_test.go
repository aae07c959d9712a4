package report_test

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

func execLookPath(name string) (string, error) { return exec.LookPath(name) }

func execOutput(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return stderr.Bytes(), err
	}
	return out, nil
}

// TestPDFKorean checks what a reader of the Korean PDF sees: Korean text that extracts as
// text (the ToUnicode map works), page numbers, the table of contents with page numbers,
// and pages that render to non-blank images.
func TestPDFKorean(t *testing.T) {
	poppler(t)
	f := newFixture(t)
	var buf bytes.Buffer
	ok(t, f.r.WriteLensReview(f.ctx, &buf, f.id, "", "pdf", "ko", 0))
	dir := t.TempDir()
	path := filepath.Join(dir, "r.pdf")
	ok(t, os.WriteFile(path, buf.Bytes(), 0o644))

	info, err := execOutput("pdfinfo", path)
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	if pages < 5 {
		t.Errorf("%d pages; the review needs more", pages)
	}
	fonts, _ := execOutput("pdffonts", path)
	if !strings.Contains(string(fonts), "NanumGothic") || !strings.Contains(string(fonts), "CID TrueType") {
		t.Errorf("fonts are not the embedded Nanum Gothic subset:\n%s", fonts)
	}

	text, err := execOutput("pdftotext", "-layout", "-enc", "UTF-8", path, "-")
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	s := string(text)
	for _, want := range []string{"렌즈 검토 보고서", "결제 서비스 Checkout", "목차", "워크로드 정보", "위험 요약", "개선 계획",
		"우선순위를 어떻게 결정하나요?", "분산 추적 구현", "아키텍처 제약", "단일 프로세스라 분산 추적이 필요 없습니다", "마일스톤별 추이",
		"저장소 근거", ".github/workflows/ci.yml:24"} {
		if !strings.Contains(s, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
	for n := 2; n <= pages; n++ {
		if !strings.Contains(s, strconv.Itoa(n)+" / "+strconv.Itoa(pages)) {
			t.Errorf("page %d has no page number %q", n, strconv.Itoa(n)+" / "+strconv.Itoa(pages))
		}
	}
	// Contents list each section with the page it starts on.
	toc := strings.Split(s, "\f")[1]
	for _, want := range []string{"워크로드 정보", "위험 요약", "답변", "OPS04", "개선 계획", "마일스톤별 추이"} {
		if !regexp.MustCompile(regexp.QuoteMeta(want) + `.*\s(\d+)\n`).MatchString(toc) {
			t.Errorf("contents lack %q with a page number:\n%s", want, toc)
		}
	}
	// The contents' numbers are right: "개선 계획" starts on the page it says.
	if m := regexp.MustCompile(`개선 계획\s+(\d+)\n`).FindStringSubmatch(toc); m != nil {
		n, _ := strconv.Atoi(m[1])
		page := strings.Split(s, "\f")[n-1]
		if !strings.Contains(page, "개선 계획") {
			t.Errorf("contents say the improvement plan is on page %d, which reads:\n%.300s", n, page)
		}
	}

	ppm, err := execOutput("pdftoppm", "-r", "30", "-png", path, filepath.Join(dir, "page"))
	if err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, ppm)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if len(pngs) != pages {
		t.Fatalf("pdftoppm rendered %d pages of %d", len(pngs), pages)
	}
	for _, p := range pngs {
		if dark := inkShare(t, p); dark < 0.002 {
			t.Errorf("%s is blank (%.4f of pixels inked)", filepath.Base(p), dark)
		}
	}
}

// inkShare is the share of a PNG's pixels that are not near white.
func inkShare(t *testing.T, path string) float64 {
	fh, err := os.Open(path)
	ok(t, err)
	defer fh.Close()
	img, err := png.Decode(fh)
	ok(t, err)
	b := img.Bounds()
	inked := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r+g+bl < 3*0xE000 {
				inked++
			}
		}
	}
	return float64(inked) / float64(b.Dx()*b.Dy())
}

// TestHTMLSelfContainedAndInert: one file that fetches nothing, in which user text is text.
func TestHTMLSelfContainedAndInert(t *testing.T) {
	f := newFixture(t)
	evil := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	name := "Evil " + evil
	if _, err := f.db.UpdateWorkload(f.ctx, f.id, wellops.WorkloadUpdate{Name: &name, Notes: &evil}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	ok(t, f.r.WriteLensReview(f.ctx, &buf, f.id, "", "html", "en", 0))
	html := buf.String()
	if strings.Contains(html, "<script") || strings.Contains(html, "<img") || strings.Contains(html, "onerror=alert") && !strings.Contains(html, "&lt;img") {
		t.Errorf("user markup is live in the HTML")
	}
	if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the workload name is not shown as text")
	}
	// References: only in-page anchors and the lens's own links; nothing loaded.
	l, _ := lens.Builtin("en")
	allowed := map[string]bool{}
	for _, p := range l.Pillars {
		for _, q := range p.Questions {
			for _, c := range q.Choices {
				for _, r := range []*lens.Resource{c.HelpfulResource, c.ImprovementPlan} {
					if r != nil {
						allowed[r.URL] = true
					}
				}
			}
		}
	}
	for _, m := range regexp.MustCompile(`(?i)(href|src|xlink:href)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(html, -1) {
		if strings.ToLower(m[1]) != "href" {
			t.Errorf("the HTML loads %s=%q", m[1], m[2])
			continue
		}
		if !strings.HasPrefix(m[2], "#") && !allowed[m[2]] {
			t.Errorf("link to %q is neither an anchor nor a lens link", m[2])
		}
	}
	for _, banned := range []string{"@import", "url(", "<link", "<iframe", "<object", "<embed"} {
		if strings.Contains(html, banned) {
			t.Errorf("the HTML contains %q", banned)
		}
	}
	if !strings.Contains(html, "@media print") {
		t.Error("no print styles")
	}
	if !strings.Contains(html, "<svg") {
		t.Error("no inline SVG chart")
	}

	buf.Reset()
	ok(t, f.r.WriteLensReview(f.ctx, &buf, f.id, "", "md", "en", 0))
	if strings.Contains(buf.String(), "<script") || strings.Contains(buf.String(), "<img") {
		t.Errorf("user markup is live in the Markdown")
	}
}

// CSV opens in Excel in Korean (a byte-order mark) and defuses formulas in free text.
func TestCSV(t *testing.T) {
	f := newFixture(t)
	formula := "=HYPERLINK(\"http://evil\")"
	_, err := f.db.UpdateAnswer(f.ctx, f.id, alias, "ready-to-support", wellops.AnswerUpdate{Notes: &formula})
	ok(t, err)
	var buf bytes.Buffer
	ok(t, f.r.WriteLensReview(f.ctx, &buf, f.id, "", "csv", "ko", 0))
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF원칙,")) {
		t.Errorf("CSV does not start with a BOM and the Korean header: %q", buf.Bytes()[:20])
	}
	if !strings.Contains(buf.String(), `"'=HYPERLINK(""http://evil"")"`) {
		t.Errorf("a formula in notes is not defused")
	}
}
