#!/usr/bin/env bash
# Writes the dev overlay's own secrets (gitignored) once per checkout, so none is committed:
#   deploy/k8s/overlays/dev/generate-secrets.sh     (validate-k8s.sh runs it when they are missing)
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
if [[ ! -s "$dir/audit-db-svc.env" ]]; then
  umask 077
  printf 'username=audit_svc\npassword=%s\n' "$(openssl rand -hex 24)" >"$dir/audit-db-svc.env"
fi
