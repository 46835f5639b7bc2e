#!/usr/bin/env bash
# Loads the demo data through the public APIs, as the feeds would: two children from the Islington
# case system, then school and GP involvements, each submitted by its own organisation's system (an
# agency credential submits only for the organisation its token names: hillside-mis for Hillside Primary
# School, rosebery-gp for Rosebery Medical Practice; see deploy/local/demo-users). Safe to run again:
# children are matched on (source, sourceId) and involvements on (submitting user, submissionId), so
# nothing is duplicated.
set -euo pipefail
CP_LOG_TAG=demo-data
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd curl
require_cmd jq
IDENTITY="http://127.0.0.1:$CP_IDENTITY_PORT"
INVOLVEMENT="http://127.0.0.1:$CP_INVOLVEMENT_PORT"
# The involvement service may learn of a new child from Kafka a moment after identity registers it.
RETRY_SECONDS="${CP_DEMO_RETRY_SECONDS:-30}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
case_token="$("$CP_LOCAL_DIR/token" --ttl 600 case-system)"
# One credential per organisation that submits; its organisation is the one the submissions below name.
hillside_token="$("$CP_LOCAL_DIR/token" --ttl 600 hillside-mis)"
rosebery_token="$("$CP_LOCAL_DIR/token" --ttl 600 rosebery-gp)"

# post URL TOKEN JSON -> sets $status and $body
post() {
  status="$(curl -sS -o "$tmp/body" -w '%{http_code}' --max-time 20 -X POST "$1" \
    -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -H 'Accept: application/json' \
    --data-binary "$3" || echo 000)"
  body="$(cat "$tmp/body" 2>/dev/null || true)"
}

# register_child LABEL JSON -> prints the ContactPoint ID
register_child() {
  local label="$1" json="$2" id
  post "$IDENTITY/children" "$case_token" "$json"
  case "$status" in
    200 | 201) ;;
    *) die "child $label: POST /children returned $status: $body" ;;
  esac
  id="$(jq -r '.contactPointId // empty' <<<"$body")"
  [[ -n "$id" ]] || die "child $label: no contactPointId in response: $body"
  if [[ "$status" == 201 ]]; then log "child $label: registered as $id"; else log "child $label: already registered as $id"; fi
  echo "$id"
}

# submit_involvement LABEL TOKEN JSON: TOKEN is the credential of the organisation JSON names.
submit_involvement() {
  local label="$1" token="$2" json="$3" deadline=$((SECONDS + RETRY_SECONDS))
  while :; do
    post "$INVOLVEMENT/involvements" "$token" "$json"
    case "$status" in
      201) log "involvement $label: recorded"; return 0 ;;
      202) log "involvement $label: accepted and parked until involvement-service hears of the child"; return 0 ;;
      200 | 409) log "involvement $label: already recorded ($status)"; return 0 ;;
      # The child may not have reached the involvement service yet; try again shortly.
      404 | 422 | 503)
        ((SECONDS < deadline)) || die "involvement $label: still $status after ${RETRY_SECONDS}s: $body"
        sleep 2
        ;;
      *) die "involvement $label: POST /involvements returned $status: $body" ;;
    esac
  done
}

amara="$(register_child "Amara Okafor" '{
  "givenNames": "Amara", "familyName": "Okafor", "dateOfBirth": "2016-03-14", "gender": "FEMALE",
  "address": {"lines": ["12 Rosebery Avenue"], "town": "London", "postcode": "EC1R 4SR"},
  "responsibleLocalAuthority": "E09000019",
  "parentsCarers": [{"name": "Grace Okafor", "relationship": "MOTHER", "parentalResponsibility": true,
                     "phone": "020 7946 0001", "email": "grace.okafor@example.org"}],
  "source": "LA_CASE_SYSTEM", "sourceId": "ISL-000123"}')"

oliver="$(register_child "Oliver Bennett" '{
  "givenNames": "Oliver James", "familyName": "Bennett", "dateOfBirth": "2014-07-02", "gender": "MALE",
  "address": {"lines": ["45 Amwell Street"], "town": "London", "postcode": "EC1R 1UR"},
  "responsibleLocalAuthority": "E09000019",
  "parentsCarers": [{"name": "Sarah Bennett", "relationship": "MOTHER", "parentalResponsibility": true,
                     "phone": "020 7946 0002", "email": "sarah.bennett@example.org"},
                    {"name": "Mark Bennett", "relationship": "FATHER", "parentalResponsibility": true,
                     "phone": "020 7946 0003"}],
  "source": "LA_CASE_SYSTEM", "sourceId": "ISL-000124"}')"

submit_involvement "Amara Okafor / Hillside Primary School" "$hillside_token" "$(jq -n --arg id "$amara" '{
  submissionId: "demo-inv-1", contactPointId: $id, serviceType: "SCHOOL",
  organisation: {name: "Hillside Primary School", code: "URN100001"},
  practitioner: {name: "Mr Daniel Reyes", role: "Designated Safeguarding Lead"},
  contact: {phone: "020 7946 0100", email: "dsl@hillside.example.sch.uk"},
  startDate: "2020-09-01", leadProfessional: true, cafHeld: false}')"

submit_involvement "Amara Okafor / Rosebery Medical Practice" "$rosebery_token" "$(jq -n --arg id "$amara" '{
  submissionId: "demo-inv-2", contactPointId: $id, serviceType: "GP",
  organisation: {name: "Rosebery Medical Practice", code: "F83999"},
  practitioner: {name: "Dr Samuel Adeyemi", role: "General Practitioner"},
  contact: {phone: "020 7946 0200", email: "reception@rosebery-mp.example.nhs.uk"},
  startDate: "2016-04-02", leadProfessional: false, cafHeld: false}')"

submit_involvement "Oliver Bennett / Hillside Primary School" "$hillside_token" "$(jq -n --arg id "$oliver" '{
  submissionId: "demo-inv-3", contactPointId: $id, serviceType: "SCHOOL",
  organisation: {name: "Hillside Primary School", code: "URN100001"},
  practitioner: {name: "Mr Daniel Reyes", role: "Designated Safeguarding Lead"},
  contact: {phone: "020 7946 0100", email: "dsl@hillside.example.sch.uk"},
  startDate: "2018-09-03", leadProfessional: false, cafHeld: false}')"

log "demo data loaded: Amara Okafor ($amara, born 2016-03-14), Oliver Bennett ($oliver, born 2014-07-02)"
