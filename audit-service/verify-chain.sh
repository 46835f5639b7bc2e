#!/usr/bin/env bash
# Walks the audit chain through audit-service and reports the first broken link.
# Usage: audit-service/verify-chain.sh [BASE_URL]   (default http://127.0.0.1:${CP_AUDIT_PORT:-18083})
# Token: $CP_AUDITOR_TOKEN if set, otherwise deploy/local/token auditor (the local stack's demo auditor).
# Exit status: 0 intact, 1 broken, 2 could not ask.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base="${1:-http://127.0.0.1:${CP_AUDIT_PORT:-18083}}"
token="${CP_AUDITOR_TOKEN:-$("$here/../deploy/local/token" auditor)}"
body="$(curl -sS -f -H "Authorization: Bearer $token" "$base/audit-chain/verification")" || {
  echo "could not reach $base/audit-chain/verification" >&2
  exit 2
}
echo "$body"
if grep -q '"intact":true' <<<"$body"; then
  exit 0
fi
exit 1
