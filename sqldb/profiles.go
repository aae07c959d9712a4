package sqldb

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

var _ wellops.ProfileService = (*DB)(nil)

// profileRow is a profile with its latest version.
type profileRow struct {
	arn, owner, name  string
	deleted           bool
	seq               int
	description       string
	answers           []wellops.ProfileAnswer
	created, updated  int64
	tags              map[string]string
	shareInvitationID string
}

func (r *profileRow) latestVersion() string { return strconv.Itoa(r.seq) }

func (t *tx) profileRow(ctx context.Context, arn string) (*profileRow, error) {
	r := &profileRow{arn: arn}
	var tags string
	err := t.queryRow(ctx, `SELECT owner, name, deleted, tags, created_at, updated_at,
		(SELECT COALESCE(MAX(seq), 0) FROM profile_versions WHERE profile_arn = p.arn) FROM profiles p WHERE arn = ?`, arn).
		Scan(&r.owner, &r.name, &r.deleted, &tags, &r.created, &r.updated, &r.seq)
	if err != nil {
		return nil, notFound(err, wellops.ResProfile, arn)
	}
	if err := jsonUnmarshal(tags, &r.tags); err != nil {
		return nil, err
	}
	return r, t.loadProfileVersion(ctx, r, r.seq)
}

func (t *tx) loadProfileVersion(ctx context.Context, r *profileRow, seq int) error {
	var answers string
	if err := t.queryRow(ctx, "SELECT description, answers FROM profile_versions WHERE profile_arn = ? AND seq = ?", r.arn, seq).
		Scan(&r.description, &answers); err != nil {
		return notFound(err, wellops.ResProfile, r.arn+" version "+strconv.Itoa(seq))
	}
	return jsonUnmarshal(answers, &r.answers)
}

// visibleProfile returns a profile the principal owns or has accepted a share of.
func (t *tx) visibleProfile(ctx context.Context, p wellops.Principal, arn string) (*profileRow, error) {
	r, err := t.profileRow(ctx, arn)
	if err != nil {
		return nil, err
	}
	if r.owner != p.AccountID {
		err := t.queryRow(ctx, `SELECT id FROM shares WHERE resource_type = 'PROFILE' AND resource_id = ? AND status = 'ACCEPTED'
			AND shared_with IN (?, ?)`, arn, p.AccountID, p.ARN()).Scan(&r.shareInvitationID)
		if err != nil {
			return nil, notFound(err, wellops.ResProfile, arn)
		}
	}
	if r.deleted {
		return nil, wellops.NotFound(wellops.ResProfile, arn)
	}
	return r, nil
}

// prioritizedFor returns the built-in lens questions w's profile prioritises.
func (t *tx) prioritizedFor(ctx context.Context, w *wellops.Workload) (map[string]bool, error) {
	if len(w.Profiles) == 0 {
		return map[string]bool{}, nil
	}
	wp := w.Profiles[0]
	r := &profileRow{arn: wp.ProfileARN}
	seq, err := strconv.Atoi(wp.ProfileVersion)
	if err != nil {
		return map[string]bool{}, nil
	}
	if err := t.loadProfileVersion(ctx, r, seq); err != nil {
		if wellops.ErrorCode(err) == wellops.ENOTFOUND {
			return map[string]bool{}, nil
		}
		return nil, err
	}
	return wellops.BuiltinProfileTemplate("en").Prioritized(profileQuestions(r.answers)), nil
}

func profileQuestions(answers []wellops.ProfileAnswer) []wellops.ProfileQuestion {
	out := make([]wellops.ProfileQuestion, len(answers))
	for i, a := range answers {
		out[i] = wellops.ProfileQuestion{QuestionID: a.QuestionID, Selected: a.SelectedChoiceIDs}
	}
	return out
}

// reprioritize marks the built-in lens answers of w prioritised per its profile and
// refreshes the roll-ups.
func (t *tx) reprioritize(ctx context.Context, w *wellops.Workload) error {
	prio, err := t.prioritizedFor(ctx, w)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, "UPDATE answers SET prioritized = ? WHERE workload_id = ?", false, w.ID); err != nil {
		return err
	}
	for q := range prio {
		if _, err := t.exec(ctx, "UPDATE answers SET prioritized = ? WHERE workload_id = ? AND lens_alias = ? AND question_id = ?",
			true, w.ID, lens.BuiltinAlias, q); err != nil {
			return err
		}
	}
	return t.refreshRollups(ctx, w.ID, lens.BuiltinAlias)
}

func (t *tx) saveWorkloadData(ctx context.Context, w *wellops.Workload) error {
	_, err := t.exec(ctx, "UPDATE workloads SET data = ?, lenses = ?, updated_at = ? WHERE id = ?",
		mustJSON(dataOf(w)), mustJSON(w.Lenses), t.db.nowTS(), w.ID)
	return err
}

// ProfileTemplate implements wellops.ProfileService.
func (db *DB) ProfileTemplate(ctx context.Context, lang string) (wellops.ProfileTemplate, error) {
	if _, err := principal(ctx); err != nil {
		return wellops.ProfileTemplate{}, err
	}
	return wellops.BuiltinProfileTemplate(lang), nil
}

// CreateProfile implements wellops.ProfileService.
func (db *DB) CreateProfile(ctx context.Context, in wellops.NewProfile) (*wellops.Profile, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := wellops.ValidateProfile(&in.Name, &in.Description, &in.Questions, wellops.BuiltinProfileTemplate("en")); err != nil {
		return nil, err
	}
	if in.Tags != nil {
		if err := wellops.ValidateTags(in.Tags); err != nil {
			return nil, err
		}
	} else {
		in.Tags = map[string]string{}
	}
	arn := wellops.ARN{Region: db.opt.Region, Account: p.AccountID, Type: "profile", ID: wellops.NewID()}.String()
	err = db.writeTx(ctx, func(t *tx) error {
		var n, taken int
		if err := t.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN LOWER(name) = LOWER(?) THEN 1 ELSE 0 END), 0)
			FROM profiles WHERE owner = ? AND NOT deleted`, in.Name, p.AccountID).Scan(&n, &taken); err != nil {
			return err
		}
		if taken > 0 {
			return wellops.Conflict(wellops.ResProfile, in.Name, "a profile named %q already exists in this account", in.Name)
		}
		if n >= db.opt.Quotas.ProfilesPerAccount {
			return wellops.QuotaExceeded(wellops.QuotaProfiles, wellops.ResProfile, "", "account %s has reached its quota of %d profiles", p.AccountID, db.opt.Quotas.ProfilesPerAccount)
		}
		now := db.nowTS()
		if _, err := t.exec(ctx, "INSERT INTO profiles (arn, owner, name, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
			arn, p.AccountID, in.Name, mustJSON(in.Tags), now, now); err != nil {
			return err
		}
		_, err := t.exec(ctx, "INSERT INTO profile_versions (profile_arn, seq, description, answers, created_at) VALUES (?, 1, ?, ?, ?)",
			arn, in.Description, mustJSON(in.Questions), now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return db.GetProfile(ctx, arn, "")
}

// GetProfile implements wellops.ProfileService.
func (db *DB) GetProfile(ctx context.Context, arn, version string) (*wellops.Profile, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var out *wellops.Profile
	err = db.readTx(ctx, func(t *tx) error {
		r, err := t.visibleProfile(ctx, p, arn)
		if err != nil {
			return err
		}
		if version != "" && version != r.latestVersion() {
			seq, err := strconv.Atoi(version)
			if err != nil || seq < 1 || seq > r.seq {
				return wellops.NotFound(wellops.ResProfile, arn+" version "+version)
			}
			if err := t.loadProfileVersion(ctx, r, seq); err != nil {
				return err
			}
			r.seq = seq
		}
		out = db.profile(r, "")
		return nil
	})
	return out, err
}

func (db *DB) profile(r *profileRow, lang string) *wellops.Profile {
	tmpl := wellops.BuiltinProfileTemplate(lang)
	pr := &wellops.Profile{ARN: r.arn, Version: r.latestVersion(), Name: r.name, Description: r.description, Owner: r.owner,
		Tags: r.tags, ShareInvitationID: r.shareInvitationID, CreatedAt: fromTS(r.created), UpdatedAt: fromTS(r.updated)}
	for _, q := range tmpl.Questions {
		for _, a := range r.answers {
			if a.QuestionID == q.QuestionID {
				q.Selected = a.SelectedChoiceIDs
				pr.Questions = append(pr.Questions, q)
			}
		}
	}
	return pr
}

// UpdateProfile implements wellops.ProfileService: each update is a new version.
func (db *DB) UpdateProfile(ctx context.Context, arn string, u wellops.ProfileUpdate) (*wellops.Profile, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := wellops.ValidateProfile(nil, u.Description, u.Questions, wellops.BuiltinProfileTemplate("en")); err != nil {
		return nil, err
	}
	err = db.writeTx(ctx, func(t *tx) error {
		r, err := t.visibleProfile(ctx, p, arn)
		if err != nil {
			return err
		}
		if r.owner != p.AccountID {
			return wellops.Errorf(wellops.EFORBIDDEN, "only the owner of profile %s can change it", arn)
		}
		if u.Description != nil {
			r.description = *u.Description
		}
		if u.Questions != nil {
			r.answers = *u.Questions
		}
		now := db.nowTS()
		if _, err := t.exec(ctx, "INSERT INTO profile_versions (profile_arn, seq, description, answers, created_at) VALUES (?, ?, ?, ?, ?)",
			arn, r.seq+1, r.description, mustJSON(r.answers), now); err != nil {
			return err
		}
		_, err = t.exec(ctx, "UPDATE profiles SET updated_at = ? WHERE arn = ?", now, arn)
		return err
	})
	if err != nil {
		return nil, err
	}
	return db.GetProfile(ctx, arn, "")
}

// DeleteProfile implements wellops.ProfileService. Workloads that use it keep their
// prioritisation and get a PROFILE_DELETED notification.
func (db *DB) DeleteProfile(ctx context.Context, arn string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	return db.writeTx(ctx, func(t *tx) error {
		r, err := t.visibleProfile(ctx, p, arn)
		if err != nil {
			return err
		}
		if r.owner != p.AccountID {
			return wellops.Errorf(wellops.EFORBIDDEN, "only the owner of profile %s can delete it", arn)
		}
		_, err = t.exec(ctx, "UPDATE profiles SET deleted = ?, updated_at = ? WHERE arn = ?", true, db.nowTS(), arn)
		return err
	})
}

// ListProfiles implements wellops.ProfileService.
func (db *DB) ListProfiles(ctx context.Context, q wellops.ProfileQuery) ([]wellops.ProfileSummary, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	if q.OwnerType != "" && q.OwnerType != "SELF" && q.OwnerType != "SHARED" {
		return nil, "", invalidField("ProfileOwnerType", "must be SELF or SHARED")
	}
	var out []wellops.ProfileSummary
	err = db.readTx(ctx, func(t *tx) error {
		arns, err := t.strings(ctx, `SELECT arn FROM profiles WHERE NOT deleted AND (owner = ? OR arn IN (SELECT resource_id FROM shares
			WHERE resource_type = 'PROFILE' AND status = 'ACCEPTED' AND shared_with IN (?, ?))) ORDER BY name, arn`,
			p.AccountID, p.AccountID, p.ARN())
		if err != nil {
			return err
		}
		for _, a := range arns {
			r, err := t.profileRow(ctx, a)
			if err != nil {
				return err
			}
			self := r.owner == p.AccountID
			if (q.OwnerType == "SELF" && !self) || (q.OwnerType == "SHARED" && self) ||
				!strings.HasPrefix(strings.ToLower(r.name), strings.ToLower(q.NamePrefix)) {
				continue
			}
			out = append(out, wellops.ProfileSummary{ARN: r.arn, Version: r.latestVersion(), Name: r.name,
				Description: r.description, Owner: r.owner, CreatedAt: fromTS(r.created), UpdatedAt: fromTS(r.updated)})
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return pageSlice(out, q.Page, 50, 50)
}

// AssociateProfiles implements wellops.WorkloadService. A workload has at most one profile.
func (db *DB) AssociateProfiles(ctx context.Context, id string, arns []string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if len(arns) != 1 {
		return invalidField("ProfileArns", "must name exactly 1 profile (a workload has at most one)")
	}
	return db.writeTx(ctx, func(t *tx) error {
		w, err := t.workload(ctx, p, id, needAdmin, true)
		if err != nil {
			return err
		}
		r, err := t.visibleProfile(ctx, p, arns[0])
		if err != nil {
			return err
		}
		if len(w.Profiles) > 0 && w.Profiles[0].ProfileARN != r.arn {
			return wellops.Errorf(wellops.EINVALID, "workload %s already uses profile %s; disassociate it first", id, w.Profiles[0].ProfileARN)
		}
		before := slices.Clone(w.Profiles)
		w.Profiles = []wellops.WorkloadProfile{{ProfileARN: r.arn, ProfileVersion: r.latestVersion()}}
		if err := t.saveWorkloadData(ctx, w); err != nil {
			return err
		}
		if err := t.reprioritize(ctx, w); err != nil {
			return err
		}
		return t.audit(ctx, p, id, "AssociateProfiles", "profiles", before, w.Profiles)
	})
}

// DisassociateProfiles implements wellops.WorkloadService.
func (db *DB) DisassociateProfiles(ctx context.Context, id string, arns []string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if len(arns) == 0 {
		return invalidField("ProfileArns", "must name at least 1 profile")
	}
	return db.writeTx(ctx, func(t *tx) error {
		w, err := t.workload(ctx, p, id, needAdmin, true)
		if err != nil {
			return err
		}
		before := slices.Clone(w.Profiles)
		w.Profiles = slices.DeleteFunc(w.Profiles, func(wp wellops.WorkloadProfile) bool { return slices.Contains(arns, wp.ProfileARN) })
		if err := t.saveWorkloadData(ctx, w); err != nil {
			return err
		}
		if err := t.reprioritize(ctx, w); err != nil {
			return err
		}
		return t.audit(ctx, p, id, "DisassociateProfiles", "profiles", before, w.Profiles)
	})
}

// UpgradeProfileVersion implements wellops.WorkloadService.
func (db *DB) UpgradeProfileVersion(ctx context.Context, id, arn, milestoneName string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if milestoneName != "" {
		if err := wellops.ValidateMilestoneName(milestoneName); err != nil {
			return err
		}
	}
	return db.writeTx(ctx, func(t *tx) error {
		w, err := t.workload(ctx, p, id, needWrite, true)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(w.Profiles, func(wp wellops.WorkloadProfile) bool { return wp.ProfileARN == arn })
		if i < 0 {
			return wellops.NotFound(wellops.ResProfile, arn)
		}
		// The workload's association is what grants the use of the profile: a contributor
		// upgrades the profile the owner chose, which need not be shared with the
		// contributor (visibleProfile would answer not found).
		r, err := t.profileRow(ctx, arn)
		if err != nil {
			return err
		}
		if r.deleted {
			return wellops.NotFound(wellops.ResProfile, arn)
		}
		if w.Profiles[i].ProfileVersion == r.latestVersion() {
			return wellops.Conflict(wellops.ResProfile, arn, "workload %s already uses the latest version of profile %s", id, arn)
		}
		if milestoneName != "" {
			if _, err := t.createMilestone(ctx, p, w, milestoneName); err != nil {
				return err
			}
		}
		before := w.Profiles[i].ProfileVersion
		w.Profiles[i].ProfileVersion = r.latestVersion()
		if err := t.saveWorkloadData(ctx, w); err != nil {
			return err
		}
		if err := t.reprioritize(ctx, w); err != nil {
			return err
		}
		return t.audit(ctx, p, id, "UpgradeProfileVersion", arn, before, r.latestVersion())
	})
}

func jsonUnmarshal(s string, v any) error {
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), v)
}
