#!/usr/bin/env bash
# Horizontal scaling, proven on the real local stack: TWO instances each of identity-service (a producer through the
# outbox, and a consumer of the source feed) and search-gateway (a consumer of identity.children.v1) run against the
# same databases and broker, in the same consumer groups, as two replicas of a Deployment would.
#   1. A burst of children through both identity instances (REST) and of source records through the feed topic:
#      every child is created once, every source record applied once (inbox), the outbox relayed each event exactly
#      once (counted by ce_id on identity.children.v1), both instances of each group hold partitions, and the
#      gateway's read model has every child once.
#   2. A second burst, and the second identity instance killed (kill -9) in the middle of it: the survivor takes over
#      the relay and the feed's partitions; nothing is lost (every outbox row published, every child on the gateway,
#      every source record applied once). A batch published but not yet marked sent when the instance died may be
#      published again (at-least-once); the consumers' inbox drops it, which the gateway counts show.
# Prints PASS/FAIL per check and "N passed, M failed". Starts the stack if needed and stops only what it started.
#   deploy/local/two-instance-test.sh
# Second instances listen on CP_IDENTITY_PORT_2 (default CP_IDENTITY_PORT+33) and CP_GATEWAY_PORT_2 (CP_GATEWAY_PORT+36; not +34, which is CP_IDENTITY_PORT+33 with the default ports).
set -euo pipefail
CP_LOG_TAG=two-instance-test
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd curl
require_cmd jq

IDENTITY_PORT_2="${CP_IDENTITY_PORT_2:-$((CP_IDENTITY_PORT + 33))}"
GATEWAY_PORT_2="${CP_GATEWAY_PORT_2:-$((CP_GATEWAY_PORT + 36))}"
[[ "$IDENTITY_PORT_2" != "$GATEWAY_PORT_2" ]] || die "the second instances would share port $IDENTITY_PORT_2; set CP_IDENTITY_PORT_2 or CP_GATEWAY_PORT_2"
BURST="${CP_TWO_INSTANCE_BURST:-40}" # children per path (REST, feed) per phase
WAIT="${CP_TWO_INSTANCE_WAIT:-90}"
RUN="r$(date +%s)$$"
SOURCE=TWO_INSTANCE_TEST

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

tmp="$(mktemp -d)"
cp_service_jars_built || die "a service jar is missing: ./mvnw -DskipTests package"

# What is running before we start, so we stop only the rest afterwards.
cp_stack_note_running

finish() {
  local rc=$?
  stop_pid "$CP_PIDS/identity-service-2.pid" "$(cp_service_jar identity-service)" identity-service-2 30 || true
  stop_pid "$CP_PIDS/search-gateway-2.pid" "$(cp_service_jar search-gateway)" search-gateway-2 30 || true
  cp_stack_stop_started
  rm -rf "$tmp"
  echo "$passed passed, $failed failed"
  if ((failed > 0 || rc != 0)); then exit 1; fi
  exit 0
}
trap finish EXIT

# --- the stack, then the second instances ---
"$CP_LOCAL_DIR/up" --no-build --no-demo-data
cp_load_secrets

# start_second SVC PORT DB: the same environment deploy/local/up gives the first instance, on another port.
start_second() {
  local svc="$1" port="$2" db="$3" pw_var
  pw_var="CP_${db^^}_DB_PASSWORD"
  port_open 127.0.0.1 "$port" && die "$svc-2: port $port is taken; set CP_${db^^}_PORT_2"
  log "$svc-2: starting a second instance on 127.0.0.1:$port (log $CP_LOGS/$svc-2.log)"
  spawn "$CP_PIDS/$svc-2.pid" "$CP_LOGS/$svc-2.log" env \
    QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT="$((port + 100))" QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$CP_PG_PORT/$db" \
    QUARKUS_DATASOURCE_USERNAME="${db}_svc" QUARKUS_DATASOURCE_PASSWORD="${!pw_var}" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$CP_KAFKA_PORT" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$CP_JWT_DIR/public.pem" MP_JWT_VERIFY_ISSUER="$CP_JWT_ISSUER" \
    MP_JWT_VERIFY_AUDIENCES="$CP_JWT_AUDIENCE" \
    java -Xmx256m -jar "$(cp_service_jar "$svc")"
}
wait_ready() {
  local svc="$1" port="$2" deadline=$((SECONDS + ${CP_READY_TIMEOUT:-120}))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$((port + 100))/q/health/ready" || true)" == 200 ]]; do
    if ((SECONDS > deadline)) || ! pid_alive "$CP_PIDS/$svc.pid" "$(cp_service_jar "${svc%-2}")"; then
      tail -n 40 "$CP_LOGS/$svc.log" >&2 || true
      die "$svc not ready on port $port"
    fi
    sleep 1
  done
  log "$svc: ready on port $port"
}
start_second identity-service "$IDENTITY_PORT_2" identity
start_second search-gateway "$GATEWAY_PORT_2" gateway
wait_ready identity-service-2 "$IDENTITY_PORT_2"
wait_ready search-gateway-2 "$GATEWAY_PORT_2"

# --- helpers ---
sql() { # DB QUERY -> unaligned, tuples only
  local db="$1" pw_var="CP_${1^^}_DB_PASSWORD"
  PGPASSWORD="${!pw_var}" psql -X -q -A -t -h 127.0.0.1 -p "$CP_PG_PORT" -U "${db}_svc" -d "$db" -v ON_ERROR_STOP=1 -c "$2"
}
eventually() { # SECONDS CMD...: true once CMD succeeds
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do ((SECONDS < deadline)) || return 1; sleep 1; done
}
case_token="$("$CP_LOCAL_DIR/token" --ttl 900 case-system)"

# child_json N: child N of this run, unlike every other child (names, date of birth, sex, postcode all drawn from a
# hash of the run and N), so that matching creates a new child for each rather than linking or reviewing. Both names
# are made-up words: with real given names (20 of them) two children of the stack's database shared a first name and
# a birthday now and then (one CI run), which the matcher rightly sends to review, and no child was created.
made_up_name() {
  local h="$1" letters=bcdfghjklmnprstvwz vowels=aeiou name="" i d
  for ((i = 0; i < ${#h} / 2; i++)); do
    d=$((16#${h:i*2:2}))
    if ((i % 2)); then name+="${vowels:d%5:1}"; else name+="${letters:d%18:1}"; fi
  done
  echo "${name^}"
}
child_json() {
  local n="$1" h fam given letters=bcdfghjklmnprstvwz
  h="$(printf '%s-%s' "$RUN" "$n" | md5sum | cut -c1-24)"
  fam="$(made_up_name "$(printf '%s-%s-family' "$RUN" "$n" | md5sum | cut -c1-16)")"
  given="$(made_up_name "$(printf '%s-%s-given' "$RUN" "$n" | md5sum | cut -c1-12)")"
  jq -cn --arg src "$SOURCE" --arg sid "$RUN-$n" --arg fam "$fam" --arg given "$given" \
    --arg dob "$(date -u -d "2010-01-01 + $((16#${h:10:4} % 5400)) days" +%F)" \
    --arg gender "$( ((16#${h:14:2} % 2)) && echo FEMALE || echo MALE)" \
    --arg pc "N$((16#${h:16:2} % 19 + 1)) $((16#${h:18:2} % 9 + 1))${letters:$((16#${h:20:2} % 18)):1}${letters:$((16#${h:22:2} % 18)):1}" \
    '{source: $src, sourceId: $sid, givenNames: $given, familyName: $fam, dateOfBirth: $dob, gender: $gender,
      address: {lines: ["\($sid) Test Street"], town: "London", postcode: ($pc | ascii_upcase)},
      responsibleLocalAuthority: "E09000019"}'
}
# rest_burst FROM TO: POST /children for N in FROM..TO, alternating between the two identity instances, 6 at a time.
# Appends "PORT STATUS REQUEST-FILE" per request to $tmp/rest-codes.
rest_burst() {
  local n port
  for ((n = $1; n <= $2; n++)); do
    port=$CP_IDENTITY_PORT
    ((n % 2)) && port=$IDENTITY_PORT_2
    child_json "$n" >"$tmp/child-$n.json"
    printf '%s %s\n' "$port" "$tmp/child-$n.json"
  done | CASE_TOKEN="$case_token" xargs -P 6 -n 2 sh -c '
    code=$(curl -s -o /dev/null -w "%{http_code}" --max-time 60 -X POST "http://127.0.0.1:$1/children" \
      -H "Authorization: Bearer $CASE_TOKEN" -H "Content-Type: application/json" --data-binary "@$2" || true)
    echo "$1 ${code:-000} $2"' _ >>"$tmp/rest-codes"
}
# feed_burst FROM TO: the same kind of records onto identity.source-records.v1 (key = sourceId), with CloudEvents headers.
feed_burst() {
  local n
  for ((n = $1; n <= $2; n++)); do
    printf 'ce_id:%s-feed-%s,ce_type:identity.source-record.submitted.v1,ce_source:%s\t%s-%s\t%s\n' \
      "$RUN" "$n" "$SOURCE" "$RUN" "$n" "$(child_json "$n")"
  done >"$tmp/feed-$1"
  "$CP_LOCAL_DIR/kafka.sh" produce identity.source-records.v1 --property parse.key=true \
    --property parse.headers=true --property 'key.separator=	' --property 'headers.delimiter=	' \
    --property headers.separator=, --property headers.key.separator=: <"$tmp/feed-$1" >/dev/null
}
children_created() { sql identity "SELECT count(DISTINCT c.id) FROM child c JOIN child_source_identifier s ON s.child_id = c.id
  WHERE s.source = '$SOURCE' AND s.value LIKE '$RUN-%'"; }
run_child_ids() { sql identity "SELECT DISTINCT c.contact_point_id FROM child c JOIN child_source_identifier s ON s.child_id = c.id
  WHERE s.source = '$SOURCE' AND s.value LIKE '$RUN-%' ORDER BY 1"; }
unsent() { sql identity "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL"; }
feed_applied() { sql identity "SELECT count(*) FROM inbox_message WHERE consumer = 'identity-source-records' AND message_id LIKE '$RUN-feed-%'"; }
# The run's child events in the outbox (id per line) and on the topic (ce_id per record, duplicates kept).
outbox_ids() { sql identity "SELECT o.id FROM outbox_event o WHERE o.aggregatetype = 'identity.children.v1'
  AND o.aggregateid IN (SELECT c.contact_point_id FROM child c JOIN child_source_identifier s ON s.child_id = c.id
  WHERE s.source = '$SOURCE' AND s.value LIKE '$RUN-%') ORDER BY 1"; }
topic_ids() {
  "$CP_LOCAL_DIR/kafka.sh" consume identity.children.v1 --timeout-ms 15000 2>/dev/null |
    grep -o 'ce_id:[0-9a-f-]\{36\}' | cut -d: -f2 | sort || true
}
gateway_children() { # how many of the run's children the gateway's read model holds
  local ids
  ids="$(run_child_ids | sed "s/.*/'&'/" | paste -sd, -)"
  [[ -n "$ids" ]] || { echo 0; return; }
  sql gateway "SELECT count(*) FROM child WHERE contact_point_id IN ($ids)"
}
gateway_inbox() { # gateway inbox rows for the run's child events
  local ids
  ids="$(outbox_ids | sed "s/.*/'&'/" | paste -sd, -)"
  [[ -n "$ids" ]] || { echo 0; return; }
  sql gateway "SELECT count(*) FROM inbox_message WHERE consumer = 'search-gateway.identity-children' AND message_id IN ($ids)"
}
members_with_partitions() { # GROUP TOPIC -> how many distinct consumers hold a partition of TOPIC
  "$CP_LOCAL_DIR/kafka.sh" tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
    --bootstrap-server "127.0.0.1:$CP_KAFKA_PORT" --describe --group "$1" 2>/dev/null |
    awk -v t="$2" '$2 == t && $7 != "-" { print $7 }' | sort -u | wc -l
}
expect_eq() { # LABEL WANT GOT
  if [[ "$2" == "$3" ]]; then pass "$1 ($3)"; else fail "$1: expected $2, got $3"; fi
}

# --- phase 1: both instances up ---
n1=$BURST
log "phase 1: $n1 children by REST through both identity instances and $n1 source records by the feed topic"
rest_burst 1 "$n1" &
rest_pid=$!
feed_burst $((n1 + 1)) $((2 * n1))
wait "$rest_pid"
answers() { awk '{print $1" "$2}' "$tmp/rest-codes" | sort | uniq -c | awk '{print $2" "$3" x"$1}' | paste -sd, -; }
# A request that timed out on a loaded machine may still have registered its child: the database checks below count.
log "phase 1: answers (port status count): $(answers)"
for port in "$CP_IDENTITY_PORT" "$IDENTITY_PORT_2"; do
  c="$(grep -c "^$port 201 " "$tmp/rest-codes" || true)"
  ((c > 0)) && pass "phase 1: identity instance on $port served $c registrations" || fail "phase 1: identity instance on $port served none"
done
want=$((2 * n1))
all_created() { [[ "$(children_created)" == "$want" ]]; }
eventually "$WAIT" all_created || true
expect_eq "phase 1: every child created exactly once (identity DB)" "$want" "$(children_created)"
feed_done() { [[ "$(feed_applied)" == "$n1" ]]; }
eventually "$WAIT" feed_done || true
expect_eq "phase 1: every source record applied once (identity inbox)" "$n1" "$(feed_applied)"
relay_done() { [[ "$(unsent)" == 0 ]]; }
eventually "$WAIT" relay_done || true
expect_eq "phase 1: the outbox is fully relayed" 0 "$(unsent)"
outbox_ids >"$tmp/outbox-1"
topic_ids >"$tmp/topic-1"
on_topic="$(comm -12 "$tmp/outbox-1" <(sort -u "$tmp/topic-1") | wc -l)"
expect_eq "phase 1: every child event of the outbox is on identity.children.v1" "$(wc -l <"$tmp/outbox-1")" "$on_topic"
dups="$(grep -Fxf "$tmp/outbox-1" "$tmp/topic-1" | uniq -d | wc -l)"
expect_eq "phase 1: no child event published twice (by ce_id)" 0 "$dups"
expect_eq "phase 1: both gateway instances hold partitions of identity.children.v1 (group search-gateway.identity.children.v1)" 2 \
  "$(members_with_partitions search-gateway.identity.children.v1 identity.children.v1)"
expect_eq "phase 1: both identity instances hold partitions of identity.source-records.v1 (group identity-service.identity.source-records.v1)" 2 \
  "$(members_with_partitions identity-service.identity.source-records.v1 identity.source-records.v1)"
gw_done() { [[ "$(gateway_children)" == "$want" ]]; }
eventually "$WAIT" gw_done || true
expect_eq "phase 1: the gateway's read model has every child exactly once" "$want" "$(gateway_children)"
expect_eq "phase 1: the gateway applied each child event once (inbox rows = events)" "$(wc -l <"$tmp/outbox-1")" "$(gateway_inbox)"

# --- phase 2: kill the second identity instance in the middle of a burst ---
from=$((2 * n1 + 1))
to=$((3 * n1))
: >"$tmp/rest-codes"
log "phase 2: $n1 more children by REST and $n1 by the feed; identity-service-2 is killed (kill -9) halfway"
rest_burst "$from" "$to" &
rest_pid=$!
feed_burst $((to + 1)) $((to + n1)) &
feed_pid=$!
half() { [[ "$(wc -l <"$tmp/rest-codes")" -ge $((n1 / 2)) ]]; }
eventually 60 half || true
victim="$(<"$CP_PIDS/identity-service-2.pid")"
kill -9 "$victim" 2>/dev/null && log "killed identity-service-2 (pid $victim) after $(wc -l <"$tmp/rest-codes") requests"
wait "$rest_pid" || true
wait "$feed_pid" || true
log "phase 2: answers (port status count): $(answers) (requests to the killed instance fail, as a client would see)"
# Retry the unanswered ones against the survivor, as a client behind a Service would be routed: a retry of one that
# did register is answered 200 with the same child (source + sourceId), so nothing is created twice.
while read -r _ code file; do
  [[ "$code" == 201 ]] && continue
  curl -s -o /dev/null --max-time 60 -X POST "http://127.0.0.1:$CP_IDENTITY_PORT/children" \
    -H "Authorization: Bearer $case_token" -H 'Content-Type: application/json' --data-binary "@$file" || true
done <"$tmp/rest-codes"
want=$((4 * n1))
eventually "$WAIT" all_created || true
expect_eq "phase 2: every child created exactly once after the kill (identity DB)" "$want" "$(children_created)"
feed_done2() { [[ "$(feed_applied)" == "$((2 * n1))" ]]; }
eventually "$WAIT" feed_done2 || true
expect_eq "phase 2: every source record applied once; the survivor took over the feed's partitions" "$((2 * n1))" "$(feed_applied)"
eventually "$WAIT" relay_done || true
expect_eq "phase 2: the survivor relayed the whole outbox" 0 "$(unsent)"
outbox_ids >"$tmp/outbox-2"
topic_ids >"$tmp/topic-2"
on_topic="$(comm -12 "$tmp/outbox-2" <(sort -u "$tmp/topic-2") | wc -l)"
expect_eq "phase 2: every child event of the outbox is on identity.children.v1 (nothing lost)" "$(wc -l <"$tmp/outbox-2")" "$on_topic"
dups="$(grep -Fxf "$tmp/outbox-2" "$tmp/topic-2" | uniq -d | wc -l)"
log "phase 2: $dups child event(s) published twice (a batch acknowledged but not yet marked sent when the instance died)"
eventually "$WAIT" gw_done || true
expect_eq "phase 2: the gateway's read model has every child exactly once" "$want" "$(gateway_children)"
expect_eq "phase 2: the gateway applied each child event once, duplicates dropped (inbox rows = distinct events)" \
  "$(wc -l <"$tmp/outbox-2")" "$(gateway_inbox)"
