module github.com/wellops/wellops

go 1.26.0

require (
	github.com/hashicorp/hcl/v2 v2.25.0 // scan: Terraform/OpenTofu files, parsed as HCL, not guessed at with regexps
	github.com/jackc/pgx/v5 v5.12.0 // sqldb: the PostgreSQL driver for teams and several replicas
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3 // scan tests only: SARIF output checked against the official schema
	github.com/zclconf/go-cty v1.19.0 // scan: the value types hcl/v2 returns
	golang.org/x/crypto v0.59.0 // sqldb: Argon2id password hashes
	golang.org/x/sys v0.50.0 // scan: openat2 confines every open to the scanned tree
	gopkg.in/yaml.v3 v3.0.1 // scan: YAML with line numbers and aliases bounded; serve: the config file
	modernc.org/sqlite v1.62.0 // sqldb: pure-Go SQLite, the zero-setup default store
)

require (
	github.com/agext/levenshtein v1.2.1 // indirect
	github.com/apparentlymart/go-textseg/v15 v15.0.0 // indirect
	github.com/apparentlymart/go-textseg/v17 v17.0.1 // indirect
	github.com/dustin/go-humanize v1.1.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20240606120523-5a60cdf6a761 // indirect
	github.com/jackc/puddle/v2 v2.2.3 // indirect
	github.com/kr/text v0.2.0 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/mitchellh/go-wordwrap v1.0.1 // indirect
	github.com/ncruces/go-strftime v1.1.0 // indirect
	github.com/remyoudompheng/bigfft v0.0.0-20230129092748-24d4a6f8daec // indirect
	github.com/rogpeppe/go-internal v1.16.0 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.25.0 // indirect
	golang.org/x/text v0.44.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
	modernc.org/libc v1.80.1 // indirect
	modernc.org/mathutil v1.7.1 // indirect
	modernc.org/memory v1.12.1 // indirect
)
