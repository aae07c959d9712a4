-- wellops schema, PostgreSQL dialect. Times are BIGINT microseconds since the epoch (UTC);
-- JSON is stored as TEXT. Keep in step with ../sqlite/0001_init.sql.

CREATE TABLE users (
	id            TEXT PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,
	account_id    TEXT NOT NULL,
	admin BOOLEAN NOT NULL DEFAULT FALSE,
	password_hash TEXT NOT NULL DEFAULT '',
	created_at    BIGINT NOT NULL
);

CREATE TABLE access_keys (
	id           TEXT PRIMARY KEY,
	user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	secret_enc   TEXT NOT NULL,
	created_at   BIGINT NOT NULL,
	last_used_at BIGINT NOT NULL DEFAULT 0,
	revoked BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX access_keys_user ON access_keys(user_id);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf       TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE lenses (
	arn         TEXT PRIMARY KEY,
	owner       TEXT NOT NULL,
	name        TEXT NOT NULL,
	description TEXT NOT NULL,
	draft       TEXT,
	tags        TEXT NOT NULL DEFAULT '{}',
	deleted BOOLEAN NOT NULL DEFAULT FALSE,
	created_at  BIGINT NOT NULL,
	updated_at  BIGINT NOT NULL
);
CREATE INDEX lenses_owner ON lenses(owner);

CREATE TABLE lens_versions (
	lens_arn   TEXT NOT NULL REFERENCES lenses(arn) ON DELETE CASCADE,
	seq        BIGINT NOT NULL,
	version    TEXT NOT NULL,
	is_major   BOOLEAN NOT NULL,
	content    TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (lens_arn, seq),
	UNIQUE (lens_arn, version)
);

CREATE TABLE workloads (
	id                 TEXT PRIMARY KEY,
	owner              TEXT NOT NULL,
	name               TEXT NOT NULL,
	name_key           TEXT NOT NULL,
	description        TEXT NOT NULL,
	environment        TEXT NOT NULL,
	review_owner       TEXT NOT NULL,
	improvement_status TEXT NOT NULL,
	lenses             TEXT NOT NULL,
	data               TEXT NOT NULL,
	r_high BIGINT NOT NULL DEFAULT 0, r_medium BIGINT NOT NULL DEFAULT 0, r_none BIGINT NOT NULL DEFAULT 0,
	r_na   BIGINT NOT NULL DEFAULT 0, r_unanswered BIGINT NOT NULL DEFAULT 0,
	p_high BIGINT NOT NULL DEFAULT 0, p_medium BIGINT NOT NULL DEFAULT 0, p_none BIGINT NOT NULL DEFAULT 0,
	p_na   BIGINT NOT NULL DEFAULT 0, p_unanswered BIGINT NOT NULL DEFAULT 0,
	created_at  BIGINT NOT NULL,
	updated_at  BIGINT NOT NULL,
	reviewed_at BIGINT NOT NULL DEFAULT 0,
	UNIQUE (owner, name_key)
);
CREATE INDEX workloads_owner_high ON workloads(owner, r_high DESC, name_key);
CREATE INDEX workloads_owner_updated ON workloads(owner, updated_at DESC);

CREATE TABLE lens_reviews (
	workload_id  TEXT NOT NULL REFERENCES workloads(id) ON DELETE CASCADE,
	lens_alias   TEXT NOT NULL,
	lens_version TEXT NOT NULL,
	position     BIGINT NOT NULL,
	notes        TEXT NOT NULL DEFAULT '',
	pillar_notes TEXT NOT NULL DEFAULT '{}',
	jira         TEXT NOT NULL DEFAULT '',
	r_high BIGINT NOT NULL DEFAULT 0, r_medium BIGINT NOT NULL DEFAULT 0, r_none BIGINT NOT NULL DEFAULT 0,
	r_na   BIGINT NOT NULL DEFAULT 0, r_unanswered BIGINT NOT NULL DEFAULT 0,
	p_high BIGINT NOT NULL DEFAULT 0, p_medium BIGINT NOT NULL DEFAULT 0, p_none BIGINT NOT NULL DEFAULT 0,
	p_na   BIGINT NOT NULL DEFAULT 0, p_unanswered BIGINT NOT NULL DEFAULT 0,
	updated_at   BIGINT NOT NULL,
	PRIMARY KEY (workload_id, lens_alias)
);
CREATE INDEX lens_reviews_lens ON lens_reviews(lens_alias);

CREATE TABLE answers (
	workload_id        TEXT NOT NULL,
	lens_alias         TEXT NOT NULL,
	question_id        TEXT NOT NULL,
	pillar_id          TEXT NOT NULL,
	position           BIGINT NOT NULL,
	selected           TEXT NOT NULL DEFAULT '[]',
	choice_answers     TEXT NOT NULL DEFAULT '{}',
	is_applicable      BOOLEAN NOT NULL DEFAULT TRUE,
	reason             TEXT NOT NULL DEFAULT '',
	notes              TEXT NOT NULL DEFAULT '',
	risk               TEXT NOT NULL,
	prioritized BOOLEAN NOT NULL DEFAULT FALSE,
	improvement_status TEXT NOT NULL DEFAULT 'NOT_STARTED',
	updated_at         BIGINT NOT NULL,
	PRIMARY KEY (workload_id, lens_alias, question_id),
	FOREIGN KEY (workload_id, lens_alias) REFERENCES lens_reviews(workload_id, lens_alias) ON DELETE CASCADE
);

CREATE TABLE milestones (
	workload_id TEXT NOT NULL REFERENCES workloads(id) ON DELETE CASCADE,
	number      BIGINT NOT NULL,
	name        TEXT NOT NULL,
	recorded_at BIGINT NOT NULL,
	r_high BIGINT NOT NULL, r_medium BIGINT NOT NULL, r_none BIGINT NOT NULL,
	r_na   BIGINT NOT NULL, r_unanswered BIGINT NOT NULL,
	summary     TEXT NOT NULL,
	snapshot    TEXT NOT NULL,
	PRIMARY KEY (workload_id, number),
	UNIQUE (workload_id, name)
);

-- Audit rows outlive their workload on purpose: a deletion is itself audited.
CREATE TABLE audit (
	id           BIGSERIAL PRIMARY KEY,
	workload_id  TEXT NOT NULL,
	at           BIGINT NOT NULL,
	actor        TEXT NOT NULL,
	action       TEXT NOT NULL,
	target       TEXT NOT NULL,
	before_value TEXT NOT NULL DEFAULT '',
	after_value  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_workload ON audit(workload_id, id);

CREATE TABLE shares (
	id                  TEXT PRIMARY KEY,
	resource_type       TEXT NOT NULL,
	resource_id         TEXT NOT NULL,
	shared_by           TEXT NOT NULL,
	shared_with         TEXT NOT NULL,
	shared_with_account TEXT NOT NULL,
	permission          TEXT NOT NULL DEFAULT '',
	status              TEXT NOT NULL,
	created_at          BIGINT NOT NULL,
	updated_at          BIGINT NOT NULL,
	UNIQUE (resource_type, resource_id, shared_with)
);
CREATE INDEX shares_recipient ON shares(shared_with_account, resource_type, status);

CREATE TABLE profiles (
	arn        TEXT PRIMARY KEY,
	owner      TEXT NOT NULL,
	name       TEXT NOT NULL,
	tags       TEXT NOT NULL DEFAULT '{}',
	deleted BOOLEAN NOT NULL DEFAULT FALSE,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX profiles_owner ON profiles(owner);

CREATE TABLE profile_versions (
	profile_arn TEXT NOT NULL REFERENCES profiles(arn) ON DELETE CASCADE,
	seq         BIGINT NOT NULL,
	description TEXT NOT NULL,
	answers     TEXT NOT NULL,
	created_at  BIGINT NOT NULL,
	PRIMARY KEY (profile_arn, seq)
);

CREATE TABLE templates (
	arn        TEXT PRIMARY KEY,
	owner      TEXT NOT NULL,
	name       TEXT NOT NULL,
	description TEXT NOT NULL,
	notes      TEXT NOT NULL DEFAULT '',
	tags       TEXT NOT NULL DEFAULT '{}',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX templates_owner ON templates(owner);

CREATE TABLE template_reviews (
	template_arn TEXT NOT NULL REFERENCES templates(arn) ON DELETE CASCADE,
	lens_alias   TEXT NOT NULL,
	lens_version TEXT NOT NULL,
	position     BIGINT NOT NULL,
	notes        TEXT NOT NULL DEFAULT '',
	pillar_notes TEXT NOT NULL DEFAULT '{}',
	updated_at   BIGINT NOT NULL,
	PRIMARY KEY (template_arn, lens_alias)
);

CREATE TABLE template_answers (
	template_arn   TEXT NOT NULL,
	lens_alias     TEXT NOT NULL,
	question_id    TEXT NOT NULL,
	pillar_id      TEXT NOT NULL,
	position       BIGINT NOT NULL,
	selected       TEXT NOT NULL DEFAULT '[]',
	choice_answers TEXT NOT NULL DEFAULT '{}',
	is_applicable  BOOLEAN NOT NULL DEFAULT TRUE,
	reason         TEXT NOT NULL DEFAULT '',
	notes          TEXT NOT NULL DEFAULT '',
	updated_at     BIGINT NOT NULL,
	PRIMARY KEY (template_arn, lens_alias, question_id),
	FOREIGN KEY (template_arn, lens_alias) REFERENCES template_reviews(template_arn, lens_alias) ON DELETE CASCADE
);

CREATE TABLE evidence (
	workload_id TEXT PRIMARY KEY REFERENCES workloads(id) ON DELETE CASCADE,
	scan_id     TEXT NOT NULL,
	scanned_at  BIGINT NOT NULL,
	body        TEXT NOT NULL
);

CREATE TABLE suggestions (
	workload_id TEXT NOT NULL REFERENCES workloads(id) ON DELETE CASCADE,
	question_id TEXT NOT NULL,
	choice_id   TEXT NOT NULL,
	status      TEXT NOT NULL,
	scan_id     TEXT NOT NULL,
	decided_by  TEXT NOT NULL DEFAULT '',
	decided_at  BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (workload_id, question_id, choice_id)
);

CREATE TABLE idempotency (
	scope       TEXT NOT NULL,
	token       TEXT NOT NULL,
	params_hash TEXT NOT NULL,
	response    TEXT,
	created_at  BIGINT NOT NULL,
	PRIMARY KEY (scope, token)
);

CREATE TABLE settings (
	account_id TEXT PRIMARY KEY,
	body       TEXT NOT NULL
);
