package ui

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/wellops/wellops"
)

// dashboardPageSize is how many workloads one dashboard page lists.
const dashboardPageSize = 50

// dashboardData is the dashboard: one page of the workloads a user may see, the filters that
// chose them and the counts above the table.
type dashboardData struct {
	Items                  []wellops.WorkloadSummary
	Total, Page, Pages     int
	From, To               int
	All, WithHigh, WithMed int
	Q, Env, Lens, Risk     string
	Sort, Order            string
	Lenses                 []wellops.LensSummary
	Formats                []string
	Filtered               bool
	filters                url.Values
}

// PageURL links to page n with the same filters.
func (d *dashboardData) PageURL(n int) string {
	v := url.Values{}
	for k, vs := range d.filters {
		v[k] = vs
	}
	v.Set("page", strconv.Itoa(n))
	return "/ui/?" + v.Encode()
}

// SortURL links to the table sorted by col: ascending first, or the other way round when it
// is already sorted by col. Risk columns start with the most at-risk workloads.
func (d *dashboardData) SortURL(col string) string {
	v := url.Values{}
	for k, vs := range d.filters {
		v[k] = vs
	}
	v.Del("page")
	v.Set("sort", col)
	order := "asc"
	if col == "high" || col == "medium" || col == "unanswered" || col == "reviewed" {
		order = "desc"
	}
	if d.Sort == col {
		order = map[string]string{"asc": "desc", "desc": "asc"}[d.Order]
	}
	v.Set("order", order)
	return "/ui/?" + v.Encode()
}

// AriaSort is the aria-sort value of a column header.
func (d *dashboardData) AriaSort(col string) string {
	if d.Sort != col {
		return "none"
	}
	if d.Order == "desc" {
		return "descending"
	}
	return "ascending"
}

// PageList is the page numbers the pager shows: the first, the last and two either side of
// the current one; 0 stands for a gap.
func (d *dashboardData) PageList() []int {
	var out []int
	for p := 1; p <= d.Pages; p++ {
		if p == 1 || p == d.Pages || (p >= d.Page-2 && p <= d.Page+2) {
			out = append(out, p)
		} else if len(out) > 0 && out[len(out)-1] != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func (u *UI) dashboard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	d := &dashboardData{Q: q.Get("q"), Env: q.Get("env"), Lens: q.Get("lens"), Risk: q.Get("risk"),
		Sort: q.Get("sort"), Order: q.Get("order"), filters: url.Values{}}
	if d.Sort == "" {
		d.Sort = "name"
	}
	if d.Order != "desc" {
		d.Order = "asc"
	}
	for k, v := range map[string]string{"q": d.Q, "env": d.Env, "lens": d.Lens, "risk": d.Risk} {
		if v != "" {
			d.filters.Set(k, v)
			d.Filtered = true
		}
	}
	d.filters.Set("sort", d.Sort)
	d.filters.Set("order", d.Order)
	d.Page, _ = strconv.Atoi(q.Get("page"))
	if d.Page < 1 {
		d.Page = 1
	}
	var err error
	if d.Lenses, err = u.listLenses(r, wellops.LensQuery{Status: wellops.LensStatusPublished}); err != nil {
		return err
	}
	wq := wellops.WorkloadQuery{Search: d.Q, Environment: d.Env, LensAlias: d.lensAlias(), Risk: d.Risk,
		Sort: d.Sort, Desc: d.Order == "desc", SkipLensNames: true,
		Page: wellops.Page{Limit: dashboardPageSize, Token: strconv.Itoa((d.Page - 1) * dashboardPageSize)}}
	if d.Total, err = u.opt.Workloads.CountWorkloads(ctx, wq); err != nil {
		return err
	}
	d.Pages = max(1, (d.Total+dashboardPageSize-1)/dashboardPageSize)
	if d.Page > d.Pages {
		d.Page = d.Pages
		wq.Page.Token = strconv.Itoa((d.Page - 1) * dashboardPageSize)
	}
	if d.Items, _, err = u.opt.Workloads.ListWorkloads(ctx, wq); err != nil {
		return err
	}
	if len(d.Items) > 0 {
		d.From, d.To = (d.Page-1)*dashboardPageSize+1, (d.Page-1)*dashboardPageSize+len(d.Items)
	}
	// The summary counts ignore the filters: they describe everything the user may see.
	if d.All, err = u.opt.Workloads.CountWorkloads(ctx, wellops.WorkloadQuery{}); err != nil {
		return err
	}
	if d.WithHigh, err = u.opt.Workloads.CountWorkloads(ctx, wellops.WorkloadQuery{Risk: "HIGH"}); err != nil {
		return err
	}
	if d.WithMed, err = u.opt.Workloads.CountWorkloads(ctx, wellops.WorkloadQuery{Risk: "MEDIUM"}); err != nil {
		return err
	}
	if u.opt.Reports != nil {
		d.Formats = u.opt.Reports.Formats()
	}
	pd := u.base(r, "dashboard.title")
	pd.Nav = "dashboard"
	pd.Data = d
	u.render(w, r, http.StatusOK, "dashboard", pd)
	return nil
}

// lensAlias turns the lens filter (a lens key) back into the alias the store filters on.
func (d *dashboardData) lensAlias() string {
	for _, l := range d.Lenses {
		if lensKey(l.Alias) == d.Lens {
			return l.Alias
		}
	}
	return d.Lens
}
