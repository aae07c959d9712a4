package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/wellops/wellops"
)

// workloadCmd is "wellops workload": create, list, show, update and delete workloads.
func workloadCmd(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "workload", args, map[string]command{
		"create": {"create a workload", workloadCreate},
		"list":   {"list workloads with their risk counts", workloadList},
		"show":   {"print a workload's properties, lenses and risk counts", workloadShow},
		"update": {"change the properties given as flags", workloadUpdate},
		"delete": {"delete a workload with its reviews and milestones", workloadDelete},
	})
}

// workloadFlags are the workload properties that create and update take.
type workloadFlags struct {
	fs                                                  *flag.FlagSet
	description, environment, reviewOwner, industryType string
	industry, notes, designURL, profile                 string
	regions, nonAWSRegions, accountIDs, lenses, pillars listFlag
	tags                                                tagFlag
}

func addWorkloadFlags(fs *flag.FlagSet) *workloadFlags {
	f := &workloadFlags{fs: fs, tags: tagFlag{}}
	fs.StringVar(&f.description, "description", "", "what the workload is (3 to 250 characters)")
	fs.StringVar(&f.environment, "environment", "", "PRODUCTION or PREPRODUCTION (create: default PRODUCTION)")
	fs.Var(&f.regions, "region", "AWS `REGION` the workload runs in (repeatable or comma-separated)")
	fs.Var(&f.nonAWSRegions, "non-aws-region", "other `PLACE` the workload runs, e.g. \"on-premises Seoul\" (repeatable)")
	fs.Var(&f.accountIDs, "account-id", "12-digit AWS account `ID` of the workload (repeatable)")
	fs.StringVar(&f.reviewOwner, "review-owner", "", "who owns the review (create: default the acting user's name)")
	fs.StringVar(&f.industryType, "industry-type", "", "industry type, e.g. \"Financial Services\"")
	fs.StringVar(&f.industry, "industry", "", "industry, in your own words")
	fs.StringVar(&f.notes, "notes", "", "notes (at most 2084 characters)")
	fs.Var(f.tags, "tag", "tag `KEY=VALUE` (repeatable)")
	fs.Var(&f.lenses, "lens", "custom lens `ARN` to apply as well as the built-in lens (repeatable)")
	fs.StringVar(&f.profile, "profile", "", "profile `ARN` to apply")
	fs.Var(&f.pillars, "pillar-priority", "pillar `ID`s in the order the improvement plan should take them (repeatable)")
	fs.StringVar(&f.designURL, "design-url", "", "link to the architectural design")
	return f
}

func workloadCreate(ctx context.Context, e *env, args []string) error {
	fs := newFlags("workload create", "NAME --description TEXT --region REGION [flags]", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	wf := addWorkloadFlags(fs)
	template := fs.String("template", "", "review template `ARN` whose lenses and answers to start from")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	c, err := sf.open(ctx, e, "workload create")
	if err != nil {
		return err
	}
	defer c.Close()
	in := wellops.NewWorkload{
		Name: pos[0], Description: wf.description, Environment: strings.ToUpper(wf.environment),
		AccountIDs: wf.accountIDs, AWSRegions: wf.regions, NonAWSRegions: wf.nonAWSRegions,
		PillarPriorities: wf.pillars, ArchitecturalDesign: wf.designURL, ReviewOwner: wf.reviewOwner,
		IndustryType: wf.industryType, Industry: wf.industry, Notes: wf.notes, Lenses: wf.lenses,
	}
	if in.Environment == "" {
		in.Environment = wellops.EnvProduction
	}
	if in.ReviewOwner == "" {
		in.ReviewOwner = c.user.Name
	}
	if len(wf.tags) > 0 {
		in.Tags = wf.tags
	}
	if wf.profile != "" {
		in.ProfileARNs = []string{wf.profile}
	}
	if *template != "" {
		in.ReviewTemplateARNs = []string{*template}
	}
	w, err := c.db.CreateWorkload(c.ctx(ctx), in)
	if err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, w)
	}
	fmt.Fprintf(e.stdout, "created workload %s\n\n", w.ID)
	return c.printWorkload(ctx, e.stdout, w, 0, "")
}

func workloadUpdate(ctx context.Context, e *env, args []string) error {
	fs := newFlags("workload update", "WORKLOAD [flags]", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	wf := addWorkloadFlags(fs)
	name := fs.String("name", "", "new name")
	improvement := fs.String("improvement-status", "", "NOT_APPLICABLE, NOT_STARTED, IN_PROGRESS, COMPLETE or RISK_ACKNOWLEDGED")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	var u wellops.WorkloadUpdate
	str := func(flagName string, v string) *string {
		if !flagSet(fs, flagName) {
			return nil
		}
		return &v
	}
	list := func(flagName string, v []string) *[]string {
		if !flagSet(fs, flagName) {
			return nil
		}
		v = slices.Clone(v)
		if v == nil {
			v = []string{} // "--region ''" clears the list
		}
		return &v
	}
	u.Name = str("name", *name)
	u.Description = str("description", wf.description)
	u.Environment = str("environment", strings.ToUpper(wf.environment))
	u.AWSRegions = list("region", wf.regions)
	u.NonAWSRegions = list("non-aws-region", wf.nonAWSRegions)
	u.AccountIDs = list("account-id", wf.accountIDs)
	u.PillarPriorities = list("pillar-priority", wf.pillars)
	u.ArchitecturalDesign = str("design-url", wf.designURL)
	u.ReviewOwner = str("review-owner", wf.reviewOwner)
	u.IndustryType = str("industry-type", wf.industryType)
	u.Industry = str("industry", wf.industry)
	u.Notes = str("notes", wf.notes)
	u.ImprovementStatus = str("improvement-status", strings.ToUpper(*improvement))
	if u == (wellops.WorkloadUpdate{}) && len(wf.tags) == 0 && len(wf.lenses) == 0 && wf.profile == "" {
		fmt.Fprintln(fs.Output(), "wellops workload update: nothing to change; give the properties to change as flags")
		fs.Usage()
		return errUsage
	}
	// Everything that can be checked without the store is checked first, so that a bad flag
	// changes nothing. Lenses, profiles and tags are separate store calls, made after the
	// properties (the likeliest to be refused, e.g. a taken name).
	if err := u.Validate(); err != nil {
		return err
	}
	if len(wf.tags) > 0 {
		if err := wellops.ValidateTags(wf.tags); err != nil {
			return err
		}
	}
	c, w, err := sf.openWorkload(ctx, e, "workload update", pos[0])
	if err != nil {
		return err
	}
	defer c.Close()
	actx := c.ctx(ctx)
	for _, l := range wf.lenses {
		if _, err := c.db.GetLens(actx, l, ""); err != nil {
			return err
		}
	}
	if u != (wellops.WorkloadUpdate{}) {
		if _, err := c.db.UpdateWorkload(actx, w.ID, u); err != nil {
			return err
		}
	}
	if len(wf.lenses) > 0 {
		if err := c.db.AssociateLenses(actx, w.ID, wf.lenses); err != nil {
			return err
		}
	}
	if wf.profile != "" {
		if err := c.db.AssociateProfiles(actx, w.ID, []string{wf.profile}); err != nil {
			return err
		}
	}
	if len(wf.tags) > 0 {
		if err := c.db.TagResource(actx, w.ARN, wf.tags); err != nil {
			return err
		}
	}
	if w, err = c.db.GetWorkload(actx, w.ID, 0); err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, w)
	}
	return c.printWorkload(ctx, e.stdout, w, 0, "")
}

func workloadList(ctx context.Context, e *env, args []string) error {
	fs := newFlags("workload list", "[--search TEXT] [--environment ENV] [--risk HIGH|MEDIUM] [--sort KEY] [--limit N]", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	search := fs.String("search", "", "only workloads whose name, description or review owner contains `TEXT`")
	environment := fs.String("environment", "", "only PRODUCTION or PREPRODUCTION workloads")
	risk := fs.String("risk", "", "only workloads with a question at HIGH, MEDIUM or UNANSWERED")
	sortKey := fs.String("sort", "name", "order: name, high, medium, unanswered, updated or reviewed (counts and times: largest, latest first)")
	reverse := fs.Bool("reverse", false, "reverse the order")
	limit := fs.Int("limit", 100, "show at most `N` workloads (0: all)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 0, 0); err != nil {
		return err
	}
	if *limit < 0 {
		return invalidFlag("limit", "must be 0 (all) or more, got %d", *limit)
	}
	c, err := sf.open(ctx, e, "workload list")
	if err != nil {
		return err
	}
	defer c.Close()
	q := wellops.WorkloadQuery{Search: *search, Environment: strings.ToUpper(*environment), Risk: strings.ToUpper(*risk),
		Sort: *sortKey, Desc: *sortKey != "name" && *sortKey != "", SkipLensNames: true}
	if *reverse {
		q.Desc = !q.Desc
	}
	var items []wellops.WorkloadSummary
	for {
		q.Page.Limit = 1000
		if *limit > 0 {
			q.Page.Limit = min(1000, *limit-len(items))
		}
		page, next, err := c.db.ListWorkloads(c.ctx(ctx), q)
		if err != nil {
			return err
		}
		items = append(items, page...)
		if next == "" || (*limit > 0 && len(items) >= *limit) {
			break
		}
		q.Page.Token = next
	}
	if *sf.json {
		if items == nil {
			items = []wellops.WorkloadSummary{}
		}
		return writeJSON(e.stdout, items)
	}
	if len(items) == 0 {
		fmt.Fprintln(e.stdout, "(no workloads)")
		return nil
	}
	tw := newTable(e.stdout, "ID", "ENVIRONMENT", "HIGH", "MEDIUM", "UNANSWERED", "IMPROVEMENT", "UPDATED", "NAME")
	for _, w := range items {
		row(tw, w.ID, w.Environment, w.RiskCounts.High, w.RiskCounts.Medium, w.RiskCounts.Unanswered, w.ImprovementStatus, when(w.UpdatedAt), w.Name)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	total, err := c.db.CountWorkloads(c.ctx(ctx), q)
	if err != nil {
		return err
	}
	if total > len(items) {
		fmt.Fprintf(e.stdout, "(%d of %d workloads; --limit 0 shows all)\n", len(items), total)
	}
	return nil
}

func workloadShow(ctx context.Context, e *env, args []string) error {
	fs := newFlags("workload show", "WORKLOAD [--milestone N] [--lang en|ko] [--json]", e.stderr)
	sf := addStoreFlags(fs, e, true, true)
	milestone := fs.Int("milestone", 0, "show the workload as milestone `N` recorded it")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	lang, err := sf.language()
	if err != nil {
		return err
	}
	c, w, err := sf.openWorkload(ctx, e, "workload show", pos[0])
	if err != nil {
		return err
	}
	defer c.Close()
	if *milestone != 0 {
		if w, err = c.db.GetWorkload(c.ctx(ctx), w.ID, *milestone); err != nil {
			return err
		}
	}
	if *sf.json {
		return writeJSON(e.stdout, w)
	}
	return c.printWorkload(ctx, e.stdout, w, *milestone, lang)
}

// printWorkload writes a workload's properties, its risk counts and its lens reviews.
func (c *cli) printWorkload(ctx context.Context, out io.Writer, w *wellops.Workload, milestone int, lang string) error {
	reviews, err := c.lensReviews(ctx, w.ID, milestone)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s\n", w.Name)
	tw := newTable(out)
	prop := func(name, value string) {
		if value != "" {
			row(tw, "  "+name, value)
		}
	}
	join := func(v []string) string { return strings.Join(v, ", ") }
	prop("ID", w.ID)
	prop("ARN", w.ARN)
	prop("Owner account", w.Owner)
	prop("Permission", string(w.Permission))
	prop("Environment", w.Environment)
	prop("AWS regions", join(w.AWSRegions))
	prop("Other regions", join(w.NonAWSRegions))
	prop("Account IDs", join(w.AccountIDs))
	prop("Review owner", w.ReviewOwner)
	prop("Industry type", w.IndustryType)
	prop("Industry", w.Industry)
	prop("Design", w.ArchitecturalDesign)
	prop("Pillar priorities", join(w.PillarPriorities))
	prop("Improvement", w.ImprovementStatus)
	var tags []string
	for _, k := range slices.Sorted(maps.Keys(w.Tags)) {
		tags = append(tags, k+"="+w.Tags[k])
	}
	prop("Tags", join(tags))
	for _, p := range w.Profiles {
		prop("Profile", p.ProfileARN+" (version "+p.ProfileVersion+")")
	}
	prop("Created", when(w.CreatedAt))
	prop("Updated", when(w.UpdatedAt))
	prop("Reviewed", when(w.ReviewedAt))
	prop("Description", w.Description)
	prop("Notes", strings.ReplaceAll(w.Notes, "\n", " "))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nRisks: %s\n\n", riskLine(w.RiskCounts))
	tw = newTable(out, "LENS", "VERSION", "STATUS", "HIGH", "MEDIUM", "NONE", "N/A", "UNANSWERED", "NAME")
	for _, r := range reviews {
		name := r.LensName
		if lang != "" {
			lr, err := c.db.GetLensReview(c.ctx(ctx), w.ID, r.LensAlias, milestone, lang)
			if err != nil {
				return err
			}
			name = lr.LensName
		}
		rc := r.RiskCounts
		row(tw, r.LensAlias, r.LensVersion, r.LensStatus, rc.High, rc.Medium, rc.None, rc.NotApplicable, rc.Unanswered, name)
	}
	return tw.Flush()
}

func workloadDelete(ctx context.Context, e *env, args []string) error {
	fs := newFlags("workload delete", "WORKLOAD --yes", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	yes := fs.Bool("yes", false, "really delete: the workload, its reviews, milestones and shares are gone for good")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	if !*yes {
		return wellops.Errorf(wellops.EINVALID, "deleting workload %q cannot be undone; add --yes to confirm", pos[0])
	}
	c, w, err := sf.openWorkload(ctx, e, "workload delete", pos[0])
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.db.DeleteWorkload(c.ctx(ctx), w.ID); err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, map[string]string{"Deleted": w.ID})
	}
	fmt.Fprintf(e.stdout, "deleted workload %s (%s)\n", w.ID, w.Name)
	return nil
}
