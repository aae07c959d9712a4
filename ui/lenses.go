package ui

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// maxLensUpload is the largest lens file the import form reads; the store refuses anything
// over the AWS tool's 500 KB with a field error.
const maxLensUpload = 600_000

// lensesData is the lens catalog with the import form.
type lensesData struct {
	Lenses []wellops.LensSummary
	JSON   string
	Fields []wellops.FieldError
	Error  string
}

func (u *UI) lensesPage(w http.ResponseWriter, r *http.Request) error {
	return u.renderLenses(w, r, http.StatusOK, &lensesData{})
}

func (u *UI) renderLenses(w http.ResponseWriter, r *http.Request, status int, d *lensesData) error {
	var err error
	if d.Lenses, err = u.listLenses(r, wellops.LensQuery{}); err != nil {
		return err
	}
	pd := u.base(r, "lenses.title")
	pd.Nav, pd.Data = "lenses", d
	u.render(w, r, status, "lenses", pd)
	return nil
}

// lensUpload reads the lens JSON from the form: an uploaded file, or the text area.
func lensUpload(r *http.Request) ([]byte, string, error) {
	if err := r.ParseMultipartForm(maxLensUpload); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return nil, "", invalid("file", "the upload could not be read (at most 500 KB)")
	}
	if f, _, err := r.FormFile("file"); err == nil {
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxLensUpload))
		if err != nil {
			return nil, "", invalid("file", "the upload could not be read")
		}
		if len(b) > 0 {
			return b, "", nil
		}
	}
	text := r.FormValue("json")
	return []byte(text), text, nil
}

// importLens stores a new custom lens as a draft. Validation problems come back with their
// JSON paths and are listed above the form, which keeps the text the user pasted.
func (u *UI) importLens(w http.ResponseWriter, r *http.Request) error {
	data, text, err := lensUpload(r)
	if err != nil {
		return err
	}
	if strings.TrimSpace(string(data)) == "" {
		return u.renderLenses(w, r, http.StatusBadRequest, &lensesData{Error: "lenses.import.empty"})
	}
	arn, err := u.opt.Lenses.ImportLens(r.Context(), data, "", nil)
	if err != nil {
		var we *wellops.Error
		if errors.As(err, &we) && we.Code == wellops.EINVALID {
			return u.renderLenses(w, r, http.StatusBadRequest, &lensesData{JSON: text, Fields: we.Fields, Error: "lenses.import.invalid"})
		}
		return err
	}
	return redirect(w, r, "/ui/lenses/"+url.PathEscape(lensKey(arn))+"?done=imported")
}

// findLens resolves a lens key from a URL to the lens's summary.
func (u *UI) findLens(r *http.Request) (*wellops.LensSummary, error) {
	all, err := u.listLenses(r, wellops.LensQuery{})
	if err != nil {
		return nil, err
	}
	key := r.PathValue("lens")
	for i := range all {
		if lensKey(all[i].Alias) == key {
			return &all[i], nil
		}
	}
	return nil, notFound("lens")
}

// lensData is one lens: its versions, its draft and what its owner can do with them.
type lensData struct {
	L        *wellops.LensSummary
	Info     *wellops.LensInfo
	Key      string
	Owner    bool
	Builtin  bool
	Versions []string // published versions, newest first, then DRAFT when there is one
	Fields   []wellops.FieldError
}

func (u *UI) lensPage(w http.ResponseWriter, r *http.Request) error {
	d, err := u.loadLens(r)
	if err != nil {
		return err
	}
	return u.renderLens(w, r, http.StatusOK, d)
}

func (u *UI) loadLens(r *http.Request) (*lensData, error) {
	l, err := u.findLens(r)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	info, err := u.opt.Lenses.GetLens(ctx, l.Alias, "")
	if wellops.ErrorCode(err) == wellops.ENOTFOUND {
		info, err = u.opt.Lenses.GetLens(ctx, l.Alias, wellops.LensStatusDraft)
	}
	if err != nil {
		return nil, err
	}
	d := &lensData{L: l, Info: info, Key: lensKey(l.Alias), Builtin: l.Alias == lens.BuiltinAlias,
		Owner: l.Type == wellops.LensTypeSelf}
	for i := len(info.Versions) - 1; i >= 0; i-- {
		d.Versions = append(d.Versions, info.Versions[i].Version)
	}
	if info.HasDraft && d.Owner {
		d.Versions = append(d.Versions, wellops.LensStatusDraft)
	}
	return d, nil
}

func (u *UI) renderLens(w http.ResponseWriter, r *http.Request, status int, d *lensData) error {
	pd := u.base(r, "")
	pd.Title, pd.Nav, pd.Data = d.L.Name, "lenses", d
	u.render(w, r, status, "lens", pd)
	return nil
}

// importLensDraft replaces the draft of an existing lens.
func (u *UI) importLensDraft(w http.ResponseWriter, r *http.Request) error {
	d, err := u.loadLens(r)
	if err != nil {
		return err
	}
	data, _, err := lensUpload(r)
	if err != nil {
		return err
	}
	if _, err := u.opt.Lenses.ImportLens(r.Context(), data, d.L.Alias, nil); err != nil {
		var we *wellops.Error
		if errors.As(err, &we) && we.Code == wellops.EINVALID {
			d.Fields = we.Fields
			return u.renderLens(w, r, http.StatusBadRequest, d)
		}
		return err
	}
	return redirect(w, r, "/ui/lenses/"+url.PathEscape(d.Key)+"?done=draft")
}

func (u *UI) publishLens(w http.ResponseWriter, r *http.Request) error {
	d, err := u.loadLens(r)
	if err != nil {
		return err
	}
	version := strings.TrimSpace(r.PostFormValue("version"))
	if _, err := u.opt.Lenses.CreateLensVersion(r.Context(), d.L.Alias, version, r.PostFormValue("major") == "yes"); err != nil {
		var we *wellops.Error
		if errors.As(err, &we) && we.Code == wellops.EINVALID {
			d.Fields = we.Fields
			return u.renderLens(w, r, http.StatusBadRequest, d)
		}
		return err
	}
	return redirect(w, r, "/ui/lenses/"+url.PathEscape(d.Key)+"?done=published")
}

func (u *UI) deleteLens(w http.ResponseWriter, r *http.Request) error {
	d, err := u.loadLens(r)
	if err != nil {
		return err
	}
	if r.PostFormValue("confirm") != "yes" {
		return invalid("confirm", "tick the box to confirm the deletion")
	}
	if err := u.opt.Lenses.DeleteLens(r.Context(), d.L.Alias, r.PostFormValue("status")); err != nil {
		return err
	}
	return redirect(w, r, "/ui/lenses?done=lensdeleted")
}

// previewData shows a lens version's questions and choices as a reviewer will see them.
type previewData struct {
	L       *wellops.LensSummary
	Key     string
	Version string
	Lens    *lens.Lens
}

func (u *UI) previewLens(w http.ResponseWriter, r *http.Request) error {
	l, err := u.findLens(r)
	if err != nil {
		return err
	}
	version := r.URL.Query().Get("version")
	content, _, err := u.opt.Lenses.LensContent(r.Context(), l.Alias, version, reqOf(r).lang)
	if err != nil {
		return err
	}
	pd := u.base(r, "")
	pd.Title, pd.Nav = content.Name, "lenses"
	pd.Data = &previewData{L: l, Key: lensKey(l.Alias), Version: version, Lens: content}
	u.render(w, r, http.StatusOK, "lens_preview", pd)
	return nil
}

// diffData is what changed between two versions of a lens.
type diffData struct {
	L    *wellops.LensSummary
	Key  string
	Diff *wellops.LensDifference
}

func (u *UI) diffLens(w http.ResponseWriter, r *http.Request) error {
	l, err := u.findLens(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	diff, err := u.opt.Lenses.LensVersionDifference(r.Context(), l.Alias, q.Get("base"), q.Get("target"))
	if err != nil {
		return err
	}
	pd := u.base(r, "lenses.diff")
	pd.Title += " · " + l.Name
	pd.Nav, pd.Data = "lenses", &diffData{L: l, Key: lensKey(l.Alias), Diff: diff}
	u.render(w, r, http.StatusOK, "lens_diff", pd)
	return nil
}

// exportLens downloads a version in the custom-lens JSON format.
func (u *UI) exportLens(w http.ResponseWriter, r *http.Request) error {
	l, err := u.findLens(r)
	if err != nil {
		return err
	}
	version := r.URL.Query().Get("version")
	b, err := u.opt.Lenses.ExportLens(r.Context(), l.Alias, version)
	if err != nil {
		return err
	}
	name := lensKey(l.Alias)
	if version != "" {
		name += "-" + version
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", `attachment; filename="`+fileName(name)+`.json"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b)
	return nil
}

// fileName keeps the characters that are safe in a Content-Disposition file name.
func fileName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, s)
}
