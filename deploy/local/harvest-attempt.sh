#!/usr/bin/env bash
# A harvesting attempt against the running local stack, as an attacker would script it: one practitioner walks dates
# of birth for a common family name. Expected: the gateway answers 429 problem+json with Retry-After once the per-minute
# quota is used up, and audit-service raises a SEARCH_BURST alert for that user on audit.alerts.v1.
#   deploy/local/harvest-attempt.sh [USER]      (default: teacher; the stack must be up)
# Exits non-zero if either protection is missing. Uses the user's quota for the current minute.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

user="${1:-teacher}"
token="$("$CP_LOCAL_DIR/token" "$user")"
gateway="http://127.0.0.1:$CP_GATEWAY_PORT"
answered=0
refused=0
retry_after=""
for day in $(seq 0 79); do
  dob="$(date -u -d "2012-01-01 + $day days" +%F)"
  headers="$(mktemp)"
  status="$(curl -s -o /dev/null -D "$headers" -w '%{http_code}' -H "Authorization: Bearer $token" \
    -H 'X-Purpose-Of-Use: DIRECT_CARE' "$gateway/children?familyName=Smith&dateOfBirth=$dob")"
  if [[ "$status" == 429 ]]; then
    refused=$((refused + 1))
    [[ -n "$retry_after" ]] || retry_after="$(grep -i '^retry-after:' "$headers" | tr -d '\r' | awk '{print $2}')"
  elif [[ "$status" == 200 ]]; then
    answered=$((answered + 1))
  fi
  rm -f "$headers"
done
echo "harvest as $user: 80 searches, $answered answered, $refused refused (429), Retry-After: ${retry_after:-none}"

alert="$("$CP_LOCAL_DIR/kafka.sh" consume audit.alerts.v1 --timeout-ms 30000 2>/dev/null \
  | grep SEARCH_BURST | grep -F "\"$user\"" | tail -1 || true)"
if [[ -n "$alert" ]]; then
  echo "alert on audit.alerts.v1: $(echo "$alert" | cut -c1-300)"
fi
[[ "$refused" -gt 0 && -n "$retry_after" ]] || { echo "FAIL: no 429 with Retry-After" >&2; exit 1; }
[[ -n "$alert" ]] || { echo "FAIL: no SEARCH_BURST alert for $user on audit.alerts.v1" >&2; exit 1; }
echo "PASS: the harvesting attempt was throttled and alerted"
