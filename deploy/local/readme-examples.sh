#!/usr/bin/env bash
# Runs the READMEs' curl examples exactly as written against the running local stack (demo data loaded), so an
# example that no longer works fails a test instead of misleading the integrator who copies it. Each example block
# is the first ```bash fence after its heading; the stack's ports replace the default ones the READMEs print. Every
# curl is answered as usual and its status, resourceType (or the first JSON key) and entry count are recorded, then
# compared with what the block is expected to give (below). Prints PASS/FAIL per block; exits non-zero on a failure.
#   deploy/local/readme-examples.sh            (the stack running, deploy/local/demo-data.sh loaded)
set -euo pipefail
CP_LOG_TAG=readme-examples
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd curl
require_cmd jq

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failed=0

# readme_block FILE HEADING: the first ```bash fence after the line HEADING, ports made the running stack's.
readme_block() {
  awk -v heading="$2" '$0 == heading { found = 1 } found && /^```bash/ { inside = 1; next }
    inside && /^```/ { exit } inside { print }' "$CP_ROOT/$1" |
    sed -e "s#127\.0\.0\.1:18080#127.0.0.1:$CP_GATEWAY_PORT#g" -e "s#127\.0\.0\.1:18081#127.0.0.1:$CP_IDENTITY_PORT#g" \
      -e "s#127\.0\.0\.1:18082#127.0.0.1:$CP_INVOLVEMENT_PORT#g" -e "s#127\.0\.0\.1:18083#127.0.0.1:$CP_AUDIT_PORT#g"
}

# The examples call curl; this one answers as curl does and notes "status resourceType entries" per call. A function
# in this shell only: deploy/local/token, a script of its own, keeps the real curl.
record="$tmp/record"
curl() {
  local out="$tmp/out.$RANDOM" code
  code="$(command curl -o "$out" -w '%{http_code}' "$@")" || code=000
  jq -r '[(.resourceType // (keys_unsorted[0] // "-")), ((.entry // []) | length)] | join(" ")' "$out" 2>/dev/null |
    sed "s/^/$code /" >>"$record" || echo "$code - 0" >>"$record"
  cat "$out"
  rm -f "$out"
}

# check NAME EXPECTED...: each EXPECTED is "status resourceType" with an optional "+" (at least one entry) for the
# calls in order.
check() {
  local name="$1" i=0 line expect status type entries
  shift
  mapfile -t lines <"$record"
  if ((${#lines[@]} != $#)); then
    echo "FAIL $name: ${#lines[@]} calls answered, $# expected: $(tr '\n' ';' <"$record")"
    failed=1
    return
  fi
  for expect in "$@"; do
    line="${lines[i]}"
    read -r status type entries <<<"$line"
    read -r e_status e_type e_entries <<<"$expect"
    if [[ "$status" != "$e_status" || "$type" != "$e_type" || ("${e_entries:-}" == + && "${entries:-0}" -lt 1) ]]; then
      echo "FAIL $name: call $((i + 1)) gave '$line', expected '$expect'"
      failed=1
      return
    fi
    i=$((i + 1))
  done
  echo "PASS $name: $# calls as documented"
}

cd "$CP_ROOT"

# search-gateway: the FHIR facade (Amara Okafor is in the demo data, with a school and a GP).
: >"$record"
eval "$(readme_block search-gateway/README.md '## FHIR R4 facade')" >/dev/null
check "search-gateway README, FHIR R4 facade" \
  "200 CapabilityStatement" "200 Bundle +" "200 Bundle +" "200 Bundle +" "200 Bundle +" "200 Bundle +" "200 Bundle +" \
  "200 Bundle +" "200 Patient" "200 Bundle +" "400 OperationOutcome"

# audit-service: the same lookups as AuditEvents, once the trail has them (the audit topic is read asynchronously).
AUDITOR_TOKEN="$("$CP_LOCAL_DIR/token" auditor)"
audited() {
  command curl -s -H "Authorization: Bearer $AUDITOR_TOKEN" -H 'X-Purpose-Of-Use: ADMINISTRATION' \
    "http://127.0.0.1:$CP_AUDIT_PORT/fhir/AuditEvent?patient=Patient/$ID&_count=1" |
    jq -e '(.entry // []) | length > 0' >/dev/null 2>&1
}
deadline=$((SECONDS + 60))
until audited; do
  ((SECONDS < deadline)) || break
  sleep 1
done
: >"$record"
eval "$(readme_block audit-service/README.md '### FHIR R4: `AuditEvent`')" >/dev/null
check "audit-service README, FHIR AuditEvent" \
  "200 Bundle +" "200 Bundle +" "200 Bundle +" "200 AuditEvent" "200 CapabilityStatement"

exit "$failed"
