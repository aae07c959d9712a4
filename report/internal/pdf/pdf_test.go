package pdf

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func loadFont(t testing.TB, name string) *Font {
	t.Helper()
	gz, err := os.Open(filepath.Join("..", "..", "fonts", name+".ttf.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer gz.Close()
	zr, err := gzip.NewReader(gz)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseTTF(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestKoreanTextExtracts(t *testing.T) {
	f := loadFont(t, "NanumGothic")
	d := &Doc{Title: "보고서 title", Lang: "ko-KR", Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	fc := d.AddFont(f)
	p := d.NewPage()
	p.Text(fc, 14, Hex("#202020"), 72, 100, "운영 우수성 검토 보고서 Operational Excellence")
	red := Hex("#c62828")
	p.RoundRect(72, 120, 200, 20, 4, &red, nil, 0)
	p.Circle(300, 300, 20, nil, &red, 1)
	q := d.NewPage()
	q.Text(fc, 10, Hex("#000000"), 72, 100, "둘째 쪽")
	d.Outlines = []Outline{{Title: "첫 쪽", Page: p, Y: 90}, {Title: "둘째", Page: q, Y: 90, Level: 1}}
	p.LinkTo(72, 90, 100, 14, q, 90)
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	d.Write(&again)
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two writes of the same document differ")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	out, err := exec.Command("pdftotext", "-layout", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	for _, want := range []string{"운영 우수성 검토 보고서 Operational Excellence", "둘째 쪽"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("extracted text lacks %q:\n%s", want, out)
		}
	}
	if os.Getenv("PDF_KEEP") != "" {
		os.WriteFile(os.Getenv("PDF_KEEP"), buf.Bytes(), 0o644)
	}
}
