#!/usr/bin/env bash
# Local single-node Kafka (KRaft, broker and controller in one JVM) on 127.0.0.1, from Maven
# Central jars. Usage:
#   deploy/local/kafka.sh start|stop|status
#   deploy/local/kafka.sh consume TOPIC [console-consumer args...]   (from the beginning, Ctrl-C to stop)
#   deploy/local/kafka.sh produce TOPIC [console-producer args...]   (one record per stdin line)
#   deploy/local/kafka.sh tool CLASS [args...]                       (any Kafka tool class, e.g. TopicCommand)
set -euo pipefail
CP_LOG_TAG=kafka
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_HOME="$CP_STATE/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_CONF="$KAFKA_HOME/server.properties"
KAFKA_PID="$CP_PIDS/kafka.pid"
KAFKA_LOG="$CP_LOGS/kafka.log"
KAFKA_POM="$CP_LOCAL_DIR/kafka/pom.xml"
KAFKA_LOG4J="$CP_LOCAL_DIR/kafka/log4j2.properties"
KAFKA_BOOTSTRAP="127.0.0.1:$CP_KAFKA_PORT"
# Appears in the broker's command line: proves a pid is our broker, not a reused pid.
KAFKA_MARKER="$KAFKA_CONF"

require_java() {
  command -v java >/dev/null 2>&1 || die "java not found; install a JDK 17+ (e.g. apt-get install openjdk-17-jdk-headless)"
}

# Copy the jars once; the stamp (hash of the POM) makes a changed POM fetch them again.
ensure_libs() {
  local stamp
  stamp="$(cksum <"$KAFKA_POM" | cut -d' ' -f1)"
  if [[ -f "$KAFKA_LIBS/.stamp" && "$(<"$KAFKA_LIBS/.stamp")" == "$stamp" ]]; then
    return 0
  fi
  log "fetching Kafka jars from Maven Central into $KAFKA_LIBS"
  rm -rf "$KAFKA_LIBS"
  (cd "$CP_ROOT" && ./mvnw -B -q -f "$KAFKA_POM" dependency:copy-dependencies -Dkafka.libs="$KAFKA_LIBS") ||
    die "could not fetch the Kafka jars (see Maven output above)"
  echo "$stamp" >"$KAFKA_LIBS/.stamp"
}

# Java with the Kafka jars and our log4j2 config; tools log at WARN so their output stays readable.
kafka_java() {
  java -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dcp.kafka.log.level="${CP_KAFKA_TOOL_LOG_LEVEL:-WARN}" \
    -Dcp.kafka.log.target=SYSTEM_ERR -cp "$KAFKA_LIBS/*" "$@"
}

write_config() {
  cat >"$KAFKA_CONF" <<EOF
# Written by deploy/local/kafka.sh on every start; change CP_KAFKA_PORT instead.
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$CP_KAFKA_PORT,CONTROLLER://127.0.0.1:$CP_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$CP_KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
controller.quorum.bootstrap.servers=127.0.0.1:$CP_KAFKA_CONTROLLER_PORT
log.dirs=$KAFKA_DATA
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Consumers join at once instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0
# The known topics are created by kafka.sh (kafka/topics); anything else a service asks for appears.
auto.create.topics.enable=true
EOF
}

# Format the storage once. The single-node voter set (with the controller port) is written into the
# metadata log, so the ports used at format time are remembered and a later change is refused.
ensure_formatted() {
  local ports="$CP_KAFKA_PORT $CP_KAFKA_CONTROLLER_PORT"
  if [[ -f "$KAFKA_DATA/meta.properties" ]]; then
    if [[ -f "$KAFKA_HOME/formatted-ports" && "$(<"$KAFKA_HOME/formatted-ports")" != "$ports" ]]; then
      die "storage was formatted for ports $(<"$KAFKA_HOME/formatted-ports"), now asked for $ports; remove $KAFKA_DATA (losing the topics) or use the old ports"
    fi
    return 0
  fi
  [[ -s "$KAFKA_HOME/cluster-id" ]] || kafka_java kafka.tools.StorageTool random-uuid >"$KAFKA_HOME/cluster-id"
  log "formatting storage (cluster id $(<"$KAFKA_HOME/cluster-id"))"
  mkdir -p "$KAFKA_DATA"
  kafka_java kafka.tools.StorageTool format -t "$(<"$KAFKA_HOME/cluster-id")" -c "$KAFKA_CONF" --standalone >>"$KAFKA_LOG" 2>&1 ||
    { tail -n 20 "$KAFKA_LOG" >&2; die "storage format failed"; }
  echo "$ports" >"$KAFKA_HOME/formatted-ports"
}

create_topics() {
  kafka_java "$CP_LOCAL_DIR/kafka/CreateTopics.java" "$KAFKA_BOOTSTRAP" "$CP_LOCAL_DIR/kafka/topics" |
    while IFS= read -r line; do log "$line"; done
}

cmd_start() {
  cp_ensure_dirs
  require_java
  mkdir -p "$KAFKA_HOME"
  if pid_alive "$KAFKA_PID" "$KAFKA_MARKER"; then
    log "already running on $KAFKA_BOOTSTRAP (pid $(<"$KAFKA_PID"))"
    return 0
  fi
  for port in "$CP_KAFKA_PORT" "$CP_KAFKA_CONTROLLER_PORT"; do
    port_open 127.0.0.1 "$port" && die "port $port is taken by another process; set CP_KAFKA_PORT / CP_KAFKA_CONTROLLER_PORT"
  done
  ensure_libs
  write_config
  ensure_formatted
  log "starting Kafka 4.2.1 on $KAFKA_BOOTSTRAP (log $KAFKA_LOG)"
  spawn "$KAFKA_PID" "$KAFKA_LOG" java -Xms256m -Xmx512m -XX:+UseG1GC \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dkafka.logs.dir="$CP_LOGS" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONF"
  if ! wait_for_port 127.0.0.1 "$CP_KAFKA_PORT" 90 "$KAFKA_PID" "$KAFKA_MARKER"; then
    tail -n 40 "$KAFKA_LOG" >&2
    die "broker did not open $KAFKA_BOOTSTRAP"
  fi
  # An open port is not yet a ready broker; the topic creation retries until it is.
  create_topics || { tail -n 40 "$KAFKA_LOG" >&2; die "broker is up but topic creation failed"; }
  log "ready on $KAFKA_BOOTSTRAP (pid $(<"$KAFKA_PID"))"
}

cmd_stop() {
  # Kafka flushes and closes its logs on SIGTERM; give it time before SIGKILL.
  stop_pid "$KAFKA_PID" "$KAFKA_MARKER" kafka 60
}

cmd_status() {
  if pid_alive "$KAFKA_PID" "$KAFKA_MARKER" && port_open 127.0.0.1 "$CP_KAFKA_PORT"; then
    echo "kafka: running on $KAFKA_BOOTSTRAP (pid $(<"$KAFKA_PID"))"
  else
    echo "kafka: stopped"
    return 3
  fi
}

require_running() {
  pid_alive "$KAFKA_PID" "$KAFKA_MARKER" || die "Kafka is not running; deploy/local/kafka.sh start"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  consume)
    [[ $# -ge 2 ]] || die "usage: $0 consume TOPIC [args...]"
    require_running
    topic="$2"
    shift 2
    kafka_java org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$KAFKA_BOOTSTRAP" \
      --topic "$topic" --from-beginning --formatter-property print.key=true --formatter-property print.headers=true "$@"
    ;;
  produce)
    [[ $# -ge 2 ]] || die "usage: $0 produce TOPIC [args...]"
    require_running
    topic="$2"
    shift 2
    kafka_java org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$topic" "$@"
    ;;
  tool)
    [[ $# -ge 2 ]] || die "usage: $0 tool CLASS [args...]"
    shift
    kafka_java "$@"
    ;;
  *)
    echo "usage: $0 start|stop|status|consume TOPIC|produce TOPIC|tool CLASS [args]" >&2
    exit 2
    ;;
esac
