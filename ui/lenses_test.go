package ui_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// upload posts a lens file as a browser's file input does.
func (c *client) upload(path, field, content string) response {
	c.e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", c.csrf)
	fw, _ := mw.CreateFormFile(field, "lens.json")
	fw.Write([]byte(content))
	mw.Close()
	req, _ := http.NewRequest("POST", c.e.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

func TestLensLifecycle(t *testing.T) {
	e := newEnv(t)
	c := e.signedIn("alice")
	c.get("/ui/lenses").want(t, 200, "Operational Excellence", "Built-in", "Import a custom lens")

	// Validation problems are listed with their JSON paths, and the pasted text is kept.
	bad := strings.Replace(customLens, `"risk":"NO_RISK"`, `"risk":"LOW_RISK"`, 1)
	bad = strings.Replace(bad, `"title":"Do you rotate keys?"`, `"title":""`, 1)
	r := c.post("/ui/lenses", url.Values{"json": {bad}})
	r.want(t, http.StatusBadRequest, "The lens was not imported", "pillars[0].questions[0].title",
		"pillars[0].questions[0].riskRules[0].risk", "LOW_RISK")
	c.post("/ui/lenses", url.Values{"json": {"{not json"}}).want(t, http.StatusBadRequest, "line 1")
	c.post("/ui/lenses", url.Values{"json": {"  "}}).want(t, http.StatusBadRequest, "Choose a file or paste")

	// A file upload imports a draft.
	r = c.upload("/ui/lenses", "file", customLens)
	if r.status != http.StatusSeeOther {
		t.Fatalf("import: %d\n%s", r.status, clip(r.body))
	}
	page := strings.TrimSuffix(r.header.Get("Location"), "?done=imported")
	c.get(page+"?done=imported").want(t, 200, "Lens imported as a draft", "Draft", "Publish a version", "preview?version=DRAFT")
	c.get(page+"/preview?version=DRAFT").want(t, 200, "Do you rotate keys?", "Automatic rotation", "rotate_auto", "NO_RISK")

	c.post(page+"/publish", url.Values{"version": {"1.0"}}).want(t, http.StatusSeeOther)
	c.upload(page+"/draft", "file", strings.Replace(customLens, "Do you rotate keys?", "How often do you rotate keys?", 1)).want(t, http.StatusSeeOther)
	c.get(page).want(t, 200, "1.0", "Draft", "Compare versions")
	c.post(page+"/publish", url.Values{"version": {"2.0"}, "major": {"yes"}}).want(t, http.StatusSeeOther)
	c.get(page).want(t, 200, "2.0", "major")
	c.get(page+"/diff?base=1.0&target=2.0").want(t, 200, "Changes from 1.0 to 2.0", "How often do you rotate keys?", "Changed")

	exp := c.get(page + "/export?version=1.0")
	exp.want(t, 200, `"Do you rotate keys?"`, `"schemaVersion"`)
	if cd := exp.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "-1.0.json") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	c.get("/ui/lenses/wellarchitected/export").want(t, 200, `"priorities"`)

	// Others cannot see a lens that is not shared with them.
	e.signedIn("mallory").get(page).want(t, http.StatusNotFound)

	c.post(page+"/delete", url.Values{"status": {"ALL"}}).want(t, http.StatusBadRequest)
	c.post(page+"/delete", url.Values{"status": {"ALL"}, "confirm": {"yes"}}).want(t, http.StatusSeeOther)
	c.get("/ui/lenses").want(t, 200).lacks(t, "Key hygiene")
}

func TestLensReviewUpgradeSavesAMilestone(t *testing.T) {
	e := newEnv(t)
	s := seed(t, e)
	c := e.signedIn("alice")
	wid := "/ui/workloads/" + s.w.ID
	key := s.lens[strings.LastIndex(s.lens, "/")+1:]
	c.get(wid)
	c.post(wid+"/lenses", url.Values{"lens": {s.lens}}).want(t, http.StatusSeeOther)
	// A major version leaves the review behind until someone upgrades it.
	lp := "/ui/lenses/" + key
	c.get(lp)
	c.upload(lp+"/draft", "file", strings.Replace(customLens, "Automatic rotation", "Automated rotation", 1)).want(t, http.StatusSeeOther)
	c.post(lp+"/publish", url.Values{"version": {"2.0"}, "major": {"yes"}}).want(t, http.StatusSeeOther)
	c.get(wid).want(t, 200, "New lens version available", "/lenses/"+key+"/upgrade")
	c.post(wid+"/lenses/"+key+"/upgrade", url.Values{"milestone": {"before 2.0"}}).want(t, http.StatusSeeOther)
	c.get(wid).want(t, 200, "before 2.0").lacks(t, "New lens version available")
}
