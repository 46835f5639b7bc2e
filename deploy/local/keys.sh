#!/usr/bin/env bash
# Generates the local JWT signing key pair once (RSA 2048): .local/jwt/private.pem (PKCS#8) and
# .local/jwt/public.pem. The local Keycloak's realm signs with it (keycloak.sh imports it), and the demo
# page and the bench sign their own tokens with it, so all of them verify by the realm's JWKS. Never
# committed; a second run keeps the existing pair so tokens already minted stay valid.
set -euo pipefail
CP_LOG_TAG=keys
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd openssl
mkdir -p "$CP_JWT_DIR"
chmod 700 "$CP_JWT_DIR"
private="$CP_JWT_DIR/private.pem"
public="$CP_JWT_DIR/public.pem"

if [[ -s "$private" && -s "$public" ]]; then
  log "key pair present in $CP_JWT_DIR"
  exit 0
fi

if [[ ! -s "$private" ]]; then
  # Write to a temp file first so an interrupted run never leaves half a key behind.
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$private.tmp" 2>/dev/null)
  mv "$private.tmp" "$private"
fi
openssl pkey -in "$private" -pubout -out "$public.tmp"
mv "$public.tmp" "$public"
chmod 600 "$private"
chmod 644 "$public"
log "generated RSA key pair in $CP_JWT_DIR (issuer $CP_JWT_ISSUER, audience $CP_JWT_AUDIENCE)"
