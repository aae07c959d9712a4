package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/sqldb"
)

// config is the server's configuration, read once in main and passed down. Each setting
// comes, in rising precedence, from its default, a YAML file (--config), an environment
// variable (WELLOPS_*; secrets also as WELLOPS_*_FILE) and a flag.
type config struct {
	Addr            string
	DB              string
	Region          string
	Lang            string
	SecretKey       []byte
	PublicURL       string
	LogLevel        string
	LogFormat       string
	OTLPEndpoint    string
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	IdleTimeout     time.Duration
	ShutdownTimeout time.Duration
	MaxBodyBytes    int64
	InsecureCookies bool
	RateLimit       float64 // API requests per second per access key (0 = unlimited)
	Quotas          wellops.Quotas

	// keyGenerated tells that SecretKey was created on first start next to a SQLite file.
	keyGenerated bool
	keyFile      string
}

// setting is one configuration entry: its name in files, its environment variable and flag,
// its default, how to apply a value, and whether it is secret (never printed).
type setting struct {
	name, env, usage, def string
	secret                bool
	set                   func(c *config, v string) error
}

func settings() []setting {
	dur := func(dst func(*config) *time.Duration) func(*config, string) error {
		return func(c *config, v string) error {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return fmt.Errorf("must be a positive duration such as 30s, got %q", v)
			}
			*dst(c) = d
			return nil
		}
	}
	quota := func(dst func(*config) *int) func(*config, string) error {
		return func(c *config, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil {
				return fmt.Errorf("must be a whole number, got %q", v)
			}
			*dst(c) = n
			return nil
		}
	}
	str := func(dst func(*config) *string) func(*config, string) error {
		return func(c *config, v string) error { *dst(c) = v; return nil }
	}
	return []setting{
		{name: "addr", env: "WELLOPS_ADDR", def: "127.0.0.1:8080", usage: "address to listen on", set: str(func(c *config) *string { return &c.Addr })},
		{name: "db", env: "WELLOPS_DB", def: "wellops.db", usage: "SQLite file or postgres:// URL", set: str(func(c *config) *string { return &c.DB })},
		{name: "region", env: "WELLOPS_REGION", def: "us-east-1", usage: "region written into ARNs", set: str(func(c *config) *string { return &c.Region })},
		{name: "lang", env: "WELLOPS_LANG", def: "en", usage: "default language of lens text: en or ko", set: str(func(c *config) *string { return &c.Lang })},
		{name: "secret-key", env: "WELLOPS_SECRET_KEY", secret: true, usage: "32-byte server key (hex or base64) that encrypts access-key secrets", set: func(c *config, v string) error {
			k, err := decodeKey(v)
			c.SecretKey = k
			return err
		}},
		{name: "public-url", env: "WELLOPS_PUBLIC_URL", usage: "URL users reach the server at (for links); defaults to http://ADDR", set: str(func(c *config) *string { return &c.PublicURL })},
		{name: "log-level", env: "WELLOPS_LOG_LEVEL", def: "info", usage: "debug, info, warn or error", set: str(func(c *config) *string { return &c.LogLevel })},
		{name: "log-format", env: "WELLOPS_LOG_FORMAT", def: "auto", usage: "json, text, or auto (text on a terminal, JSON otherwise)", set: str(func(c *config) *string { return &c.LogFormat })},
		{name: "otlp-endpoint", env: "WELLOPS_OTLP_ENDPOINT", usage: "OTLP/HTTP traces endpoint, e.g. http://127.0.0.1:4318 (off when empty)", set: str(func(c *config) *string { return &c.OTLPEndpoint })},
		{name: "read-timeout", env: "WELLOPS_READ_TIMEOUT", def: "30s", usage: "time allowed to read a request", set: dur(func(c *config) *time.Duration { return &c.ReadTimeout })},
		{name: "write-timeout", env: "WELLOPS_WRITE_TIMEOUT", def: "60s", usage: "time allowed to write a response", set: dur(func(c *config) *time.Duration { return &c.WriteTimeout })},
		{name: "idle-timeout", env: "WELLOPS_IDLE_TIMEOUT", def: "120s", usage: "keep-alive idle time", set: dur(func(c *config) *time.Duration { return &c.IdleTimeout })},
		{name: "shutdown-timeout", env: "WELLOPS_SHUTDOWN_TIMEOUT", def: "25s", usage: "time in-flight requests get to finish on shutdown", set: dur(func(c *config) *time.Duration { return &c.ShutdownTimeout })},
		{name: "max-body", env: "WELLOPS_MAX_BODY", def: "1048576", usage: "largest request body in bytes", set: func(c *config, v string) error {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 1024 {
				return fmt.Errorf("must be at least 1024 bytes, got %q", v)
			}
			c.MaxBodyBytes = n
			return nil
		}},
		{name: "insecure-cookies", env: "WELLOPS_INSECURE_COOKIES", def: "false", usage: "send session cookies without Secure (only behind a TLS-terminating proxy that rewrites them)", set: func(c *config, v string) error {
			b, err := strconv.ParseBool(v)
			c.InsecureCookies = b
			if err != nil {
				return fmt.Errorf("must be true or false, got %q", v)
			}
			return nil
		}},
		{name: "rate-limit", env: "WELLOPS_RATE_LIMIT", def: "50", usage: "API requests per second per access key (0 for none)", set: func(c *config, v string) error {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 {
				return fmt.Errorf("must be a number of requests per second, got %q", v)
			}
			c.RateLimit = f
			return nil
		}},
		{name: "quota-workloads", env: "WELLOPS_QUOTA_WORKLOADS", def: "1000", usage: "workloads per account", set: quota(func(c *config) *int { return &c.Quotas.WorkloadsPerAccount })},
		{name: "quota-milestones", env: "WELLOPS_QUOTA_MILESTONES", def: "100", usage: "milestones per workload (at most 100)", set: quota(func(c *config) *int { return &c.Quotas.MilestonesPerWorkload })},
		{name: "quota-lenses-per-workload", env: "WELLOPS_QUOTA_LENSES_PER_WORKLOAD", def: "20", usage: "lenses per workload", set: quota(func(c *config) *int { return &c.Quotas.LensesPerWorkload })},
		{name: "quota-custom-lenses", env: "WELLOPS_QUOTA_CUSTOM_LENSES", def: "15", usage: "custom lenses per account", set: quota(func(c *config) *int { return &c.Quotas.CustomLensesPerAccount })},
		{name: "quota-lens-versions", env: "WELLOPS_QUOTA_LENS_VERSIONS", def: "100", usage: "versions per custom lens", set: quota(func(c *config) *int { return &c.Quotas.VersionsPerLens })},
	}
}

func decodeKey(v string) ([]byte, error) {
	v = strings.TrimSpace(v)
	if b, err := hex.DecodeString(v); err == nil && len(b) == 32 {
		return b, nil
	}
	if b, err := base64.StdEncoding.DecodeString(v); err == nil && len(b) == 32 {
		return b, nil
	}
	return nil, fmt.Errorf("must be 32 bytes as 64 hex characters or base64")
}

// loadConfig reads the configuration for "wellops NAME" from args, the environment and an
// optional file, and reports every problem at once.
func loadConfig(name string, e *env, args []string) (*config, []string, error) {
	ss := settings()
	c := &config{Quotas: wellops.DefaultQuotas()}
	fs := newFlags(name, "[flags]", e.stderr)
	file := fs.String("config", e.getenv("WELLOPS_CONFIG"), "YAML file of settings (env WELLOPS_CONFIG)")
	keyFile := fs.String("secret-key-file", e.getenv("WELLOPS_SECRET_KEY_FILE"), "file holding the server key (env WELLOPS_SECRET_KEY_FILE)")
	flagVals := map[string]*string{}
	for _, s := range ss {
		if s.secret {
			continue // secrets never on the command line, where ps would show them
		}
		flagVals[s.name] = fs.String(s.name, "", fmt.Sprintf("%s (env %s, default %q)", s.usage, s.env, s.def))
	}
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, nil, err
	}
	var problems []string
	vals := map[string]string{}
	for _, s := range ss {
		vals[s.name] = s.def
	}
	if *file != "" {
		fileVals, err := readConfigFile(*file)
		if err != nil {
			problems = append(problems, err.Error())
		}
		for k, v := range fileVals {
			if !knownSetting(ss, k) {
				problems = append(problems, fmt.Sprintf("%s: unknown setting %q", *file, k))
				continue
			}
			vals[k] = v
		}
	}
	for _, s := range ss {
		if v := e.getenv(s.env); v != "" {
			vals[s.name] = v
		}
		if s.secret {
			if f := e.getenv(s.env + "_FILE"); f != "" {
				b, err := os.ReadFile(f)
				if err != nil {
					problems = append(problems, fmt.Sprintf("%s_FILE: %v", s.env, err))
				}
				vals[s.name] = strings.TrimSpace(string(b))
			}
		}
		if fv := flagVals[s.name]; fv != nil && *fv != "" {
			vals[s.name] = *fv
		}
	}
	if *keyFile != "" {
		b, err := os.ReadFile(*keyFile)
		if err != nil {
			problems = append(problems, fmt.Sprintf("secret-key-file: %v", err))
		}
		vals["secret-key"] = strings.TrimSpace(string(b))
		c.keyFile = *keyFile
	}
	for _, s := range ss {
		if vals[s.name] == "" {
			continue
		}
		if err := s.set(c, vals[s.name]); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", s.name, err))
		}
	}
	problems = append(problems, c.validate()...)
	if len(problems) > 0 {
		return nil, nil, configError(problems)
	}
	return c, pos, nil
}

func knownSetting(ss []setting, name string) bool {
	for _, s := range ss {
		if s.name == name || s.name == "secret-key" && name == "secret-key-file" {
			return true
		}
	}
	return false
}

func readConfigFile(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config file: %v", err)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("config file %s: %v", path, err)
	}
	out := map[string]string{}
	for k, v := range raw {
		out[k] = fmt.Sprint(v)
	}
	return out, nil
}

// validate reports settings that are well-formed alone but wrong.
func (c *config) validate() []string {
	var p []string
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		p = append(p, fmt.Sprintf("addr: must be HOST:PORT, got %q", c.Addr))
	}
	if c.Lang != "en" && c.Lang != "ko" {
		p = append(p, fmt.Sprintf("lang: must be en or ko, got %q", c.Lang))
	}
	if c.LogLevel != "debug" && c.LogLevel != "info" && c.LogLevel != "warn" && c.LogLevel != "error" {
		p = append(p, fmt.Sprintf("log-level: must be debug, info, warn or error, got %q", c.LogLevel))
	}
	if c.LogFormat != "json" && c.LogFormat != "text" && c.LogFormat != "auto" {
		p = append(p, fmt.Sprintf("log-format: must be json, text or auto, got %q", c.LogFormat))
	}
	if c.DB == "" {
		p = append(p, "db: is required")
	}
	if sqldb.IsPostgres(c.DB) && c.SecretKey == nil {
		p = append(p, "secret-key: is required with PostgreSQL, so that every replica can read access keys (WELLOPS_SECRET_KEY, WELLOPS_SECRET_KEY_FILE or --secret-key-file)")
	}
	if c.OTLPEndpoint != "" && !strings.HasPrefix(c.OTLPEndpoint, "http://") && !strings.HasPrefix(c.OTLPEndpoint, "https://") {
		p = append(p, fmt.Sprintf("otlp-endpoint: must be an http(s) URL, got %q", c.OTLPEndpoint))
	}
	if err := c.Quotas.Validate(); err != nil {
		var we *wellops.Error
		if ok := asError(err, &we); ok {
			for _, f := range we.Fields {
				p = append(p, f.Name+": "+f.Message)
			}
		}
	}
	if c.PublicURL == "" {
		c.PublicURL = "http://" + c.Addr
	}
	return p
}

// tokenKey derives the key that seals pagination tokens from the server key, so tokens stay
// valid across replicas and restarts.
func (c *config) tokenKey() []byte {
	sum := sha256.Sum256(append([]byte("wellops pagination tokens\x00"), c.SecretKey...))
	return sum[:]
}

type configError []string

func (e configError) Error() string {
	return fmt.Sprintf("%d configuration problem(s):\n  %s", len(e), strings.Join(e, "\n  "))
}

// print writes the effective configuration with secrets masked.
func (c *config) print(w io.Writer) {
	rows := map[string]string{
		"addr": c.Addr, "db": redactDSN(c.DB), "region": c.Region, "lang": c.Lang, "public-url": c.PublicURL,
		"log-level": c.LogLevel, "log-format": c.LogFormat, "otlp-endpoint": c.OTLPEndpoint,
		"read-timeout": c.ReadTimeout.String(), "write-timeout": c.WriteTimeout.String(), "idle-timeout": c.IdleTimeout.String(),
		"shutdown-timeout": c.ShutdownTimeout.String(), "max-body": strconv.FormatInt(c.MaxBodyBytes, 10),
		"insecure-cookies": strconv.FormatBool(c.InsecureCookies), "rate-limit": strconv.FormatFloat(c.RateLimit, 'g', -1, 64),
		"quota-workloads": strconv.Itoa(c.Quotas.WorkloadsPerAccount), "quota-milestones": strconv.Itoa(c.Quotas.MilestonesPerWorkload),
		"quota-lenses-per-workload": strconv.Itoa(c.Quotas.LensesPerWorkload), "quota-custom-lenses": strconv.Itoa(c.Quotas.CustomLensesPerAccount),
		"quota-lens-versions": strconv.Itoa(c.Quotas.VersionsPerLens),
	}
	switch {
	case c.SecretKey != nil && c.keyFile != "":
		rows["secret-key"] = "(set, from " + c.keyFile + ")"
	case c.SecretKey != nil:
		rows["secret-key"] = "(set)"
	default:
		rows["secret-key"] = "(not set: generated next to the SQLite file on first start)"
	}
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "%-26s %s\n", k, rows[k])
	}
}

// redactDSN hides a password in a postgres:// URL, in the user info or the query.
func redactDSN(dsn string) string {
	if !sqldb.IsPostgres(dsn) {
		return dsn
	}
	if u, err := url.Parse(dsn); err == nil {
		q := u.Query()
		if q.Has("password") {
			q.Set("password", "xxxxx")
			u.RawQuery = q.Encode()
		}
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		return u.String()
	}
	at := strings.LastIndex(dsn, "@")
	scheme := strings.Index(dsn, "://") + 3
	if at < 0 || scheme < 3 {
		return dsn
	}
	userinfo := dsn[scheme:at]
	if user, _, ok := strings.Cut(userinfo, ":"); ok {
		return dsn[:scheme] + user + ":xxxxx" + dsn[at:]
	}
	return dsn
}

func asError(err error, target **wellops.Error) bool { return errors.As(err, target) }
