package ops

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wellops/wellops/e2e/harness"
	"github.com/wellops/wellops/e2e/ops/load"
)

// payload is what an attacker types into field f: a script element, a quote that would
// end an attribute, and an element with an event handler. Each carries the field's name so
// that a test failure says which field leaked, and so the test can see where it is shown.
func payload(f string) string {
	return fmt.Sprintf(`<script>x_%s()</script>"'><img src=x onerror=y_%s()>`, f, f)
}

// live reports markup of a payload that a browser would run: the raw script element or
// the raw image element (after a raw quote it would also have left its attribute).
func live(doc string) string {
	for _, s := range []string{"<script>x_", "<img src=x onerror"} {
		if i := strings.Index(doc, s); i >= 0 {
			return doc[max(0, i-80):min(len(doc), i+80)]
		}
	}
	return ""
}

// TestInjectionIsInert puts script and markup into every user-supplied string that the UI
// and the reports show (workload name, description, review owner, notes, industry, tags,
// answer notes, choice notes, lens notes, milestone name, share recipient, and a custom lens's name,
// description, pillar, question, choice, improvement plan and helpful resource) and
// spreadsheet formulas into answer notes. Every UI page and every HTML and Markdown report
// must show them as text, never as markup; CSV cells that would run as formulas must be
// defused; the PDF must carry them as text. Each field must show up somewhere, or the test
// would prove nothing about it.
func TestInjectionIsInert(t *testing.T) {
	srv := harness.Start(t, harness.Kinds(t)[0], harness.Options{Env: []string{"WELLOPS_INSECURE_COOKIES=true"}})
	u := srv.NewUser(t, "author", "")
	c := client(srv, u)
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	w, err := c.CreateWorkload(bg, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String(payload("wn")), Description: aws.String(payload("wd")), ReviewOwner: aws.String(payload("wo")),
		Notes: aws.String(payload("wnotes")), Industry: aws.String(payload("wi")),
		Environment: types.WorkloadEnvironmentProduction, Lenses: []string{load.Lens}, AwsRegions: []string{"us-east-1"},
		Tags: map[string]string{"team": payload("tag")}, ClientRequestToken: aws.String("inject"),
	})
	must("create workload", err)
	wl := aws.ToString(w.WorkloadId)
	qs, choices := questions(t, c, wl)
	_, err = c.UpdateAnswer(bg, &wellarchitected.UpdateAnswerInput{WorkloadId: &wl, LensAlias: aws.String(load.Lens), QuestionId: &qs[0],
		Notes: aws.String(payload("an")), SelectedChoices: choices[qs[0]][:1],
		ChoiceUpdates: map[string]types.ChoiceUpdate{choices[qs[0]][0]: {Status: types.ChoiceStatusSelected, Notes: aws.String(payload("cn"))}}})
	must("update answer", err)
	formula := `=HYPERLINK("http://evil.example/","csv_formula")`
	must("formula notes", update(c, wl, qs[1], formula, choices[qs[1]][:1]...))
	must("minus notes", update(c, wl, qs[2], "-2+3+cmd|' /C calc'!A0", choices[qs[2]][:1]...))
	_, err = c.UpdateLensReview(bg, &wellarchitected.UpdateLensReviewInput{WorkloadId: &wl, LensAlias: aws.String(load.Lens), LensNotes: aws.String(payload("ln"))})
	must("lens notes", err)
	_, err = c.CreateMilestone(bg, &wellarchitected.CreateMilestoneInput{WorkloadId: &wl, MilestoneName: aws.String(payload("mn")), ClientRequestToken: aws.String("m")})
	must("milestone", err)

	lensJSON := fmt.Sprintf(`{"schemaVersion":"2021-11-01","name":%q,"description":%q,"pillars":[{"id":"pil_one","name":%q,"questions":[
		{"id":"que_one","title":%q,"description":%q,"choices":[{"id":"que_one_a","title":%q,"description":%q,"improvementPlan":{"displayText":%q}},
		{"id":"que_one_no","title":"None of these"}],"riskRules":[{"condition":"que_one_a","risk":"NO_RISK"},{"condition":"default","risk":"HIGH_RISK"}]}]}]}`,
		payload("lname"), payload("ldesc"), payload("lp"), payload("lq"), payload("lqd"), payload("lc"), payload("lcd"), payload("lip"))
	imp, err := c.ImportLens(bg, &wellarchitected.ImportLensInput{JSONString: aws.String(lensJSON), ClientRequestToken: aws.String("lens")})
	must("import lens", err)
	arn := aws.ToString(imp.LensArn)
	_, err = c.CreateLensVersion(bg, &wellarchitected.CreateLensVersionInput{LensAlias: &arn, LensVersion: aws.String("1.0"), ClientRequestToken: aws.String("v1")})
	must("publish lens", err)
	_, err = c.AssociateLenses(bg, &wellarchitected.AssociateLensesInput{WorkloadId: &wl, LensAliases: []string{arn}})
	must("associate lens", err)

	// A share recipient is an account ID or a user's ARN: markup is refused before it is
	// stored, so it can never be shown.
	_, err = c.CreateWorkloadShare(bg, &wellarchitected.CreateWorkloadShareInput{WorkloadId: &wl, SharedWith: aws.String(payload("sw")),
		PermissionType: types.PermissionTypeReadonly, ClientRequestToken: aws.String("s")})
	if st, code := status(err); st != 400 || code != "ValidationException" {
		t.Errorf("a share with markup for a recipient: %d %q %v, want 400 ValidationException", st, code, err)
	}

	b := newBrowser(t, srv.URL)
	b.signIn(t, u.Name, u.Password)
	esc := arn[strings.LastIndex(arn, "/")+1:] // the UI names a custom lens by its ARN's ID
	docs := map[string]string{}
	for _, p := range []string{
		"/ui/", "/ui/workloads/" + wl, "/ui/workloads/" + wl + "/edit", "/ui/workloads/" + wl + "/review/" + load.Lens + "/" + qs[0],
		"/ui/workloads/" + wl + "/review/" + esc + "/que_one", "/ui/workloads/" + wl + "/improvements/" + load.Lens,
		"/ui/workloads/" + wl + "/improvements/" + esc, "/ui/workloads/" + wl + "/milestones", "/ui/workloads/" + wl + "/milestones/1",
		"/ui/lenses", "/ui/lenses/" + esc, "/ui/lenses/" + esc + "/preview",
		"/ui/workloads/" + wl + "/report?format=html&lens=" + load.Lens, "/ui/workloads/" + wl + "/report?format=html&lens=" + esc,
		"/ui/workloads/" + wl + "/report?format=md&lens=" + load.Lens, "/ui/workloads/" + wl + "/report?format=md&lens=" + esc,
		"/ui/report?format=html", "/ui/report?format=md",
	} {
		st, body := b.get(t, p)
		if st != 200 {
			t.Errorf("GET %s: %d", p, st)
			continue
		}
		docs[p] = body
		if l := live(body); l != "" {
			t.Errorf("%s shows a payload as live markup: …%s…", p, l)
		}
	}

	_, csvDoc := b.get(t, "/ui/workloads/"+wl+"/report?format=csv&lens="+load.Lens)
	docs["csv"] = csvDoc
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvDoc, "\uFEFF"))).ReadAll()
	must("read the CSV report", err)
	formulas := 0
	for _, row := range rows {
		for _, cell := range row {
			if strings.Contains(cell, "csv_formula") || strings.Contains(cell, "cmd|") {
				formulas++
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Errorf("CSV cell would run as a formula: %q", cell)
				}
			}
		}
	}
	if formulas < 2 {
		t.Errorf("the CSV report shows %d of the 2 answers with formulas in their notes", formulas)
	}

	if _, err := exec.LookPath("pdftotext"); err == nil {
		resp, err := b.hc.Get(srv.URL + "/ui/workloads/" + wl + "/report?format=pdf&lens=" + load.Lens)
		must("PDF report", err)
		pdf := readAll(resp)
		if strings.Contains(pdf, "/JavaScript") || strings.Contains(pdf, "/JS ") {
			t.Error("the PDF report carries JavaScript")
		}
		f := filepath.Join(t.TempDir(), "r.pdf")
		must("write PDF", os.WriteFile(f, []byte(pdf), 0o600))
		out, err := exec.Command("pdftotext", f, "-").Output()
		must("pdftotext", err)
		docs["pdf"] = string(out)
	}

	// Tags are set with a payload too, but neither the UI nor the reports show them (yet).
	for _, f := range []string{"wn", "wd", "wo", "wnotes", "wi", "an", "cn", "ln", "mn", "lname", "ldesc", "lp", "lq", "lqd", "lc", "lcd", "lip"} {
		var where []string
		for p, d := range docs {
			if strings.Contains(d, "x_"+f+"()") {
				where = append(where, p)
			}
		}
		if len(where) == 0 {
			t.Errorf("field %s is shown nowhere: the test proves nothing about it", f)
		}
	}
}
