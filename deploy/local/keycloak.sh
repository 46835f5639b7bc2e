#!/usr/bin/env bash
# Local Keycloak, the OpenID Connect provider the services accept tokens from, on 127.0.0.1:$CP_KEYCLOAK_PORT, from
# Keycloak's server distribution on Maven Central (org.keycloak:keycloak-quarkus-dist, through the Maven wrapper), its
# own file database under .local/keycloak. Usage:
#   deploy/local/keycloak.sh start|stop|status
#   deploy/local/keycloak.sh secret CLIENT     a system client's secret (client credentials), for scripts
# The realm 'contactpoint' is written from deploy/local/keycloak/realm.json (roles, claim mappers, the page's and the
# token script's clients) and deploy/local/demo-users (people become users with a password; systems, those with the
# feed-system, case-management or agency-system role, become clients with a secret and a service account). It signs
# with the local key pair (keys.sh), so the tokens the demo page and the bench mint with that key verify as its own.
# A changed demo-users file, realm file or key imports the realm afresh (the local users' sessions are lost).
set -euo pipefail
CP_LOG_TAG=keycloak
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KC_VERSION=26.4.0
KC_BASE="$CP_STATE/keycloak"
KC_HOME="$KC_BASE/keycloak-$KC_VERSION"
KC_PID="$CP_PIDS/keycloak.pid"
KC_LOG="$CP_LOGS/keycloak.log"
KC_REALM_TEMPLATE="$CP_LOCAL_DIR/keycloak/realm.json"
KC_IMPORT="$KC_HOME/data/import/contactpoint-realm.json"
KC_READY_TIMEOUT="${CP_KEYCLOAK_READY_TIMEOUT:-300}"
# Appears in Keycloak's command line (its home directory): proves a pid is our Keycloak, not a reused pid.
KC_MARKER="$KC_HOME"

ensure_dist() {
  [[ -x "$KC_HOME/bin/kc.sh" ]] && return 0
  require_cmd unzip
  log "fetching Keycloak $KC_VERSION from Maven Central (org.keycloak:keycloak-quarkus-dist, zip)"
  mkdir -p "$KC_BASE"
  (cd "$CP_ROOT" && ./mvnw -B -q -N dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
    -DoutputDirectory="$KC_BASE" -Dmdep.overWriteReleases=true) || die "could not fetch Keycloak (see Maven output above)"
  rm -rf "$KC_HOME.tmp"
  mkdir -p "$KC_HOME.tmp"
  unzip -q "$KC_BASE/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$KC_HOME.tmp"
  mv "$KC_HOME.tmp/keycloak-$KC_VERSION" "$KC_HOME"
  rm -rf "$KC_HOME.tmp" "$KC_BASE/keycloak-quarkus-dist-$KC_VERSION.zip"
}

# One secret per system client and a password shared by the demo people, generated once, never committed.
ensure_secrets() {
  mkdir -p "$KC_BASE"
  chmod 700 "$KC_BASE"
  local file="$KC_BASE/secrets.env"
  touch "$file"
  chmod 600 "$file"
  local name
  for name in DEMO_PASSWORD ADMIN_PASSWORD $(system_clients | tr 'a-z-' 'A-Z_' | sed 's/^/CLIENT_/'); do
    grep -q "^$name=" "$file" || echo "$name=$(openssl rand -hex 20)" >>"$file"
  done
}

secret_of() {
  local name="$1"
  sed -n "s/^$name=//p" "$KC_BASE/secrets.env"
}

# Demo users whose roles make them a system (client credentials), one username a line.
system_clients() {
  grep -vE '^\s*(#|$)' "$CP_DEMO_USERS" | awk -F'|' '$3 ~ /(^|,)(feed-system|case-management|agency-system)(,|$)/ {print $1}'
  echo other-api-client
  echo contactpoint-accounts
}

# The realm to import: the template, plus the key pair, the demo users and one client per system.
write_realm() {
  local certificate users
  certificate="$KC_BASE/certificate.pem"
  if [[ ! -s "$certificate" || "$CP_JWT_DIR/private.pem" -nt "$certificate" ]]; then
    openssl req -new -x509 -key "$CP_JWT_DIR/private.pem" -subj "/CN=contactpoint-local" -days 3650 \
      -out "$certificate" 2>/dev/null
  fi
  # username|name|roles|org|org_code|la -> JSON lines
  users="$(grep -vE '^\s*(#|$)' "$CP_DEMO_USERS" | tr -d '\r' | jq -R -c 'split("|") | {
      username: .[0], name: .[1], roles: (.[2] | split(",") | map(select(length > 0))),
      org: .[3], org_code: .[4], la: .[5]}' | jq -s -c .)"
  mkdir -p "$(dirname "$KC_IMPORT")"
  jq --argjson users "$users" \
    --arg key "$(sed '/-----/d' "$CP_JWT_DIR/private.pem" | tr -d '\n')" \
    --arg cert "$(sed '/-----/d' "$certificate" | tr -d '\n')" \
    --arg password "$(secret_of DEMO_PASSWORD)" \
    --arg gateway "http://127.0.0.1:$CP_GATEWAY_PORT" \
    --arg gatewayByName "http://localhost:$CP_GATEWAY_PORT" \
    --arg otherSecret "$(secret_of CLIENT_OTHER_API_CLIENT)" \
    --arg accountsSecret "$(secret_of CLIENT_CONTACTPOINT_ACCOUNTS)" \
    --argjson secrets "$(sed -n 's/^CLIENT_\([A-Z0-9_]*\)=\(.*\)$/\1 \2/p' "$KC_BASE/secrets.env" |
      jq -R -c 'split(" ") | {(.[0]): .[1]}' | jq -s -c 'add // {}')" '
    def system: .roles | any(. == "feed-system" or . == "case-management" or . == "agency-system");
    def attributes: {display_name: [.name], org: [.org], org_code: [.org_code], la: [.la]}
      | with_entries(select(.value[0] != ""));
    .components["org.keycloak.keys.KeyProvider"][0].config.privateKey = [$key]
    | .components["org.keycloak.keys.KeyProvider"][0].config.certificate = [$cert]
    | (.clients[] | select(.clientId == "contactpoint-page")) |= (.redirectUris = [$gateway + "/*", $gatewayByName + "/*"]
        | .attributes["post.logout.redirect.uris"] = ($gateway + "/*##" + $gatewayByName + "/*"))
    | (.clients[] | select(.clientId == "other-api-client")) |= (.secret = $otherSecret)
    | (.clients[] | select(.clientId == "contactpoint-accounts")) |= (.secret = $accountsSecret)
    | .clients += [$users[] | select(system) | {
        clientId: .username, name: .name, enabled: true, publicClient: false,
        clientAuthenticatorType: "client-secret", secret: $secrets[.username | ascii_upcase | gsub("-"; "_")],
        standardFlowEnabled: false,
        directAccessGrantsEnabled: false, serviceAccountsEnabled: true, protocol: "openid-connect",
        fullScopeAllowed: true, defaultClientScopes: ["basic", "contactpoint", "contactpoint-api"],
        optionalClientScopes: [],
        protocolMappers: [{name: "system", protocol: "openid-connect", protocolMapper: "oidc-hardcoded-claim-mapper",
          config: {"claim.name": "system", "claim.value": "true", "jsonType.label": "boolean",
                   "access.token.claim": "true", "introspection.token.claim": "true"}}]}]
    | .users = ([$users[] | select(system | not) | {
        id: .username, username: .username, enabled: true, attributes: attributes, realmRoles: .roles,
        credentials: [{type: "password", value: $password, temporary: false}]}]
      + [$users[] | select(system) | {
        id: .username, username: ("service-account-" + .username), enabled: true,
        serviceAccountClientId: .username, attributes: attributes, realmRoles: .roles}]
      + [{id: "other-api-client", username: "service-account-other-api-client", enabled: true,
          serviceAccountClientId: "other-api-client", realmRoles: ["practitioner"],
          attributes: {display_name: ["Another service'\''s system"], org: ["Another Service"],
                       org_code: ["OTHER"], la: ["E09000019"]}}]
      + [{id: "contactpoint-accounts", username: "service-account-contactpoint-accounts", enabled: true,
          serviceAccountClientId: "contactpoint-accounts",
          clientRoles: {"realm-management": ["manage-users", "view-users", "query-users"]}}])
    ' "$KC_REALM_TEMPLATE" >"$KC_IMPORT.tmp"
  chmod 600 "$KC_IMPORT.tmp"
  # A realm is imported only when it does not exist yet: a changed realm starts from a fresh database.
  if [[ -f "$KC_IMPORT" ]] && ! cmp -s "$KC_IMPORT" "$KC_IMPORT.tmp"; then
    log "the realm changed (demo users, realm file or key): importing it afresh"
    rm -rf "$KC_HOME/data/h2"
  fi
  mv "$KC_IMPORT.tmp" "$KC_IMPORT"
}

cmd_start() {
  cp_ensure_dirs
  command -v java >/dev/null 2>&1 || die "java not found; install a JDK 17+"
  require_cmd jq
  require_cmd openssl
  if pid_alive "$KC_PID" "$KC_MARKER"; then
    log "already running on $CP_KEYCLOAK_ISSUER (pid $(<"$KC_PID"))"
    return 0
  fi
  port_open 127.0.0.1 "$CP_KEYCLOAK_PORT" && die "port $CP_KEYCLOAK_PORT is taken by another process; set CP_KEYCLOAK_PORT"
  [[ -s "$CP_JWT_DIR/private.pem" ]] || "$CP_LOCAL_DIR/keys.sh"
  ensure_dist
  ensure_secrets
  write_realm
  log "starting Keycloak $KC_VERSION on 127.0.0.1:$CP_KEYCLOAK_PORT (log $KC_LOG)"
  # start-dev: plain HTTP and a file database, for one machine only. The hostname fixes the issuer whatever address a
  # client uses. Health and metrics stay off, so no management port opens beside the HTTP one.
  spawn "$KC_PID" "$KC_LOG" env JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$(secret_of ADMIN_PASSWORD)" \
    "$KC_HOME/bin/kc.sh" start-dev --import-realm --db=dev-file --http-host=127.0.0.1 \
    --http-port="$CP_KEYCLOAK_PORT" --hostname="http://127.0.0.1:$CP_KEYCLOAK_PORT" --health-enabled=false \
    --metrics-enabled=false --log-level=WARN,org.keycloak.services:INFO
  local deadline=$((SECONDS + KC_READY_TIMEOUT))
  until curl -sf -o /dev/null --max-time 5 "$CP_KEYCLOAK_ISSUER/.well-known/openid-configuration"; do
    if ! pid_alive "$KC_PID" "$KC_MARKER"; then
      tail -n 40 "$KC_LOG" >&2
      die "Keycloak exited during start-up (log above)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 40 "$KC_LOG" >&2
      die "Keycloak not ready after ${KC_READY_TIMEOUT}s; it is left running, see $KC_LOG"
    fi
    sleep 1
  done
  log "ready: issuer $CP_KEYCLOAK_ISSUER (pid $(<"$KC_PID")); admin console user 'admin', password in $KC_BASE/secrets.env"
}

cmd_stop() {
  stop_pid "$KC_PID" "$KC_MARKER" keycloak 60
}

cmd_status() {
  if pid_alive "$KC_PID" "$KC_MARKER" && port_open 127.0.0.1 "$CP_KEYCLOAK_PORT"; then
    echo "keycloak: running, issuer $CP_KEYCLOAK_ISSUER (pid $(<"$KC_PID"))"
  else
    echo "keycloak: stopped"
    return 3
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  secret)
    [[ $# -eq 2 ]] || die "usage: $0 secret CLIENT"
    # Generated here if missing (what start would do first), so a service can be given its secret before Keycloak is up.
    ensure_secrets
    value="$(secret_of "CLIENT_$(echo "$2" | tr 'a-z-' 'A-Z_')")"
    [[ -n "$value" ]] || die "no secret for client '$2' (is it a system in demo-users, and has keycloak.sh start run?)"
    echo "$value"
    ;;
  *)
    echo "usage: $0 start|stop|status|secret CLIENT" >&2
    exit 2
    ;;
esac
