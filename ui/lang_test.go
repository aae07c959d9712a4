package ui_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
)

var (
	tagRE      = regexp.MustCompile(`(?s)<select id="IndustryType".*?</select>|<[^>]*>`)
	lettersRE  = regexp.MustCompile(`\p{L}{2,}`)
	hangulRE   = regexp.MustCompile(`\p{Hangul}`)
	wordEdgeRE = func(s string) *regexp.Regexp {
		return regexp.MustCompile(`(^|[^\p{L}])` + regexp.QuoteMeta(s) + `($|[^\p{L}])`)
	}
)

func catalog(t *testing.T, lang string) map[string]string {
	t.Helper()
	b, err := os.ReadFile("i18n/" + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestKoreanPagesShowNoEnglish renders every page in Korean and looks for any English
// catalog text in what a person reads (tags taken out). Texts that are the same in both
// catalogs (wellops, English, PDF…) are allowed.
func TestKoreanPagesShowNoEnglish(t *testing.T) {
	en, ko := catalog(t, "en"), catalog(t, "ko")
	var english []*regexp.Regexp
	var texts []string
	for k, v := range en {
		if ko[k] != v && lettersRE.MatchString(v) && !strings.Contains(v, "%") {
			english = append(english, wordEdgeRE(v))
			texts = append(texts, v)
		}
	}
	e := newEnv(t)
	s := seed(t, e)
	c := e.signedIn("alice")
	c.lang = "ko-KR,ko;q=0.9,en;q=0.5"
	for _, p := range append(pages(s), struct{ path, want string }{"/ui/workloads/" + s.w.ID + "/edit", ""}) {
		r := c.get(p.path)
		r.want(t, http.StatusOK, `<html lang="ko">`)
		r.lacks(t, "[[")
		text := html.UnescapeString(tagRE.ReplaceAllString(r.body, "\n"))
		if !hangulRE.MatchString(text) {
			t.Errorf("%s: no Korean text", p.path)
		}
		for i, re := range english {
			if re.MatchString(text) {
				t.Errorf("%s: English text %q on the Korean page", p.path, texts[i])
			}
		}
	}
	// The error pages too.
	r := c.get("/ui/workloads/nope")
	r.want(t, http.StatusNotFound, "페이지를 찾을 수 없습니다", "요청 ID")
}

func TestLanguageSwitcherIsRemembered(t *testing.T) {
	e := newEnv(t)
	c := e.signedIn("alice")
	c.get("/ui/").want(t, 200, `<html lang="en">`, `href="/ui/lang/ko?next=%2fui%2f"`)
	r := c.get("/ui/lang/ko?next=%2Fui%2Flenses")
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/ui/lenses" {
		t.Fatalf("switch: %d %q", r.status, r.header.Get("Location"))
	}
	if ck := r.header.Get("Set-Cookie"); !strings.Contains(ck, "lang=ko") || !strings.Contains(ck, "Max-Age=31536000") {
		t.Fatalf("lang cookie = %q", ck)
	}
	c.lang = "en-US,en;q=0.9" // the cookie wins over the browser's language
	c.get("/ui/").want(t, 200, `<html lang="ko">`, "워크로드", "새 워크로드")
	c.get("/ui/lang/xx").want(t, http.StatusNotFound)
	// Signed out, the sign-in page follows Accept-Language.
	anon := e.client()
	anon.lang = "ko"
	anon.get("/ui/signin").want(t, 200, "로그인", "비밀번호")
}

// TestKoreanFormProblems checks that what the store and the lens engine find wrong with an
// input is told in Korean on a Korean page, next to the field and in the summary.
func TestKoreanFormProblems(t *testing.T) {
	e := newEnv(t)
	c := e.signedIn("alice")
	c.lang = "ko-KR,ko;q=0.9"
	c.get("/ui/workloads/new")
	r := c.post("/ui/workloads", url.Values{"WorkloadName": {"x"}, "Description": {"kept text"}, "Environment": {"PRODUCTION"},
		"ReviewOwner": {"alice"}, "AccountIds": {"12"}})
	r.want(t, http.StatusBadRequest, "최소 3자 이상이어야 합니다(입력 1자)", `12자리 AWS 계정 ID여야 합니다(입력: &#34;12&#34;)`,
		"AWS 리전과 AWS 외 리전 중 하나 이상을 입력해야 합니다")
	r.lacks(t, "must be", "got 1")

	c.get("/ui/lenses")
	bad := strings.Replace(customLens, `"risk":"NO_RISK"`, `"risk":"LOW_RISK"`, 1)
	r = c.post("/ui/lenses", url.Values{"json": {bad}})
	r.want(t, http.StatusBadRequest, "pillars[0].questions[0].riskRules[0].risk",
		"HIGH_RISK, MEDIUM_RISK 또는 NO_RISK 중 하나여야 합니다 (입력: &#34;LOW_RISK&#34;)")
	c.post("/ui/lenses", url.Values{"json": {"{not json"}}).want(t, http.StatusBadRequest, "1행")
}
