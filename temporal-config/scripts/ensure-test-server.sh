#!/usr/bin/env bash
# Make sure the classpath of Temporal's Java time-skipping test server is
# resolved (Maven Central -> ~/.m2) and print the file that holds it.
#
# Tests start the server themselves, one per test file, with their own initial time:
#   java -cp "$(cat <printed file>)" temporal-config/test-server/TimeSkippingTestServer.java <port> [<time>]
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=test-server

POM="$REPO_ROOT/temporal-config/test-server/pom.xml"
CLASSPATH_FILE="$BPM_CACHE_DIR/test-server/classpath.txt"

# Single-file source launch compiles the .java at start: a JRE alone is not enough.
java --list-modules 2>/dev/null | grep -q '^jdk.compiler@' || apt_install openjdk-17-jdk-headless
command -v mvn >/dev/null || apt_install maven

# Re-resolve when the pom changed, or when a jar it lists is gone (~/.m2 wiped).
classpath_ok() {
  [[ -s $CLASSPATH_FILE && ! $POM -nt $CLASSPATH_FILE ]] || return 1
  local jar
  while IFS= read -r jar; do [[ -f $jar ]] || return 1; done < <(tr ':' '\n' <"$CLASSPATH_FILE")
}

if ! classpath_ok; then
  log "resolving the test-server classpath with Maven"
  mkdir -p "$(dirname "$CLASSPATH_FILE")"
  # Output only matters when it fails; -q still prints colour resets.
  if ! mvn -q -B -f "$POM" dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE.tmp" \
    >"$BPM_CACHE_DIR/test-server/mvn.log" 2>&1; then
    cat "$BPM_CACHE_DIR/test-server/mvn.log" >&2
    die "mvn dependency:build-classpath failed"
  fi
  mv "$CLASSPATH_FILE.tmp" "$CLASSPATH_FILE"
fi
echo "$CLASSPATH_FILE"
