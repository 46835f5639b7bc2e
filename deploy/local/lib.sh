# shellcheck shell=bash
# Shared settings and helpers for the deploy/local scripts. Source it; do not run it.
# Everything the local stack writes lives under $CP_STATE (<repo>/.local, gitignored), so
# `down --purge` can remove it all in one go.

# Callers set -euo pipefail themselves; repeat it so a helper sourced alone behaves the same.
set -euo pipefail

CP_LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# deploy/local -> repo root; not `git rev-parse`, so a plain tarball of the repo works too.
CP_ROOT="$(cd "$CP_LOCAL_DIR/../.." && pwd -P)"
# Absolute, since the services run from their own directories (see deploy/local/up) and read paths under it.
CP_STATE="$(realpath -m "${CP_STATE:-$CP_ROOT/.local}")"
CP_LOGS="$CP_STATE/logs"
CP_PIDS="$CP_STATE/pids"
CP_SECRETS="$CP_STATE/secrets.env"
CP_JWT_DIR="$CP_STATE/jwt"

# Non-default ports, so the stack can run beside a developer's own PostgreSQL/Kafka/Quarkus dev mode. All of them
# lie below Linux's ephemeral range (32768-60999): a port in that range can be held by the local end of any
# outgoing connection, which makes the server's bind fail (CI once failed on 55432, the old default, that way).
CP_PG_PORT="${CP_PG_PORT:-15432}"
CP_KAFKA_PORT="${CP_KAFKA_PORT:-19092}"
CP_KAFKA_CONTROLLER_PORT="${CP_KAFKA_CONTROLLER_PORT:-19093}"
CP_GATEWAY_PORT="${CP_GATEWAY_PORT:-18080}"
CP_IDENTITY_PORT="${CP_IDENTITY_PORT:-18081}"
CP_INVOLVEMENT_PORT="${CP_INVOLVEMENT_PORT:-18082}"
CP_AUDIT_PORT="${CP_AUDIT_PORT:-18083}"
CP_KEYCLOAK_PORT="${CP_KEYCLOAK_PORT:-18084}"

# The services accept tokens from the local Keycloak's realm (keycloak.sh), verified by its JWKS; the realm signs with
# the key pair in $CP_JWT_DIR (keys.sh), which the demo page and the bench sign their own tokens with too.
CP_KEYCLOAK_ISSUER="http://127.0.0.1:$CP_KEYCLOAK_PORT/realms/contactpoint"
CP_JWT_ISSUER="$CP_KEYCLOAK_ISSUER"
CP_JWT_JWKS_URL="$CP_KEYCLOAK_ISSUER/protocol/openid-connect/certs"
CP_JWT_AUDIENCE="contactpoint"
CP_DEMO_USERS="${CP_DEMO_USERS:-$CP_LOCAL_DIR/demo-users}"

# Service module -> database name. The role is <db>_svc; the port comes from cp_service_port.
CP_SERVICES=(identity-service involvement-service audit-service search-gateway)
declare -A CP_SERVICE_DB=(
  [identity-service]=identity
  [involvement-service]=involvement
  [audit-service]=audit
  [search-gateway]=gateway
)
CP_DATABASES=(identity involvement audit gateway)

# A service's runnable jar (an uber-jar, see quarkus.package.jar.type in its application.properties). Its path in a
# process's command line is how the scripts tell our service from anything else with the same pid.
cp_service_jar() {
  local jars=("$CP_ROOT/$1/target/$1"-*-runner.jar)
  echo "${jars[0]}"
}

# The newest of the services' jars that are built (any holds service-support, e.g. its TokenMinter); fails when none is.
cp_any_service_jar() {
  local svc jar newest=""
  for svc in "${CP_SERVICES[@]}"; do
    jar="$(cp_service_jar "$svc")"
    [[ -f "$jar" && ( -z "$newest" || "$jar" -nt "$newest" ) ]] && newest="$jar"
  done
  [[ -n "$newest" ]] && echo "$newest"
}

# True when every service's jar is built, so `up --no-build` can start them as they are.
cp_service_jars_built() {
  local svc
  for svc in "${CP_SERVICES[@]}"; do
    [[ -f "$(cp_service_jar "$svc")" ]] || return 1
  done
}

# The class-data archive deploy/local/up records for a service's jar, and whether it is there and newer than the jar.
cp_class_archive() { echo "$CP_ROOT/$1/target/$1.jsa"; }
cp_class_archive_fresh() {
  local cds jar
  cds="$(cp_class_archive "$1")"
  jar="$(cp_service_jar "$1")"
  [[ -s "$cds" && "$cds" -nt "$jar" ]]
}

cp_service_port() {
  case "$1" in
    identity-service) echo "$CP_IDENTITY_PORT" ;;
    involvement-service) echo "$CP_INVOLVEMENT_PORT" ;;
    audit-service) echo "$CP_AUDIT_PORT" ;;
    search-gateway) echo "$CP_GATEWAY_PORT" ;;
    *) die "unknown service: $1" ;;
  esac
}

# A service's management port (health and metrics, quarkus.management): its HTTP port + 100, so that a stack moved to
# another block of ports, or a second instance, moves its management port with it.
cp_management_port() { echo $(($(cp_service_port "$1") + 100)); }

# --- logging (to stderr, so stdout stays clean for values such as a token) ---
if [[ -t 2 ]]; then _cp_b=$'\e[1m' _cp_r=$'\e[31m' _cp_y=$'\e[33m' _cp_0=$'\e[0m'; else _cp_b='' _cp_r='' _cp_y='' _cp_0=''; fi
log() { printf '%s[%s]%s %s\n' "$_cp_b" "${CP_LOG_TAG:-local}" "$_cp_0" "$*" >&2; }
warn() { printf '%s[%s] WARN%s %s\n' "$_cp_y" "${CP_LOG_TAG:-local}" "$_cp_0" "$*" >&2; }
die() { printf '%s[%s] ERROR%s %s\n' "$_cp_r" "${CP_LOG_TAG:-local}" "$_cp_0" "$*" >&2; exit 1; }

cp_ensure_dirs() {
  mkdir -p "$CP_STATE" "$CP_LOGS" "$CP_PIDS"
}

# --- processes ---
# pid_alive PIDFILE [MARKER]: true when the pid file names a live process whose command line
# contains MARKER. The marker guards against a stale pid file whose number the kernel reused.
pid_alive() {
  local pidfile="$1" marker="${2:-}" pid
  [[ -s "$pidfile" ]] || return 1
  pid="$(<"$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  [[ -z "$marker" ]] && return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker"
}

# spawn PIDFILE LOGFILE CMD...: start CMD detached (own session, so a Ctrl-C in the calling terminal
# does not reach it) and write its real pid. The inner bash execs CMD, keeping the pid it wrote.
spawn() {
  local pidfile="$1" logfile="$2"
  shift 2
  rm -f "$pidfile"
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" >>"$logfile" 2>&1 </dev/null &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.1
  done
  die "process did not start: $*"
}

# stop_pid PIDFILE MARKER NAME [TIMEOUT]: SIGTERM, wait, then SIGKILL. Only touches our own process.
stop_pid() {
  local pidfile="$1" marker="$2" name="$3" timeout="${4:-30}" pid i
  if ! pid_alive "$pidfile" "$marker"; then
    [[ -e "$pidfile" ]] && rm -f "$pidfile"
    log "$name: not running"
    return 0
  fi
  pid="$(<"$pidfile")"
  log "$name: stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    [[ -d "/proc/$pid" ]] || break
    sleep 0.1
  done
  if [[ -d "/proc/$pid" ]]; then
    warn "$name: still running after ${timeout}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pidfile"
}

# --- start the stack if needed, stop only what we started ---
# A test script calls cp_stack_note_running before it starts anything (deploy/local/up starts only what is not
# running) and cp_stack_stop_started when it ends (in its EXIT trap): a stack the developer had running survives the run.
cp_service_running() { pid_alive "$CP_PIDS/$1.pid" "$(cp_service_jar "$1")"; }
declare -gA CP_STACK_WAS_RUNNING=()
cp_stack_note_running() {
  local svc
  CP_STACK_WAS_RUNNING=()
  "$CP_LOCAL_DIR/postgres.sh" status >/dev/null 2>&1 && CP_STACK_WAS_RUNNING[postgres]=1
  "$CP_LOCAL_DIR/kafka.sh" status >/dev/null 2>&1 && CP_STACK_WAS_RUNNING[kafka]=1
  "$CP_LOCAL_DIR/keycloak.sh" status >/dev/null 2>&1 && CP_STACK_WAS_RUNNING[keycloak]=1
  for svc in "${CP_SERVICES[@]}"; do
    cp_service_running "$svc" && CP_STACK_WAS_RUNNING[$svc]=1
  done
  return 0
}
# Services first (in reverse start order), then the broker and the database they were using. Never fails, so an
# EXIT trap goes on to print its summary.
cp_stack_stop_started() {
  local i svc
  for ((i = ${#CP_SERVICES[@]} - 1; i >= 0; i--)); do
    svc="${CP_SERVICES[i]}"
    [[ -n "${CP_STACK_WAS_RUNNING[$svc]:-}" ]] || stop_pid "$CP_PIDS/$svc.pid" "$(cp_service_jar "$svc")" "$svc" 30 || true
  done
  [[ -n "${CP_STACK_WAS_RUNNING[keycloak]:-}" ]] || "$CP_LOCAL_DIR/keycloak.sh" stop || true
  [[ -n "${CP_STACK_WAS_RUNNING[kafka]:-}" ]] || "$CP_LOCAL_DIR/kafka.sh" stop || true
  [[ -n "${CP_STACK_WAS_RUNNING[postgres]:-}" ]] || "$CP_LOCAL_DIR/postgres.sh" stop || true
}

# --- network ---
port_open() {
  # bash's /dev/tcp avoids needing nc; the subshell closes the descriptor again.
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# port_in_use PORT: something on this machine holds the local port: a listener, or the local end of a connection,
# which a connect test cannot see but which makes a server's bind fail all the same when it is a client's. (A killed
# server's own lingering connections count too, though they would not stop its restart: so the start commands keep
# to port_open, and only the choice of ports for a test stack uses this.) TIME_WAIT does not count.
port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Htan exclude time-wait "( sport = :$1 )" 2>/dev/null)" ]] && return 0
  fi
  port_open 127.0.0.1 "$1"
}

# cp_test_ports_free_or_move: for the test suites (test-all). When this checkout's own stack is not running and any
# of the stack's ports is in use (another checkout's stack or a CI job on a shared machine), move the whole test stack
# to a block of free ports with its own state directory, so a busy port never fails the run.
CP_STACK_PORT_VARS=(CP_PG_PORT CP_KAFKA_PORT CP_KAFKA_CONTROLLER_PORT CP_GATEWAY_PORT CP_IDENTITY_PORT
  CP_INVOLVEMENT_PORT CP_AUDIT_PORT CP_IDENTITY_PORT_2 CP_GATEWAY_PORT_2 CP_KEYCLOAK_PORT)
cp_test_ports_free_or_move() {
  local var busy="" base attempt i
  export CP_IDENTITY_PORT_2="${CP_IDENTITY_PORT_2:-$((CP_IDENTITY_PORT + 33))}"
  export CP_GATEWAY_PORT_2="${CP_GATEWAY_PORT_2:-$((CP_GATEWAY_PORT + 36))}"
  if "$CP_LOCAL_DIR/postgres.sh" status >/dev/null 2>&1 || "$CP_LOCAL_DIR/kafka.sh" status >/dev/null 2>&1; then
    return 0 # this checkout's stack is up: the suites use it on its ports
  fi
  for var in "${CP_STACK_PORT_VARS[@]}"; do
    port_in_use "${!var}" && busy+=" $var=${!var}"
  done
  [[ -z "$busy" ]] && return 0
  for ((attempt = 0; attempt < 100; attempt++)); do
    base=$((20000 + (RANDOM % 1200) * 10))
    for ((i = 0; i < ${#CP_STACK_PORT_VARS[@]}; i++)); do
      port_in_use $((base + i)) && continue 2
    done
    for ((i = 0; i < ${#CP_STACK_PORT_VARS[@]}; i++)); do
      export "${CP_STACK_PORT_VARS[i]}=$((base + i))"
    done
    export CP_STATE="$CP_STATE/test-ports-$base"
    CP_LOGS="$CP_STATE/logs" CP_PIDS="$CP_STATE/pids" CP_SECRETS="$CP_STATE/secrets.env" CP_JWT_DIR="$CP_STATE/jwt"
    CP_KEYCLOAK_ISSUER="http://127.0.0.1:$CP_KEYCLOAK_PORT/realms/contactpoint"
    CP_JWT_ISSUER="$CP_KEYCLOAK_ISSUER" CP_JWT_JWKS_URL="$CP_KEYCLOAK_ISSUER/protocol/openid-connect/certs"
    warn "in use:$busy; the test stack moves to ports $base-$((base + i - 1)) with its state in $CP_STATE"
    return 0
  done
  die "in use:$busy, and no block of ${#CP_STACK_PORT_VARS[@]} free ports found in 20000-32000"
}

# wait_for_port HOST PORT TIMEOUT_SECONDS [PIDFILE MARKER]: fails early if the owning process dies.
wait_for_port() {
  local host="$1" port="$2" timeout="$3" pidfile="${4:-}" marker="${5:-}" deadline
  deadline=$((SECONDS + timeout))
  until port_open "$host" "$port"; do
    if [[ -n "$pidfile" ]] && ! pid_alive "$pidfile" "$marker"; then
      return 1
    fi
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# --- secrets ---
cp_load_secrets() {
  [[ -r "$CP_SECRETS" ]] || die "no $CP_SECRETS yet; run deploy/local/postgres.sh start first"
  # shellcheck disable=SC1090
  source "$CP_SECRETS"
}

# require_cmd CMD [DEBIAN_PACKAGE]: install the package when the command is missing (root only).
require_cmd() {
  local cmd="$1" pkg="${2:-$1}"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  apt_install "$pkg"
  command -v "$cmd" >/dev/null 2>&1 || die "$cmd still missing after installing $pkg"
}

apt_install() {
  [[ "$(id -u)" == 0 ]] || die "need root to apt-get install $*"
  log "installing Debian package(s): $*"
  # The package lists may be absent on a fresh machine; refresh them once per run.
  if [[ -z "${_CP_APT_UPDATED:-}" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    _CP_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confold "$@" >&2
}
