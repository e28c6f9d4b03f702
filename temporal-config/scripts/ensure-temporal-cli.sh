#!/usr/bin/env bash
# Make sure the Temporal CLI (which embeds the dev server and Web UI) is built
# into $BPM_CACHE_DIR/bin, and print its path.
#
# There is no prebuilt download here, only the Go module proxy, so it is built
# from source with `go install` (10+ minutes on 2 cores the first time; the
# cache outside the clone makes later runs instant).
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=temporal-cli

# The binary records the module version it was built from.
have_pinned_cli() {
  [[ -x $TEMPORAL_BIN ]] &&
    go version -m "$TEMPORAL_BIN" 2>/dev/null | grep -qE "^[[:space:]]+mod[[:space:]]+${TEMPORAL_CLI_MODULE}[[:space:]]+${TEMPORAL_CLI_VERSION}[[:space:]]"
}

# A build started elsewhere (another script run, a provisioning step) writes the
# same binary; wait for it instead of compiling twice on a 2-core machine.
wait_for_other_build() {
  local waited=0
  while pgrep -f "go install .*$TEMPORAL_CLI_MODULE" >/dev/null; do
    ((waited % 60 == 0)) && log "waiting for a running 'go install $TEMPORAL_CLI_MODULE' to finish (${waited}s)"
    sleep 5
    waited=$((waited + 5))
    ((waited < 3600)) || die "the other Temporal CLI build has run for an hour; giving up"
  done
}

command -v go >/dev/null || die "the Go toolchain is needed to build the Temporal CLI (expected in /usr/local/go/bin)"

mkdir -p "$BPM_CACHE_DIR/bin"
wait_for_other_build
if ! have_pinned_cli; then
  # flock: two of our scripts started together build once.
  exec 9>"$BPM_CACHE_DIR/temporal-cli.lock"
  flock 9
  if ! have_pinned_cli; then
    log "building $TEMPORAL_CLI_MODULE@$TEMPORAL_CLI_VERSION with $(go version | awk '{print $3}'); first run only, takes 10+ minutes"
    log "build log: $BPM_CACHE_DIR/temporal-cli-build.log"
    if ! GOBIN="$BPM_CACHE_DIR/bin" go install "$TEMPORAL_CLI_MODULE/cmd/temporal@$TEMPORAL_CLI_VERSION" \
      >"$BPM_CACHE_DIR/temporal-cli-build.log" 2>&1; then
      tail -n 30 "$BPM_CACHE_DIR/temporal-cli-build.log" >&2
      die "building the Temporal CLI failed"
    fi
    have_pinned_cli || die "built $TEMPORAL_BIN but it does not report $TEMPORAL_CLI_VERSION"
    log "built $TEMPORAL_BIN"
  fi
  flock -u 9
fi
echo "$TEMPORAL_BIN"
