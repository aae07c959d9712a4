package wellops

// Quotas are the limits the stores enforce. The defaults are the AWS Well-Architected Tool's;
// an installation may raise or lower them (wellops serve flags).
type Quotas struct {
	WorkloadsPerAccount    int
	MilestonesPerWorkload  int
	LensesPerWorkload      int
	CustomLensesPerAccount int
	VersionsPerLens        int
	SharesPerWorkload      int
	SharesPerLens          int
	TemplatesPerAccount    int
	ProfilesPerAccount     int
}

// DefaultQuotas returns the AWS tool's quotas.
func DefaultQuotas() Quotas {
	return Quotas{
		WorkloadsPerAccount:    1000,
		MilestonesPerWorkload:  100,
		LensesPerWorkload:      20,
		CustomLensesPerAccount: 15,
		VersionsPerLens:        100,
		SharesPerWorkload:      20,
		SharesPerLens:          300,
		TemplatesPerAccount:    500,
		ProfilesPerAccount:     100,
	}
}

// Quota codes, as AWS Service Quotas names them, for ServiceQuotaExceededException.
const (
	QuotaWorkloads    = "L-ACECEBBD"
	QuotaCustomLenses = "L-BAE0003F"
	QuotaTemplates    = "L-D69BFA30"
	QuotaLenses       = "L-66BC6D27"
	QuotaMilestones   = "L-CA783EAE"
	QuotaVersions     = "L-VERSIONS" // not in Service Quotas; wellops's own code
	QuotaShares       = "L-SHARES"
	QuotaProfiles     = "L-PROFILES"
)

// Validate reports quotas that make no sense.
func (q Quotas) Validate() error {
	var p Problems
	check := func(name string, v, max int) {
		if v < 1 || v > max {
			p.Add(name, "must be between 1 and %d, got %d", max, v)
		}
	}
	check("quota.workloads", q.WorkloadsPerAccount, 10_000_000)
	check("quota.milestones", q.MilestonesPerWorkload, 100) // MilestoneNumber is 1–100 on the wire
	check("quota.lenses-per-workload", q.LensesPerWorkload, 1000)
	check("quota.custom-lenses", q.CustomLensesPerAccount, 100_000)
	check("quota.lens-versions", q.VersionsPerLens, 10_000)
	check("quota.workload-shares", q.SharesPerWorkload, 100_000)
	check("quota.lens-shares", q.SharesPerLens, 100_000)
	check("quota.templates", q.TemplatesPerAccount, 100_000)
	check("quota.profiles", q.ProfilesPerAccount, 100_000)
	return p.Err()
}
