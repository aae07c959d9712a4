package ops

// The outcomes the authorization matrix expects, in the order of roles (stranger,
// readonly, contributor, owner).
const (
	ok = "ok"
	D  = "403 AccessDeniedException"     // too little permission on something the caller may see
	N  = "404 ResourceNotFoundException" // something the caller may not know exists
	C  = "409 ConflictException"         // allowed, but already done (the upgrade is there)
	V  = "400 ValidationException"       // allowed, but refused for what it asks (no Jira here)
)

// expected is the matrix. Reading down a column: a stranger learns nothing of another
// account's workload, lens, profile or template (404, never 403); READONLY reads the shared
// workload and may change nothing (403); CONTRIBUTOR also answers, notes, makes milestones
// and upgrades, but may not administer the workload (properties, lenses, profiles, shares,
// tags, deletion: 403); lenses, profiles and templates are their owner's alone unless
// shared with the caller (they are shared only with a fourth account here). Operations on
// the caller's own account (create, list, settings, invitations) are everyone's, and a
// share invitation belongs to its invitee only.
var expected = map[string][4]string{
	"AssociateLenses":                 {N, D, D, ok},
	"AssociateProfiles":               {N, D, D, ok},
	"CreateLensShare":                 {N, N, N, ok},
	"CreateLensVersion":               {N, N, N, ok},
	"CreateMilestone":                 {N, D, ok, ok},
	"CreateProfile":                   {ok, ok, ok, ok},
	"CreateProfileShare":              {N, N, N, ok},
	"CreateReviewTemplate":            {ok, ok, ok, ok},
	"CreateTemplateShare":             {N, N, N, ok},
	"CreateWorkload":                  {ok, ok, ok, ok},
	"CreateWorkloadShare":             {N, D, D, ok},
	"DeleteLens":                      {N, N, N, ok},
	"DeleteLensShare":                 {N, N, N, ok},
	"DeleteProfile":                   {N, N, N, ok},
	"DeleteProfileShare":              {N, N, N, ok},
	"DeleteReviewTemplate":            {N, N, N, ok},
	"DeleteTemplateShare":             {N, N, N, ok},
	"DeleteWorkload":                  {N, D, D, ok},
	"DeleteWorkloadShare":             {N, D, D, ok},
	"DisassociateLenses":              {N, D, D, ok},
	"DisassociateProfiles":            {N, D, D, ok},
	"ExportLens":                      {N, N, N, ok},
	"GetAnswer":                       {N, ok, ok, ok},
	"GetConsolidatedReport":           {ok, ok, ok, ok},
	"GetGlobalSettings":               {ok, ok, ok, ok},
	"GetLens":                         {N, N, N, ok},
	"GetLensReview":                   {N, ok, ok, ok},
	"GetLensReviewReport":             {N, ok, ok, ok},
	"GetLensVersionDifference":        {N, N, N, ok},
	"GetMilestone":                    {N, ok, ok, ok},
	"GetProfile":                      {N, N, N, ok},
	"GetProfileTemplate":              {ok, ok, ok, ok},
	"GetReviewTemplate":               {N, N, N, ok},
	"GetReviewTemplateAnswer":         {N, N, N, ok},
	"GetReviewTemplateLensReview":     {N, N, N, ok},
	"GetWorkload":                     {N, ok, ok, ok},
	"ImportLens":                      {N, N, N, ok},
	"ListAnswers":                     {N, ok, ok, ok},
	"ListCheckDetails":                {N, ok, ok, ok},
	"ListCheckSummaries":              {N, ok, ok, ok},
	"ListLensReviewImprovements":      {N, ok, ok, ok},
	"ListLensReviews":                 {N, ok, ok, ok},
	"ListLensShares":                  {N, N, N, ok},
	"ListLenses":                      {ok, ok, ok, ok},
	"ListMilestones":                  {N, ok, ok, ok},
	"ListNotifications":               {N, ok, ok, ok},
	"ListProfileNotifications":        {N, ok, ok, ok},
	"ListProfileShares":               {N, N, N, ok},
	"ListProfiles":                    {ok, ok, ok, ok},
	"ListReviewTemplateAnswers":       {N, N, N, ok},
	"ListReviewTemplates":             {ok, ok, ok, ok},
	"ListShareInvitations":            {ok, ok, ok, ok},
	"ListTagsForResource":             {N, ok, ok, ok},
	"ListTemplateShares":              {N, N, N, ok},
	"ListWorkloadShares":              {N, D, D, ok},
	"ListWorkloads":                   {ok, ok, ok, ok},
	"TagResource":                     {N, D, D, ok},
	"UntagResource":                   {N, D, D, ok},
	"UpdateAnswer":                    {N, D, ok, ok},
	"UpdateGlobalSettings":            {ok, ok, ok, ok},
	"UpdateIntegration":               {N, D, V, V},
	"UpdateLensReview":                {N, D, ok, ok},
	"UpdateProfile":                   {N, N, N, ok},
	"UpdateReviewTemplate":            {N, N, N, ok},
	"UpdateReviewTemplateAnswer":      {N, N, N, ok},
	"UpdateReviewTemplateLensReview":  {N, N, N, ok},
	"UpdateShareInvitation":           {N, N, N, N},
	"UpdateWorkload":                  {N, D, D, ok},
	"UpdateWorkloadShare":             {N, D, D, ok},
	"UpgradeLensReview":               {N, D, C, C},
	"UpgradeProfileVersion":           {N, D, ok, C},
	"UpgradeReviewTemplateLensReview": {N, N, N, C},
}
