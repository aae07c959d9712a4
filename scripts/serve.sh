# Sourced, not run, by the scripts that drive a real `wellops serve` over loopback
# (bench/api.sh, bench/load.sh, scripts/awscli-smoke.sh): start the server, wait until it
# serves, make an access key for its first user, and stop it again.
#
# Set SERVE_BIN (a built wellops) and SERVE_TMP (a scratch directory) first; the server's
# settings come from the environment (WELLOPS_SECRET_KEY, WELLOPS_RATE_LIMIT, ...).

serve_pid=

# serve_start NAME DSN: starts wellops on DSN, logging to $SERVE_TMP/serve-NAME.log, and sets
# SERVE_URL, SERVE_LOG, SERVE_AKID and SERVE_SECRET. Fails, showing the log, when the server
# does not come up within a minute.
serve_start() {
	SERVE_LOG="$SERVE_TMP/serve-$1.log"
	"$SERVE_BIN" serve --addr 127.0.0.1:0 --db "$2" 2>"$SERVE_LOG" &
	serve_pid=$!
	SERVE_URL=
	for _ in $(seq 1 600); do
		SERVE_URL=$(sed -n 's/.*serving the API at \(http:\/\/[0-9.:]*\).*/\1/p' "$SERVE_LOG" | head -n 1)
		[ -n "$SERVE_URL" ] && break
		kill -0 "$serve_pid" 2>/dev/null || break
		sleep 0.1
	done
	if [ -z "$SERVE_URL" ]; then
		echo "$0: wellops serve did not start:" >&2
		cat "$SERVE_LOG" >&2
		return 1
	fi
	"$SERVE_BIN" key create admin --db "$2" --json >"$SERVE_TMP/key.json"
	SERVE_AKID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ID"])' "$SERVE_TMP/key.json")
	SERVE_SECRET=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["Secret"])' "$SERVE_TMP/key.json")
}

# serve_stop stops the server serve_start started, if it runs.
serve_stop() {
	if [ -n "$serve_pid" ]; then
		kill "$serve_pid" 2>/dev/null || true
		wait "$serve_pid" 2>/dev/null || true
		serve_pid=
	fi
}
