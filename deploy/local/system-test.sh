#!/usr/bin/env bash
# End-to-end system test over the real local stack (PostgreSQL, Kafka, Keycloak, the four services): signs in
# through Keycloak, registers a fresh child, finds it through the gateway, checks the audit trail and an
# involvement, and checks the error contract and the tokens every service refuses. Prints PASS/FAIL per step and closes with "N passed, M failed"; exits non-zero
# on any failure. Starts the stack if needed and then stops only what it started.
#   deploy/local/system-test.sh
set -euo pipefail
CP_LOG_TAG=system-test
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd curl
require_cmd jq
require_cmd openssl

GATEWAY="http://127.0.0.1:$CP_GATEWAY_PORT"
IDENTITY="http://127.0.0.1:$CP_IDENTITY_PORT"
INVOLVEMENT="http://127.0.0.1:$CP_INVOLVEMENT_PORT"
AUDIT="http://127.0.0.1:$CP_AUDIT_PORT"
WAIT="${CP_SYSTEM_TEST_WAIT:-30}"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

tmp="$(mktemp -d)"

# What is running before we start, so we stop only the rest afterwards.
cp_stack_note_running

finish() {
  local rc=$?
  cp_stack_stop_started
  rm -rf "$tmp"
  # Last line of output, for humans and CI alike.
  echo "$passed passed, $failed failed"
  if ((failed > 0 || rc != 0)); then exit 1; fi
  exit 0
}
trap finish EXIT

# --- start the stack ---
# The checks below poll the gateway as one user about once a second; the default per-minute quota is for people.
export CP_GATEWAY_QUOTA_PER_MINUTE="${CP_GATEWAY_QUOTA_PER_MINUTE:-600}"
up_args=(--no-demo-data)
cp_service_jars_built && up_args+=(--no-build)
log "starting the stack: deploy/local/up ${up_args[*]}"
if "$CP_LOCAL_DIR/up" "${up_args[@]}" >"$tmp/up.out" 2>&1; then
  pass "stack is up (postgres, kafka, keycloak, 4 services ready)"
else
  cat "$tmp/up.out"
  fail "stack is up (see output above)"
  exit 1
fi

# --- helpers ---
tok() { "$CP_LOCAL_DIR/token" --ttl 900 "$1"; }
TEACHER="$(tok teacher)"
CASE_SYSTEM="$(tok case-system)"
# An agency credential submits only for its token's organisation: Hillside Primary School's system, for (e) and (f).
HILLSIDE_MIS="$(tok hillside-mis)"
AUDITOR="$(tok auditor)"

# req METHOD URL TOKEN|- [JSON] -> sets $status, $ctype, $body. Gateway calls carry a purpose of use.
req() {
  local method="$1" url="$2" token="$3" data="${4:-}" args=()
  args=(-sS -X "$method" -o "$tmp/body" -w '%{http_code} %{content_type}' --max-time 20
    -H 'Accept: application/json' -H 'X-Purpose-Of-Use: DIRECT_CARE')
  [[ "$token" != - ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n "$data" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  [[ -n "${TRACEPARENT:-}" ]] && args+=(-H "traceparent: $TRACEPARENT")
  local out
  out="$(curl "${args[@]}" "$url" 2>"$tmp/curl.err" || true)"
  status="${out%% *}"
  ctype="${out#* }"
  [[ -n "$status" ]] || status=000
  body="$(cat "$tmp/body" 2>/dev/null || true)"
  rm -f "$tmp/body"
}

# eventually SECONDS FUNCTION: retry until it succeeds or time runs out.
eventually() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
}

short() { printf '%s' "$1" | tr -d '\n' | cut -c1-300; }

# A child no earlier run registered: a random letters-only surname and a random date of birth.
suffix="$(openssl rand -hex 5 | tr '0-9' 'g-p')"
family="Sys${suffix}"
# A given name and postcode of its own too, so the matcher cannot take it for a child an earlier run registered.
given="Test$(openssl rand -hex 3 | tr '0-9' 'g-p')"
postcode="N$((1 + RANDOM % 20)) $((1 + RANDOM % 9))$(printf '%s' ABDEFGHJLNPQRSTUWXYZ | fold -w1 | shuf -n2 | tr -d '\n')"
# Dates of birth relative to today: a fixed year would age past 18 and be refused at registration.
this_year="$(date -u +%Y)"
dob="$(printf '%04d-%02d-%02d' $((this_year - 16 + RANDOM % 10)) $((1 + RANDOM % 12)) $((1 + RANDOM % 28)))"
child_json() {
  jq -n --arg family "$1" --arg dob "$2" --arg sid "SYS-$suffix" --arg given "$given" --arg postcode "$postcode" '{
    givenNames: $given, familyName: $family, dateOfBirth: $dob, gender: "FEMALE",
    address: {lines: ["1 Test Street"], town: "London", postcode: $postcode},
    responsibleLocalAuthority: "E09000019",
    parentsCarers: [{name: "Pat Example", relationship: "MOTHER", parentalResponsibility: true, phone: "020 7946 0999"}],
    source: "LA_CASE_SYSTEM", sourceId: $sid}'
}

# (a) register a child
id=""
req POST "$IDENTITY/children" "$CASE_SYSTEM" "$(child_json "$family" "$dob")"
if [[ "$status" == 201 ]]; then
  id="$(jq -r '.contactPointId // empty' <<<"$body" 2>/dev/null || true)"
fi
if [[ -n "$id" ]]; then
  pass "(a) POST /children -> 201 with contactPointId $id ($family, born $dob)"
else
  fail "(a) POST /children -> expected 201 with contactPointId, got $status: $(short "$body")"
fi

# (b) the gateway finds it once the event has reached its read model
search_finds_child() {
  req GET "$GATEWAY/children?familyName=$family&dateOfBirth=$dob" "$TEACHER"
  [[ "$status" == 200 ]] && jq -e --arg id "$id" '[.matches[]?.contactPointId] | index($id) != null' <<<"$body" >/dev/null 2>&1
}
if [[ -z "$id" ]]; then
  fail "(b) gateway search (skipped: no child from step a)"
elif eventually "$WAIT" search_finds_child; then
  pass "(b) gateway GET /children?familyName=$family&dateOfBirth=$dob lists $id"
else
  fail "(b) gateway search did not list $id within ${WAIT}s; last $status: $(short "$body")"
fi

# (c) the gateway's record view
if [[ -z "$id" ]]; then
  fail "(c) gateway GET /children/{id} (skipped: no child from step a)"
else
  req GET "$GATEWAY/children/$id" "$TEACHER"
  if [[ "$status" == 200 ]] && jq -e --arg id "$id" '.contactPointId == $id' <<<"$body" >/dev/null 2>&1; then
    pass "(c) gateway GET /children/$id -> 200"
  else
    fail "(c) gateway GET /children/$id -> expected 200 with the child, got $status: $(short "$body")"
  fi
fi

# (t) one lookup's trace spans the gateway, Kafka and audit-service: the caller's traceparent continues in the
# gateway's server span, its producer span for the audit record, and audit-service's consumer span of that record.
trace_id="$(openssl rand -hex 16)"
trace_has() { # trace_has SERVICE KIND: a span of the trace, of that kind, in the service's trace file
  local file="$CP_STATE/traces/$1.jsonl"
  [[ -f "$file" ]] && jq --arg t "$trace_id" --argjson k "$2" \
    '[.resourceSpans[]?.scopeSpans[]?.spans[]? | select(.traceId == $t and .kind == $k)] | length > 0' \
    "$file" 2>/dev/null | grep -q true
}
lookup_traced() { trace_has search-gateway 2 && trace_has search-gateway 4 && trace_has audit-service 5; }
if [[ -z "$id" ]]; then
  fail "(t) one lookup's trace (skipped: no child from step a)"
else
  TRACEPARENT="00-$trace_id-$(openssl rand -hex 8)-01" req GET "$GATEWAY/children/$id" "$TEACHER"
  if [[ "$status" == 200 ]] && eventually "$WAIT" lookup_traced; then
    pass "(t) trace $trace_id: gateway server and producer spans, audit-service consumer span"
  else
    fail "(t) trace $trace_id not in the gateway's server and producer spans and audit-service's consumer span (lookup $status; files in $CP_STATE/traces)"
  fi
fi

# (d) the audit trail shows the gateway's lookups, and the security team's topic has records
audit_shows_lookups() {
  req GET "$AUDIT/audit-records?childId=$id" "$AUDITOR"
  [[ "$status" == 200 ]] && jq -e --arg id "$id" \
    'tostring | contains($id) and (ascii_downcase | contains("gateway"))' <<<"$body" >/dev/null 2>&1
}
if [[ -z "$id" ]]; then
  fail "(d) audit records (skipped: no child from step a)"
elif eventually "$WAIT" audit_shows_lookups; then
  pass "(d) audit-service GET /audit-records?childId=$id shows the gateway lookups"
else
  fail "(d) audit-service did not show gateway lookups for $id within ${WAIT}s; last $status: $(short "$body")"
fi
# The console consumer reports "Processed a total of N messages" on stderr when it times out.
records="$("$CP_LOCAL_DIR/kafka.sh" consume audit.records.v1 --timeout-ms 10000 2>&1 >/dev/null |
  sed -n 's/.*Processed a total of \([0-9]*\) messages.*/\1/p' | tail -n1 || true)"
if ((${records:-0} > 0)); then
  pass "(d) topic audit.records.v1 has $records record(s)"
else
  fail "(d) topic audit.records.v1 has no records"
fi

# (e) an involvement reaches the gateway's view of the child
if [[ -z "$id" ]]; then
  fail "(e) POST /involvements (skipped: no child from step a)"
  fail "(e) involvement on the gateway (skipped)"
else
  inv_json="$(jq -n --arg id "$id" --arg sid "sys-$suffix" '{
    submissionId: $sid, contactPointId: $id, serviceType: "SCHOOL",
    organisation: {name: "Hillside Primary School", code: "URN100001"},
    practitioner: {name: "Mr Daniel Reyes", role: "Designated Safeguarding Lead"},
    contact: {phone: "020 7946 0100", email: "dsl@hillside.example.sch.uk"},
    startDate: "2020-09-01", leadProfessional: true, cafHeld: false}')"
  # The involvement service may not know the child for a moment (it learns of it from Kafka).
  post_involvement() {
    req POST "$INVOLVEMENT/involvements" "$HILLSIDE_MIS" "$inv_json"
    [[ "$status" != 404 && "$status" != 422 ]]
  }
  eventually "$WAIT" post_involvement || true
  # 202: parked until involvement-service hears of the child; it is applied then, so the gateway check below holds.
  if [[ "$status" == 201 || "$status" == 202 ]]; then
    pass "(e) POST /involvements -> $status"
  else
    fail "(e) POST /involvements -> expected 201 or 202, got $status: $(short "$body")"
  fi
  gateway_shows_involvement() {
    req GET "$GATEWAY/children/$id" "$TEACHER"
    [[ "$status" == 200 ]] && jq -e '[.involvements[]?] | length > 0' <<<"$body" >/dev/null 2>&1
  }
  if eventually "$WAIT" gateway_shows_involvement; then
    pass "(e) gateway GET /children/$id shows the involvement"
  else
    fail "(e) gateway GET /children/$id showed no involvement within ${WAIT}s; last $status: $(short "$body")"
  fi
fi

# (f) the error contract
is_problem() { [[ "$status" == "$1" && "$ctype" == application/problem+json* ]]; }

req POST "$IDENTITY/children" "$CASE_SYSTEM" "$(child_json "$family" "$dob" | jq 'del(.familyName) | .sourceId += "-nofamily"')"
if is_problem 400; then pass "(f) child without familyName -> 400 problem+json"; else fail "(f) child without familyName -> expected 400 problem+json, got $status $ctype"; fi

req POST "$IDENTITY/children" "$CASE_SYSTEM" "$(child_json "$family" 2016-13-45 | jq '.sourceId += "-baddate"')"
if is_problem 400; then pass "(f) dateOfBirth 2016-13-45 -> 400 problem+json"; else fail "(f) dateOfBirth 2016-13-45 -> expected 400 problem+json, got $status $ctype"; fi

req GET "$GATEWAY/children?familyName=Okafor&dateOfBirth=2016-03-14" -
if [[ "$status" == 401 ]]; then pass "(f) gateway search without a token -> 401"; else fail "(f) gateway search without a token -> expected 401, got $status"; fi

req POST "$IDENTITY/children" "$TEACHER" "$(child_json "$family" "$dob" | jq '.sourceId += "-teacher"')"
if [[ "$status" == 403 ]]; then pass "(f) teacher token on identity POST /children -> 403"; else fail "(f) teacher token on identity POST /children -> expected 403, got $status"; fi

# One organisation per credential: Hillside's system submitting for another organisation is refused.
if [[ -z "$id" ]]; then
  fail "(f) involvement for another organisation than the token's (skipped: no child from step a)"
else
  req POST "$INVOLVEMENT/involvements" "$HILLSIDE_MIS" "$(jq -n --arg id "$id" --arg sid "sys-$suffix-other-org" '{
    submissionId: $sid, contactPointId: $id, serviceType: "GP",
    organisation: {name: "Rosebery Medical Practice", code: "F83999"},
    practitioner: {name: "Dr Samuel Adeyemi", role: "General Practitioner"}, contact: {phone: "020 7946 0200"},
    startDate: "2020-09-01", leadProfessional: false, cafHeld: false}')"
  if is_problem 403; then
    pass "(f) hillside-mis submitting for Rosebery Medical Practice -> 403 problem+json"
  else
    fail "(f) hillside-mis submitting for Rosebery Medical Practice -> expected 403 problem+json, got $status $ctype: $(short "$body")"
  fi
fi

# (s) sign-in through Keycloak: a system by client credentials, a practitioner by password; tokens from the wrong
# issuer, expired or for another audience are refused. The refused ones differ from an accepted one in that alone:
# the wrong-issuer and expired tokens are signed with the realm's own key (deploy/local/token --minted), the
# wrong-audience one is Keycloak's own token for another service's client.
claims() { cut -d. -f2 <<<"$1" | tr '_-' '/+' | awk '{ while (length($0) % 4) $0 = $0 "="; print }' | base64 -d 2>/dev/null; }
discovered="$(curl -s --max-time 10 "$CP_KEYCLOAK_ISSUER/.well-known/openid-configuration" | jq -r '.issuer // empty' 2>/dev/null || true)"
if [[ "$discovered" == "$CP_JWT_ISSUER" ]]; then pass "(s) Keycloak's discovery names the issuer the services trust ($discovered)"; else fail "(s) Keycloak's discovery: expected issuer $CP_JWT_ISSUER, got '$discovered'"; fi
system_claims="$(claims "$CASE_SYSTEM" | jq -c '{iss, azp, sub, system, groups}' 2>/dev/null || true)"
if [[ "$(jq -r '.iss + " " + .azp + " " + (.system | tostring)' <<<"$system_claims" 2>/dev/null)" == "$CP_KEYCLOAK_ISSUER case-system true" ]]; then
  pass "(s) case-system signed in with client credentials: $system_claims"
else
  fail "(s) case-system's token is not Keycloak's client-credentials token: $system_claims"
fi
req GET "$GATEWAY/children?familyName=$family&dateOfBirth=$dob" "$TEACHER"
teacher_claims="$(claims "$TEACHER" | jq -c '{iss, azp, sub, groups, org_code, la}' 2>/dev/null || true)"
if [[ "$status" == 200 && "$(jq -r .azp <<<"$teacher_claims" 2>/dev/null)" == contactpoint-cli ]]; then
  pass "(s) the teacher signed in through Keycloak searches the gateway -> 200 ($teacher_claims)"
else
  fail "(s) the teacher's Keycloak token on a gateway search -> expected 200, got $status: $(short "$body") ($teacher_claims)"
fi
refused() {
  local what="$1" token="$2"
  if [[ -z "$token" ]]; then fail "(s) $what: no token to try"; return; fi
  req GET "$GATEWAY/children?familyName=$family&dateOfBirth=$dob" "$token"
  if [[ "$status" == 401 ]]; then pass "(s) $what on a gateway search -> 401"; else fail "(s) $what on a gateway search -> expected 401, got $status"; fi
  req POST "$IDENTITY/children" "$token" "$(child_json "$family" "$dob" | jq '.sourceId += "-refused"')"
  if [[ "$status" == 401 ]]; then pass "(s) $what on identity POST /children -> 401"; else fail "(s) $what on identity POST /children -> expected 401, got $status"; fi
}
req GET "$GATEWAY/children?familyName=$family&dateOfBirth=$dob" "$("$CP_LOCAL_DIR/token" --minted --ttl 600 teacher || true)"
if [[ "$status" == 200 ]]; then pass "(s) a token signed with the realm's key, right issuer and audience -> 200 (the control)"; else fail "(s) the control token (realm's key, right issuer and audience) -> expected 200, got $status"; fi
refused "a token from the wrong issuer" "$("$CP_LOCAL_DIR/token" --minted --issuer https://attacker.example --ttl 600 case-system || true)"
refused "an expired token" "$("$CP_LOCAL_DIR/token" --minted --ttl -600 case-system || true)"
other_api="$(curl -s --max-time 30 -u "other-api-client:$("$CP_LOCAL_DIR/keycloak.sh" secret other-api-client)" \
  -d grant_type=client_credentials "$CP_KEYCLOAK_ISSUER/protocol/openid-connect/token" | jq -r '.access_token // empty' 2>/dev/null || true)"
refused "Keycloak's token for another audience" "$other_api"

# (u) the LA team's accounts: the LA manager creates an account through audit-service, which creates it in Keycloak
# (admin API); the new practitioner signs in and searches; once suspended, the same unexpired token is refused on its
# next request by the gateway and involvement-service, and Keycloak has disabled the user.
LA_MANAGER="$(tok la-manager)"
account_user="sys-$suffix"
KC="http://127.0.0.1:$CP_KEYCLOAK_PORT"
req POST "$AUDIT/accounts" "$LA_MANAGER" "{\"username\":\"$account_user\",\"name\":\"Sam Systemtest\",\"roles\":[\"practitioner\"]}"
account_id=""
if [[ "$status" == 201 ]]; then
  account_id="$(jq -r '.userId // empty' <<<"$body")"
  pass "(u) the LA manager created account $account_user -> 201 ($account_id)"
else
  fail "(u) POST /accounts as the LA manager -> expected 201, got $status: $(short "$body")"
fi
if [[ -n "$account_id" ]]; then
  kc_admin="$(curl -s --max-time 30 -d grant_type=password -d client_id=admin-cli --data-urlencode username=admin \
    --data-urlencode "password=$(sed -n 's/^ADMIN_PASSWORD=//p' "$CP_STATE/keycloak/secrets.env")" \
    "$KC/realms/master/protocol/openid-connect/token" | jq -r '.access_token // empty' 2>/dev/null || true)"
  # The new user must choose a password at first sign-in; the test sets one as the user would.
  account_password="$(openssl rand -hex 12)"
  curl -s -o /dev/null --max-time 30 -X PUT -H "Authorization: Bearer $kc_admin" -H 'Content-Type: application/json' \
    --data "{\"type\":\"password\",\"value\":\"$account_password\",\"temporary\":false}" \
    "$KC/admin/realms/contactpoint/users/$account_id/reset-password" || true
  ACCOUNT="$(curl -s --max-time 30 -d grant_type=password -d client_id=contactpoint-cli \
    --data-urlencode "username=$account_user" --data-urlencode "password=$account_password" \
    "$CP_KEYCLOAK_ISSUER/protocol/openid-connect/token" | jq -r '.access_token // empty' 2>/dev/null || true)"
  req GET "$GATEWAY/children?familyName=$family&dateOfBirth=$dob" "${ACCOUNT:--}"
  if [[ "$status" == 200 ]]; then pass "(u) the new account signed in at Keycloak searches the gateway -> 200"; else fail "(u) the new account's search -> expected 200, got $status: $(short "$body")"; fi
  req GET "$INVOLVEMENT/notifications" "${ACCOUNT:--}"
  if [[ "$status" == 200 ]]; then pass "(u) and reads its organisation's inbox on involvement-service -> 200"; else fail "(u) the new account's inbox -> expected 200, got $status: $(short "$body")"; fi
  req POST "$AUDIT/accounts/$account_id/suspension" "$LA_MANAGER" '{"reason":"system test"}'
  if [[ "$status" == 200 ]]; then pass "(u) the LA manager suspended the account -> 200"; else fail "(u) suspending the account -> expected 200, got $status: $(short "$body")"; fi
  refused_in() {
    req GET "$1" "${ACCOUNT:--}"
    [[ "$status" == 403 ]] && jq -e '.title == "Account suspended"' <<<"$body" >/dev/null 2>&1
  }
  if eventually "$WAIT" refused_in "$GATEWAY/children?familyName=$family&dateOfBirth=$dob"; then
    pass "(u) the suspended account's unexpired token is refused by the gateway -> 403 Account suspended"
  else
    fail "(u) the suspended account's search -> expected 403 Account suspended, got $status: $(short "$body")"
  fi
  # involvement-service: the practitioner's own organisation's inbox, which the account could read before.
  if eventually "$WAIT" refused_in "$INVOLVEMENT/notifications"; then
    pass "(u) and by involvement-service (its own inbox) -> 403 Account suspended"
  else
    fail "(u) the suspended account's inbox on involvement-service -> expected 403 Account suspended, got $status: $(short "$body")"
  fi
  enabled="$(curl -s --max-time 30 -H "Authorization: Bearer $kc_admin" "$KC/admin/realms/contactpoint/users/$account_id" | jq -r '.enabled' 2>/dev/null || true)"
  if [[ "$enabled" == false ]]; then pass "(u) Keycloak has disabled the suspended user"; else fail "(u) Keycloak's user after suspension: enabled=$enabled"; fi
  req POST "$AUDIT/accounts/$account_id/closure" "$LA_MANAGER" '{"reason":"system test over"}'
fi

# (w) the READMEs' FHIR examples work as written: the gateway's facade and audit-service's AuditEvents, on the demo
# data (loaded here: it is safe to load again), each call's status and resource as the README implies.
if "$CP_LOCAL_DIR/demo-data.sh" >"$tmp/demo.out" 2>&1 && "$CP_LOCAL_DIR/readme-examples.sh" >"$tmp/examples.out" 2>&1; then
  pass "(w) the READMEs' FHIR curl examples: $(grep -c '^PASS' "$tmp/examples.out") blocks answer as documented"
else
  cat "$tmp/demo.out" "$tmp/examples.out" 2>/dev/null | tail -20
  fail "(w) the READMEs' FHIR curl examples (output above)"
fi

# (v) misuse response (issue 23): an account searches for its own family name (OWN_FAMILY_NAME, a HIGH alert);
# audit-service opens an investigation for the LA team, and involvement-service tells both the user's organisation
# (Islington Council's staff, read here by the social worker of the same organisation) and the LA team, in their inboxes.
misuse_user="sysv-$suffix"
misuse_family="Ownname${suffix//[^a-z]/}"
req POST "$AUDIT/accounts" "$LA_MANAGER" "{\"username\":\"$misuse_user\",\"name\":\"Val $misuse_family\",\"roles\":[\"practitioner\"]}"
misuse_id=""
if [[ "$status" == 201 ]]; then misuse_id="$(jq -r '.userId // empty' <<<"$body")"; else fail "(v) POST /accounts for the misuse step -> expected 201, got $status: $(short "$body")"; fi
if [[ -n "$misuse_id" ]]; then
  [[ -n "${kc_admin:-}" ]] || kc_admin="$(curl -s --max-time 30 -d grant_type=password -d client_id=admin-cli \
    --data-urlencode username=admin --data-urlencode "password=$(sed -n 's/^ADMIN_PASSWORD=//p' "$CP_STATE/keycloak/secrets.env")" \
    "$KC/realms/master/protocol/openid-connect/token" | jq -r '.access_token // empty' 2>/dev/null || true)"
  misuse_password="$(openssl rand -hex 12)"
  curl -s -o /dev/null --max-time 30 -X PUT -H "Authorization: Bearer $kc_admin" -H 'Content-Type: application/json' \
    --data "{\"type\":\"password\",\"value\":\"$misuse_password\",\"temporary\":false}" \
    "$KC/admin/realms/contactpoint/users/$misuse_id/reset-password" || true
  MISUSER="$(curl -s --max-time 30 -d grant_type=password -d client_id=contactpoint-cli \
    --data-urlencode "username=$misuse_user" --data-urlencode "password=$misuse_password" \
    "$CP_KEYCLOAK_ISSUER/protocol/openid-connect/token" | jq -r '.access_token // empty' 2>/dev/null || true)"
  req GET "$GATEWAY/children?familyName=$misuse_family&dateOfBirth=2016-03-14" "${MISUSER:--}"
  if [[ "$status" == 200 ]]; then pass "(v) the account searched for its own family name -> 200"; else fail "(v) the own-name search -> expected 200, got $status: $(short "$body")"; fi
  investigation_opened() {
    req GET "$AUDIT/investigations" "$LA_MANAGER"
    investigation_id="$(jq -r --arg u "$misuse_id" '.investigations[] | select(.userId == $u) | .investigationId' <<<"$body" 2>/dev/null | head -1)"
    [[ -n "$investigation_id" ]]
  }
  if eventually "$WAIT" investigation_opened; then pass "(v) audit-service opened investigation $investigation_id for the LA team"; else fail "(v) no investigation for $misuse_id in the LA team's /investigations: $(short "$body")"; fi
  told() {
    req GET "$INVOLVEMENT/notifications?size=200" "$1"
    jq -e --arg i "${investigation_id:-none}" 'map(select(.type == "involvement.notification.misuse-investigation.v1" and .investigation.investigationId == $i and (has("contactPointId") | not))) | length == 1' <<<"$body" >/dev/null 2>&1
  }
  SOCIAL_WORKER="$(tok social-worker)"
  if eventually "$WAIT" told "$LA_MANAGER"; then pass "(v) the LA team's inbox has the investigation's notice, naming no child"; else fail "(v) the LA team's inbox -> $(short "$body")"; fi
  if eventually "$WAIT" told "$SOCIAL_WORKER"; then pass "(v) the user's organisation's inbox has it too"; else fail "(v) the organisation's inbox -> $(short "$body")"; fi
  req GET "$GATEWAY/la-team/investigations" "$LA_MANAGER"
  if [[ "$status" == 200 ]] && jq -e --arg i "${investigation_id:-none}" 'map(.investigationId) | index($i) != null' <<<"$body" >/dev/null 2>&1; then
    pass "(v) and the page's pass-through (/la-team/investigations) shows it"
  else
    fail "(v) GET /la-team/investigations -> $status: $(short "$body")"
  fi
  req POST "$AUDIT/accounts/$misuse_id/closure" "$LA_MANAGER" '{"reason":"system test over"}'
fi

# (g) the outbox: a child registered while Kafka is down is published once the broker is back
family2="Out${suffix}"
"$CP_LOCAL_DIR/kafka.sh" stop >"$tmp/kafka.out" 2>&1 || true
id2=""
# A different child in every respect, so the matcher cannot take it for the first one.
dob2="$(printf '%04d-%02d-%02d' $((this_year - 17)) $((1 + RANDOM % 12)) $((1 + RANDOM % 28)))"
req POST "$IDENTITY/children" "$CASE_SYSTEM" "$(child_json "$family2" "$dob2" |
  jq '.sourceId += "-outbox" | .givenNames = "Kai" | .gender = "MALE" | .address.postcode = "SE1 7PB"')"
if [[ "$status" == 201 ]]; then
  id2="$(jq -r '.contactPointId // empty' <<<"$body" 2>/dev/null || true)"
  pass "(g) POST /children while Kafka is down -> 201 ($id2)"
else
  fail "(g) POST /children while Kafka is down -> expected 201, got $status: $(short "$body")"
fi
"$CP_LOCAL_DIR/kafka.sh" start >>"$tmp/kafka.out" 2>&1 || { cat "$tmp/kafka.out"; fail "(g) Kafka restarted"; }
search_finds_outboxed_child() {
  req GET "$GATEWAY/children?familyName=$family2&dateOfBirth=$dob2" "$TEACHER"
  [[ "$status" == 200 ]] && jq -e --arg id "$id2" '[.matches[]?.contactPointId] | index($id) != null' <<<"$body" >/dev/null 2>&1
}
if [[ -n "$id2" ]] && eventually 90 search_finds_outboxed_child; then
  pass "(g) the child registered while Kafka was down is searchable once it is back"
else
  fail "(g) the child registered while Kafka was down never reached the gateway; last $status: $(short "$body")"
fi

# (h) nothing lost: a lookup made while audit-service is down (killed, not stopped politely) is in the trail
# once it is back, because the gateway wrote its audit event to its outbox with the lookup itself.
audit_pidfile="$CP_PIDS/audit-service.pid"
audit_jar="$(cp_service_jar audit-service)"
if pid_alive "$audit_pidfile" "$audit_jar"; then
  kill -9 "$(<"$audit_pidfile")" 2>/dev/null || true
  sleep 1
fi
if pid_alive "$audit_pidfile" "$audit_jar"; then
  fail "(h) audit-service killed"
else
  absent="Gone${suffix}"
  # Only records from this moment on: earlier steps' searches could push this one off the first page.
  down_since="$(date -u -d '-5 seconds' +%Y-%m-%dT%H:%M:%SZ)"
  req GET "$GATEWAY/children?familyName=$absent&dateOfBirth=$dob" "$TEACHER"
  if [[ "$status" == 200 ]]; then
    pass "(h) gateway lookups still answer while audit-service is down"
  else
    fail "(h) gateway lookup while audit-service is down -> expected 200, got $status: $(short "$body")"
  fi
  if "$CP_LOCAL_DIR/up" --no-build --no-demo-data >"$tmp/up2.out" 2>&1; then
    audit_has_lookup_made_while_down() {
      req GET "$AUDIT/audit-records?userId=teacher&action=SEARCH&from=$down_since&size=200" "$AUDITOR"
      [[ "$status" == 200 ]] && grep -qF "$absent" <<<"$body"
    }
    if eventually 120 audit_has_lookup_made_while_down; then
      pass "(h) the lookup made while audit-service was down is in the audit trail after it restarted"
    else
      fail "(h) the lookup made while audit-service was down is not in the trail; last $status: $(short "$body")"
    fi
    req GET "$AUDIT/audit-chain/verification" "$AUDITOR"
    if [[ "$status" == 200 ]] && jq -e '.intact == true' <<<"$body" >/dev/null 2>&1; then
      pass "(h) the audit chain verifies intact"
    else
      fail "(h) audit chain verification -> $status: $(short "$body")"
    fi
  else
    cat "$tmp/up2.out"
    fail "(h) audit-service restarted"
  fi
fi

# (i) the trail is append-only for the role audit-service runs as: not by code, by the database
cp_load_secrets
as_audit_svc() {
  PGPASSWORD="$CP_AUDIT_DB_PASSWORD" psql -X -q -h 127.0.0.1 -p "$CP_PG_PORT" -U audit_svc -d audit -v ON_ERROR_STOP=1 -c "$1" 2>&1
}
for attempt in "UPDATE audit_record SET user_id = 'someone-else'" "DELETE FROM audit_record" \
  "DROP TRIGGER audit_record_append_only_rows ON audit_record"; do
  if out="$(as_audit_svc "$attempt")"; then
    fail "(i) audit_svc was allowed: $attempt"
  elif grep -qiE 'permission denied|must be owner|append-only' <<<"$out"; then
    pass "(i) audit_svc refused: $attempt"
  else
    fail "(i) $attempt failed for another reason: $(short "$out")"
  fi
done
