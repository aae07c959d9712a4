# Sourced by scripts/test.sh and bench scripts: starts a throwaway PostgreSQL on a free loopback
# port and exports WELLOPS_TEST_POSTGRES; pg_stop removes it. Nothing is installed: it uses
# the PostgreSQL binaries already on the machine (initdb/pg_ctl), as the postgres user when
# run as root, because PostgreSQL refuses to run as root.

pg_bindir() {
	local d
	if command -v pg_config >/dev/null 2>&1; then
		d=$(pg_config --bindir 2>/dev/null)
		[ -x "$d/initdb" ] && { echo "$d"; return; }
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		[ -x "$d/initdb" ] && { echo "$d"; return; }
	done
	d=$(dirname "$(command -v initdb 2>/dev/null)" 2>/dev/null)
	[ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

pg_free_port() {
	local p
	for _ in $(seq 1 50); do
		p=$((20000 + RANDOM % 20000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
	return 1
}

pg_as() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# pg_start exports WELLOPS_TEST_POSTGRES, or returns 1 when PostgreSQL is not installed.
pg_start() {
	local bin port
	bin=$(pg_bindir) || true
	[ -n "$bin" ] || return 1
	port=$(pg_free_port) || { echo "pg.sh: no free port" >&2; return 2; }
	PG_TMP=$(mktemp -d /tmp/wellops-pg.XXXXXX)
	[ "$(id -u)" = 0 ] && chown postgres "$PG_TMP"
	pg_as "$bin/initdb" -D "$PG_TMP/data" -A trust -U postgres -E UTF8 --no-locale >"$PG_TMP/initdb.log" 2>&1 ||
		{ cat "$PG_TMP/initdb.log" >&2; return 2; }
	pg_as "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
		-o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null ||
		{ cat "$PG_TMP/server.log" >&2; return 2; }
	PG_BIN=$bin
	export WELLOPS_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
	echo "pg.sh: throwaway PostgreSQL ($("$bin/postgres" --version | awk '{print $3}')) on 127.0.0.1:$port"
}

pg_stop() {
	[ -n "${PG_TMP:-}" ] || return 0
	pg_as "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$PG_TMP"
	PG_TMP=
}
