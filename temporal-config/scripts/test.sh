#!/usr/bin/env bash
# `npm test` (and CI, through .ci/run): prepare everything the test suites need,
# run jest, and exit with jest's code. Extra arguments go to jest.
#
#   - npm dependencies as in start.sh
#   - Postgres database credit_bpm_test, dropped and recreated every run
#   - an in-memory, headless Temporal dev server on 127.0.0.1:${TEMPORAL_TEST_PORT:-7243}
#     for the end-to-end tests (stopped on exit; the dev server of npm start is not touched)
#   - the Java time-skipping test server's classpath; tests start it per file:
#       TEMPORAL_TEST_SERVER_CLASSPATH  file holding the classpath
#       TEMPORAL_TEST_SERVER_SOURCE     absolute path of TimeSkippingTestServer.java
#   - Debian's chromium for the browser test (CHROMIUM_PATH)
#   - npm run build (+ the web inbox build)
#
# Non-interactive throughout: CI runs it with CI=true and no stdin.
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG="test"
cd "$REPO_ROOT"

TEST_DB="${BPM_TEST_DATABASE:-credit_bpm_test}"
TEST_PGPORT="${PGPORT:-5432}"
TEST_TEMPORAL_PORT="${TEMPORAL_TEST_PORT:-7243}"

TEMPORAL_PID=""
# shellcheck disable=SC2317  # called from the traps
cleanup() {
  trap - INT TERM EXIT
  stop_pid "$TEMPORAL_PID" "test Temporal server"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_npm_deps

PGPORT=$TEST_PGPORT "$SCRIPTS_DIR/ensure-postgres.sh" --fresh "$TEST_DB"

"$SCRIPTS_DIR/ensure-temporal-cli.sh" >/dev/null
start_temporal --memory --headless --port "$TEST_TEMPORAL_PORT"

export TEMPORAL_TEST_SERVER_CLASSPATH
TEMPORAL_TEST_SERVER_CLASSPATH=$("$SCRIPTS_DIR/ensure-test-server.sh")
export TEMPORAL_TEST_SERVER_SOURCE="$REPO_ROOT/temporal-config/test-server/TimeSkippingTestServer.java"

command -v chromium >/dev/null || apt_install chromium
# Chinese glyphs in the browser test's screenshots (without them they are boxes).
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || apt_install fonts-noto-cjk
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"

log "npm run build"
npm run build --silent || die "npm run build failed (tsc + workflow bundle)"
if [[ -f apps/web/package.json ]]; then
  log "building the web inbox"
  npm --prefix apps/web run build --silent || die "web inbox build failed (apps/web)"
fi

export DATABASE_URL="postgres://bpm:bpm@127.0.0.1:$TEST_PGPORT/$TEST_DB"
export TEMPORAL_ADDRESS="127.0.0.1:$TEST_TEMPORAL_PORT"
export TEMPORAL_NAMESPACE=default
# The audit chain's key and checkpoints: the tests' own, made fresh with the database.
export AUDIT_HMAC_KEY="${AUDIT_HMAC_KEY:-$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')}"
export AUDIT_CHECKPOINT_FILE="${AUDIT_CHECKPOINT_FILE:-$BPM_DATA_DIR/test-audit-checkpoints.log}"
mkdir -p "$(dirname "$AUDIT_CHECKPOINT_FILE")"
rm -f "$AUDIT_CHECKPOINT_FILE"

[[ -x node_modules/.bin/jest ]] || die "jest is not installed (devDependency in package.json)"
log "jest --runInBand $*"
rc=0
results="$BPM_DATA_DIR/jest-results.json"
rm -f "$results"
npx jest --runInBand --json --outputFile="$results" "$@" </dev/null || rc=$?
log "jest exited with code $rc"
# The plain closing line CI reads, from jest's own counts.
[[ -f $results ]] && node -e 'const r = require(process.argv[1]); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$results"
exit "$rc"
