#!/usr/bin/env bash
# Local PostgreSQL for ContactPoint: one private cluster under .local/, one database and one
# owning role per service. Usage: deploy/local/postgres.sh start|stop|status
set -euo pipefail
CP_LOG_TAG=postgres
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_EXTENSIONS=(pg_trgm fuzzystrmatch unaccent btree_gist)
# postgres must be able to reach its data and socket dirs; a repo under /root (mode 700) is not
# reachable, so the cluster then lives in postgres's home and .local/pg is a symlink to it.
PG_FALLBACK_HOME="/var/lib/postgresql/contactpoint-local-$(printf '%s' "$CP_STATE" | cksum | cut -d' ' -f1)"

# Run a PostgreSQL binary as the postgres OS user (root) or as ourselves (any other user).
# cd / first: runuser keeps the cwd, and pg_ctl fails when it cannot read it.
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

find_pg_bin() {
  if [[ -n "${CP_PG_BIN:-}" ]]; then
    echo "$CP_PG_BIN"
    return
  fi
  local initdb
  # Prefer the newest installed major; Debian 12 ships 15.
  initdb="$(for f in /usr/lib/postgresql/*/bin/initdb; do [[ -x "$f" ]] && echo "$f"; done | sort -V | tail -n1 || true)"
  [[ -n "$initdb" ]] && dirname "$initdb"
}

install_postgres() {
  log "no PostgreSQL server found under /usr/lib/postgresql; installing Debian's postgresql"
  # Install postgresql-common first so a drop-in can stop the package creating and starting its
  # own 'main' cluster on port 5432: this stack only wants its private cluster.
  apt_install postgresql-common
  mkdir -p /etc/postgresql-common/createcluster.d
  echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/contactpoint-local.conf
  apt_install postgresql postgresql-contrib
}

pg_bin() {
  local bin
  bin="$(find_pg_bin || true)"
  if [[ -z "$bin" ]]; then
    install_postgres
    bin="$(find_pg_bin || true)"
    [[ -n "$bin" ]] || die "PostgreSQL install did not provide /usr/lib/postgresql/*/bin/initdb"
  fi
  echo "$bin"
}

# Resolve (and on first use create) the cluster's home: data/, run/ (socket), postgres.log.
pg_home() {
  local home="$CP_STATE/pg"
  if [[ -L "$home" ]]; then
    readlink -f "$home"
    return
  fi
  if [[ -d "$home" ]]; then
    echo "$home"
    return
  fi
  local sock="$home/run/.s.PGSQL.$CP_PG_PORT" reachable=1
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- test -x "$CP_STATE" 2>/dev/null || reachable=0
  fi
  # Unix socket paths are limited to 107 bytes.
  if ((reachable == 0 || ${#sock} > 100)); then
    [[ "$(id -u)" == 0 ]] || die "cannot place the cluster: $sock is too long"
    log "postgres cannot use $home (unreachable or path too long); using $PG_FALLBACK_HOME"
    mkdir -p "$PG_FALLBACK_HOME"
    ln -s "$PG_FALLBACK_HOME" "$home"
    home="$PG_FALLBACK_HOME"
  else
    mkdir -p "$home"
  fi
  echo "$home"
}

pg_prepare_dirs() {
  local home="$1"
  mkdir -p "$home/data" "$home/run"
  touch "$home/postgres.log"
  if [[ "$(id -u)" == 0 ]]; then
    chown postgres:postgres "$home" "$home/data" "$home/run" "$home/postgres.log"
  fi
  chmod 700 "$home" "$home/data" "$home/run"
  # One place for all logs, even when the cluster lives elsewhere.
  ln -sfn "$home/postgres.log" "$CP_LOGS/postgres.log"
}

pg_running() {
  local bin="$1" home="$2"
  [[ -f "$home/data/PG_VERSION" ]] || return 1
  as_pg "$bin/pg_ctl" status -D "$home/data" >/dev/null 2>&1
}

ensure_secrets() {
  local db var changed=0
  (umask 077 && touch "$CP_SECRETS")
  chmod 600 "$CP_SECRETS"
  for db in "${CP_DATABASES[@]}"; do
    var="CP_${db^^}_DB_PASSWORD"
    if ! grep -q "^${var}=" "$CP_SECRETS"; then
      # Hex only: safe inside SQL literals, URLs and env files without quoting.
      echo "${var}=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" >>"$CP_SECRETS"
      changed=1
    fi
  done
  # audit runs its migrations as a separate owner role (see provision_audit_owner).
  if ! grep -q "^CP_AUDIT_OWNER_DB_PASSWORD=" "$CP_SECRETS"; then
    echo "CP_AUDIT_OWNER_DB_PASSWORD=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" >>"$CP_SECRETS"
    changed=1
  fi
  ((changed)) && log "generated database passwords in $CP_SECRETS"
  return 0
}

initdb_cluster() {
  local bin="$1" home="$2"
  log "initialising cluster in $home/data"
  as_pg "$bin/initdb" -D "$home/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >>"$home/postgres.log" 2>&1 ||
    die "initdb failed; see $home/postgres.log"
  # Settings that may change between runs (the port) go to a file rewritten on every start.
  echo "include_if_exists = 'contactpoint.conf'" >>"$home/data/postgresql.conf"
}

# A cluster only runs on the major version that created it (e.g. after a Debian upgrade).
check_major() {
  local bin="$1" home="$2" data_major bin_major
  data_major="$(<"$home/data/PG_VERSION")"
  bin_major="$("$bin/postgres" --version | awk '{print $3}' | cut -d. -f1)" # "postgres (PostgreSQL) 15.18 ..."
  [[ "$data_major" == "$bin_major" ]] ||
    die "cluster in $home/data is PostgreSQL $data_major but $bin is $bin_major; set CP_PG_BIN=/usr/lib/postgresql/$data_major/bin or delete the cluster (down --purge)"
}

# The machine's memory in MB and its cores, as this process may use them: the smaller of RAM and a cgroup v2 memory
# limit (a container's), and nproc (which honours CPU affinity and cpusets).
machine_memory_mb() {
  local mem limit
  mem="$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)"
  limit="$(cat /sys/fs/cgroup/memory.max 2>/dev/null || echo max)"
  if [[ "$limit" =~ ^[0-9]+$ ]] && ((limit / 1048576 < mem)); then
    mem=$((limit / 1048576))
  fi
  echo "$mem"
}

clamp() { # clamp VALUE MIN MAX
  local v="$1"
  ((v < $2)) && v="$2"
  ((v > $3)) && v="$3"
  echo "$v"
}

# Settings derived from the machine (deploy/README.md, "PostgreSQL settings", says why each is what it is). The whole
# stack shares the machine, so PostgreSQL is given half of its memory (CP_PG_MEMORY_MB overrides) and tuned like a
# server of that size: a quarter of it as shared_buffers, three quarters as the planner's estimate of cached data.
# CP_PG_CORES and CP_PG_MAX_CONNECTIONS override the cores and the connection limit.
pg_settings() {
  local memory cores budget shared cache work maintenance connections
  memory="$(machine_memory_mb)"
  cores="${CP_PG_CORES:-$(nproc)}"
  budget="${CP_PG_MEMORY_MB:-$((memory / 2))}"
  # Four services x 16 pooled connections, twice over for deploy/local/two-instance-test.sh, plus pgbench (16),
  # psql and Flyway: 200 leaves room.
  connections="${CP_PG_MAX_CONNECTIONS:-200}"
  shared="$(clamp $((budget / 4)) 128 8192)"
  cache="$(clamp $((budget * 3 / 4)) 256 65536)"
  # Each connection may sort or hash a few times at once: what shared_buffers leaves of the budget, over twice the
  # connections, so every connection busy at once still fits.
  work="$(clamp $(((budget - shared) / (connections * 2))) 4 64)"
  maintenance="$(clamp $((budget / 16)) 64 1024)"
  cat <<CONF
# Derived from this machine: ${memory} MB of memory (PostgreSQL's share ${budget} MB), ${cores} cores.
max_connections = $connections
shared_buffers = ${shared}MB
effective_cache_size = ${cache}MB
work_mem = ${work}MB
maintenance_work_mem = ${maintenance}MB
max_worker_processes = $((cores > 8 ? cores : 8))
max_parallel_workers = $cores
# A parallel worker takes a core from the services on a small machine, and a lookup is too short to gain from one.
max_parallel_workers_per_gather = $((cores / 4))
max_parallel_maintenance_workers = $(clamp $((cores / 2)) 1 4)
# Durability stays on: an accepted record or a lookup's audit event must survive a crash once acknowledged.
synchronous_commit = on
# The planner chooses custom or generic plans per prepared statement (auto); forcing generic plans would cost the
# name searches, where a common name and a rare one want different plans.
# (identity, involvement and audit force custom plans on their own connections, the gateway for its polls: deploy/README.md.)
plan_cache_mode = auto
# JIT compiles a query whose estimated cost passes jit_above_cost, adding tens of ms to that one lookup.
jit = off
# A checkpoint every 15 minutes or 4 GB of WAL, spread over 90 % of the interval: fewer full-page images during a
# bulk load and no I/O spike.
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9
max_wal_size = 4GB
min_wal_size = 512MB
wal_compression = on
# Solid-state storage: a random read costs little more than a sequential one.
random_page_cost = 1.1
effective_io_concurrency = 200
CONF
}

write_conf() {
  local home="$1"
  {
    echo "# Written by deploy/local/postgres.sh on every start; set CP_PG_PORT, CP_PG_MEMORY_MB, CP_PG_CORES instead."
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $CP_PG_PORT"
    echo "unix_socket_directories = '$home/run'"
    pg_settings
  } >"$home/data/contactpoint.conf"
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$home/data/contactpoint.conf"
  return 0
}

psql_super() {
  local bin="$1" home="$2" db="$3"
  shift 3
  as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$home/run" -p "$CP_PG_PORT" -U postgres -d "$db" "$@"
}

provision() {
  local bin="$1" home="$2" db role var
  cp_load_secrets
  for db in "${CP_DATABASES[@]}"; do
    role="${db}_svc"
    var="CP_${db^^}_DB_PASSWORD"
    # Idempotent: create when missing, then (re)assert password and ownership every start, so an
    # edited secrets.env takes effect. Only the owner may connect.
    # Values go in through stdin, not argv, so the password never shows up in ps.
    psql_super "$bin" "$home" postgres <<SQL
\\set role '$role'
\\set db '$db'
\\set pw '${!var}'
SELECT format('CREATE ROLE %I LOGIN', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \\gexec
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'pw';
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0', :'db', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \\gexec
ALTER DATABASE :"db" OWNER TO :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
    # As superuser, so the service roles need no extra rights (Flyway's
    # CREATE EXTENSION IF NOT EXISTS then finds them present).
    local ext sql=""
    for ext in "${PG_EXTENSIONS[@]}"; do sql+="CREATE EXTENSION IF NOT EXISTS $ext SCHEMA public;"; done
    psql_super "$bin" "$home" "$db" -c "SET client_min_messages = warning; $sql"
  done
  provision_audit_owner "$bin" "$home"
  log "databases ready: ${CP_DATABASES[*]} (roles <db>_svc, passwords in $CP_SECRETS)"
}

# The audit trail must be append-only for the service itself, so audit-service must not own its tables (an owner
# can drop the trigger or re-grant itself UPDATE). audit_owner owns the database and runs the Flyway migrations;
# audit_svc, the role the running service connects as, gets ordinary privileges by default, and the audit
# migration revokes UPDATE, DELETE and TRUNCATE on audit_record from it. Re-run on every start: idempotent, and it
# also converts a cluster made before this split.
provision_audit_owner() {
  local bin="$1" home="$2"
  psql_super "$bin" "$home" postgres <<SQL
\\set pw '${CP_AUDIT_OWNER_DB_PASSWORD}'
SELECT 'CREATE ROLE audit_owner LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'audit_owner') \\gexec
ALTER ROLE audit_owner WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'pw';
ALTER DATABASE audit OWNER TO audit_owner;
GRANT CONNECT ON DATABASE audit TO audit_svc;
SQL
  psql_super "$bin" "$home" audit <<'SQL'
SET client_min_messages = warning;
REASSIGN OWNED BY audit_svc TO audit_owner;
ALTER SCHEMA public OWNER TO audit_owner;
GRANT USAGE ON SCHEMA public TO audit_svc;
ALTER DEFAULT PRIVILEGES FOR ROLE audit_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO audit_svc;
ALTER DEFAULT PRIVILEGES FOR ROLE audit_owner IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO audit_svc;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO audit_svc;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO audit_svc;
DO $$
BEGIN
  IF to_regclass('public.audit_record') IS NOT NULL THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_record FROM audit_svc;
  END IF;
END $$;
SQL
}

cmd_start() {
  cp_ensure_dirs
  local bin home
  bin="$(pg_bin)"
  home="$(pg_home)"
  pg_prepare_dirs "$home"
  ensure_secrets
  if pg_running "$bin" "$home"; then
    log "already running on 127.0.0.1:$CP_PG_PORT"
  else
    [[ -f "$home/data/PG_VERSION" ]] || initdb_cluster "$bin" "$home"
    check_major "$bin" "$home"
    write_conf "$home"
    if port_open 127.0.0.1 "$CP_PG_PORT"; then
      die "port $CP_PG_PORT is taken by another process; set CP_PG_PORT"
    fi
    log "starting $("$bin/postgres" --version) on 127.0.0.1:$CP_PG_PORT"
    as_pg "$bin/pg_ctl" start -D "$home/data" -l "$home/postgres.log" -w -t 60 >/dev/null ||
      { tail -n 30 "$home/postgres.log" >&2; die "pg_ctl start failed"; }
  fi
  provision "$bin" "$home"
}

cmd_stop() {
  local bin home
  bin="$(find_pg_bin || true)"
  if [[ -z "$bin" || ! -e "$CP_STATE/pg" ]]; then
    log "not running"
    return 0
  fi
  home="$(pg_home)"
  if pg_running "$bin" "$home"; then
    log "stopping"
    as_pg "$bin/pg_ctl" stop -D "$home/data" -m fast -w -t 60 >/dev/null
  else
    log "not running"
  fi
}

cmd_status() {
  local bin home
  bin="$(find_pg_bin || true)"
  if [[ -z "$bin" || ! -e "$CP_STATE/pg" ]]; then
    echo "postgres: not initialised"
    return 3
  fi
  home="$(pg_home)"
  if pg_running "$bin" "$home" && as_pg "$bin/pg_isready" -q -h 127.0.0.1 -p "$CP_PG_PORT"; then
    echo "postgres: running on 127.0.0.1:$CP_PG_PORT (data $home/data, databases ${CP_DATABASES[*]})"
  else
    echo "postgres: stopped (data $home/data)"
    return 3
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
