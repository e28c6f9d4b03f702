#!/usr/bin/env bash
# `npm start`: everything the app needs on this machine, then the API and the
# worker, until Ctrl-C.
#
#   1. npm dependencies (root, and apps/web once it exists) when missing or stale
#   2. PostgreSQL 15 with role bpm and database credit_bpm
#   3. the Temporal CLI (built once into $BPM_CACHE_DIR) and its dev server,
#      state in $BPM_DATA_DIR/temporal.db so cases survive a restart
#   4. npm run build (+ the web inbox build)
#   5. database setup: migrations, demo users, sample data
#   6. worker and API in the background, each supervised: restarted with back-off
#      (1 s doubling to 30 s) when it exits, logs in $BPM_DATA_DIR/logs
#
# Ctrl-C stops the API, the worker and the Temporal server this script started.
# Postgres is a system service and keeps running.
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=start
cd "$REPO_ROOT"

# Defaults serve the embedded setup; every one can be overridden from outside.
export PORT="${PORT:-3000}"
export TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
export TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
export DATABASE_URL="${DATABASE_URL:-postgres://bpm:bpm@127.0.0.1:5432/credit_bpm}"
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:$TEMPORAL_PORT}"
export TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
export TEMPORAL_UI_URL="${TEMPORAL_UI_URL:-http://localhost:$TEMPORAL_UI_PORT}"

API_PID="" WORKER_PID="" TAIL_PID="" TEMPORAL_PID=""
# shellcheck disable=SC2317  # called from the traps
cleanup() {
  trap - INT TERM EXIT # run once, even when a signal arrives during EXIT
  stop_pid "$TAIL_PID" "log stream" 2>/dev/null
  stop_pid "$API_PID" "API (and its supervisor)"
  stop_pid "$WORKER_PID" "worker (and its supervisor)"
  stop_pid "$TEMPORAL_PID" "Temporal server"
  log "stopped. Postgres keeps running (pg_ctlcluster 15 main stop to stop it)."
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_open 127.0.0.1 "$PORT" && die "port $PORT is already in use (another npm start?); set PORT to use another"

# 1. Dependencies.
install_npm_deps

# 2. Postgres, when DATABASE_URL points at this machine.
if [[ $DATABASE_URL =~ ^postgres(ql)?://[^@/]*@(127\.0\.0\.1|localhost):([0-9]+)/([a-z_][a-z0-9_]*) ]]; then
  PGPORT=${BASH_REMATCH[3]} "$SCRIPTS_DIR/ensure-postgres.sh" "${BASH_REMATCH[4]}"
else
  log "DATABASE_URL is not a local database; not managing Postgres"
fi

# 3. Temporal, when TEMPORAL_ADDRESS points at this machine.
if [[ $TEMPORAL_ADDRESS =~ ^(127\.0\.0\.1|localhost):([0-9]+)$ ]]; then
  "$SCRIPTS_DIR/ensure-temporal-cli.sh" >/dev/null
  start_temporal --port "${BASH_REMATCH[2]}" --ui-port "$TEMPORAL_UI_PORT"
else
  log "TEMPORAL_ADDRESS is not local; not starting a Temporal server"
fi

# 4. Build. The TypeScript sources and the build script are the app's own.
log "npm run build"
npm run build --silent || die "npm run build failed (tsc + workflow bundle)"
if [[ -f apps/web/package.json ]]; then
  log "building the web inbox"
  npm --prefix apps/web run build --silent || die "web inbox build failed (apps/web)"
fi
require_file dist/libs/persistence/setup-database.js "database setup script (npm run build output)"
require_file dist/apps/worker/src/main.js "worker entry point (npm run build output)"
require_file dist/apps/api/src/main.js "API entry point (npm run build output)"

# 5. Migrations, demo users, sample data (idempotent on the app's side).
log "setting up the database"
node dist/libs/persistence/setup-database.js || die "database setup failed"

# 6. Worker and API, each under a supervisor that restarts it with back-off when it dies.
mkdir -p "$BPM_LOG_DIR"
log "starting the worker (log $BPM_LOG_DIR/worker.log)"
supervise worker "$BPM_LOG_DIR/worker.log" node dist/apps/worker/src/main.js &
WORKER_PID=$!
log "starting the API (log $BPM_LOG_DIR/api.log)"
supervise API "$BPM_LOG_DIR/api.log" node dist/apps/api/src/main.js &
API_PID=$!

if ! wait_for_http "http://127.0.0.1:$PORT/api/health" 120 "$API_PID"; then
  tail -n 30 "$BPM_LOG_DIR/api.log" >&2
  kill -0 "$API_PID" 2>/dev/null || die "the API exited during startup; see $BPM_LOG_DIR/api.log"
  die "the API did not answer 200 on http://127.0.0.1:$PORT/api/health within 120 s"
fi

cat <<EOF

  Credit BPM is running.
    API                http://localhost:$PORT/api
    OpenAPI            http://localhost:$PORT/api/docs
    Web inbox          http://localhost:$PORT/
    Temporal Web UI    $TEMPORAL_UI_URL
    demo users: see README, password demo-pass-2026
    logs: $BPM_LOG_DIR/{api,worker,temporal}.log
  Press Ctrl-C to stop (Postgres keeps running).

EOF

# Stream the API log here. A worker or API that dies is restarted by its supervisor (logged
# here and in its log); only Ctrl-C (or SIGTERM) stops everything.
tail -n 0 -F "$BPM_LOG_DIR/api.log" &
TAIL_PID=$!
wait "$API_PID" "$WORKER_PID" || true
log "the supervisors ended unexpectedly; see $BPM_LOG_DIR"
exit 1
