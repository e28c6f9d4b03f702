#!/usr/bin/env bash
# Start a Temporal dev server (`temporal server start-dev`) and wait until it is
# SERVING, with our search attributes and dynamic config. Reuses a server that
# already answers on the port.
#
#   start-temporal.sh [--memory] [--headless] [--port N] [--ui-port N] [--log FILE] [--foreground]
#
#   default        persistent SQLite file $BPM_DATA_DIR/temporal.db, gRPC 127.0.0.1:${TEMPORAL_PORT:-7233},
#                  Web UI ${TEMPORAL_UI_PORT:-8233}, log $BPM_DATA_DIR/logs/temporal.log
#   --memory       in-memory state (tests): nothing survives the process
#   --headless     no Web UI
#   --foreground   stay attached and stop the server on Ctrl-C; otherwise leave it
#                  running in the background, print its pid and exit
#
# start.sh and test.sh call the same start_temporal function from lib.sh directly.
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=temporal

foreground=""
args=()
for arg in "$@"; do
  if [[ $arg == --foreground ]]; then foreground=1; else args+=("$arg"); fi
done

"$SCRIPTS_DIR/ensure-temporal-cli.sh" >/dev/null
start_temporal "${args[@]}"

if [[ -z $TEMPORAL_PID ]]; then
  exit 0 # reused a running server: nothing of ours to wait for
fi
if [[ -n $foreground ]]; then
  trap 'stop_pid "$TEMPORAL_PID" "Temporal server"' INT TERM EXIT
  log "press Ctrl-C to stop"
  wait "$TEMPORAL_PID" || true
else
  log "left running in the background; stop it with: kill $TEMPORAL_PID"
  echo "$TEMPORAL_PID"
fi
