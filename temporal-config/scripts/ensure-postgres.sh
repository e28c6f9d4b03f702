#!/usr/bin/env bash
# Make sure PostgreSQL 15 runs on 127.0.0.1:${PGPORT:-5432} with role bpm/bpm
# and the given databases (default credit_bpm) owned by bpm.
#
#   ensure-postgres.sh [--fresh] [DB...]
#     --fresh   drop and recreate the databases (the test database, every run)
#
# Idempotent and quiet when everything is already in place. Never stops Postgres.
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=postgres

PG_VERSION=15
PG_CLUSTER=main
PGPORT="${PGPORT:-5432}"
DB_USER=bpm
DB_PASSWORD=bpm

fresh=""
dbs=()
for arg in "$@"; do
  case $arg in
    --fresh) fresh=1 ;;
    -*) die "unknown option $arg" ;;
    *) dbs+=("$arg") ;;
  esac
done
((${#dbs[@]})) || dbs=(credit_bpm)
for db in "${dbs[@]}"; do
  [[ $db =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name must be a plain lower-case identifier: $db"
done

# Superuser psql over the local socket (peer auth as the postgres OS user).
pg_super() { as_postgres env PGOPTIONS="-c client_min_messages=warning" psql -p "$PGPORT" -d postgres -qAtX -v ON_ERROR_STOP=1 "$@"; }

# 1. The server package. pg_ctlcluster comes with postgresql-common.
if [[ ! -x /usr/lib/postgresql/$PG_VERSION/bin/postgres ]] || ! command -v pg_ctlcluster >/dev/null; then
  apt_install "postgresql-$PG_VERSION"
fi

# 2. The cluster, on our port. (The Debian package creates 15/main on install,
#    but a machine may have had it dropped.)
cluster_line() { pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c'; }
if [[ -z $(cluster_line) ]]; then
  log "creating cluster $PG_VERSION/$PG_CLUSTER on port $PGPORT"
  as_root pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PGPORT" >/dev/null
fi
read -r _ _ current_port status _ <<<"$(cluster_line)"
if [[ $current_port != "$PGPORT" ]]; then
  log "cluster $PG_VERSION/$PG_CLUSTER is configured for port $current_port; switching it to $PGPORT"
  [[ $status == online* ]] && as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop
  as_root pg_conftool "$PG_VERSION" "$PG_CLUSTER" set port "$PGPORT"
  status=down
fi
if [[ $status != online* ]]; then
  log "starting cluster $PG_VERSION/$PG_CLUSTER"
  as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
fi
for ((i = 0; i < 30; i++)); do
  pg_isready -q -h 127.0.0.1 -p "$PGPORT" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$PGPORT" || die "Postgres does not accept connections on 127.0.0.1:$PGPORT"

# 3. The application role. ALTER every time keeps the password and rights right
#    even if someone changed them; it is cheap and silent.
pg_super <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER;
  END IF;
END \$\$;
ALTER ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
SQL

# 4. The databases. WITH (FORCE) ends leftover connections of a crashed test run.
for db in "${dbs[@]}"; do
  if [[ -n $fresh ]]; then
    log "recreating database $db"
    pg_super -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  fi
  if [[ -z $(pg_super -c "SELECT 1 FROM pg_database WHERE datname = '$db'") ]]; then
    [[ -n $fresh ]] || log "creating database $db"
    pg_super -c "CREATE DATABASE $db OWNER $DB_USER ENCODING 'UTF8' TEMPLATE template0"
  fi
done

# 5. Password login over TCP, which is how the app connects. Debian's default
#    pg_hba.conf has scram-sha-256 for host 127.0.0.1/32; if a machine's does not,
#    put a rule for our role in front and reload.
can_login() { PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$PGPORT" -U "$DB_USER" -d "${dbs[0]}" -qAtXc 'SELECT 1' >/dev/null 2>&1; }
if ! can_login; then
  hba=$(pg_super -c 'SHOW hba_file')
  log "password login for $DB_USER over 127.0.0.1 refused; adding a scram-sha-256 rule to $hba"
  as_root sed -i "1i host all $DB_USER 127.0.0.1/32 scram-sha-256  # added by credit-bpm ensure-postgres.sh" "$hba"
  pg_super -c 'SELECT pg_reload_conf()' >/dev/null
  sleep 1
  can_login || die "cannot log in as $DB_USER to ${dbs[0]} on 127.0.0.1:$PGPORT"
fi
