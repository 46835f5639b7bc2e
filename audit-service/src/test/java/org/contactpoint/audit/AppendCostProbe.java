package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.contactpoint.audit.messaging.in.AuditEventHandler;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * audit-service's cost per chained record, without the broker or a sender in the way (issue 19), as a diagnostic, not a
 * test: surefire does not run it; run it alone:
 * <pre>
 * ./mvnw -q -B -pl audit-service -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=AppendCostProbe \
 *     [-Dappend.polls=10 -Dappend.rounds=3]
 * </pre>
 * It hands the consumer's handler polls of 2,000 lookups as {@code gateway.audit-events.v1} delivers them (each with
 * its {@code ce_id} and {@code traceparent}), on the probe's own thread, so that thread's CPU is the consumer's, and
 * reports per scenario the wall time, the handler thread's CPU and PostgreSQL's CPU (its processes, from /proc) per
 * record. Scenarios: <b>first night</b> (every lookup a new practitioner's first of the night: an out-of-hours alert
 * each), <b>night, again</b> (the same practitioners' next lookups: counted on their alerts), <b>day</b> (working
 * hours, every lookup a new practitioner's). The outbox relay and the audit stream's relay run meanwhile, as in
 * production; their CPU is reported beside ("relay"). Each round runs every scenario once; the first round warms the JVM and is not reported.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AppendCostProbe {

    /** A Wednesday night in London (out of hours), and that Wednesday's morning. */
    private static final Instant NIGHT = Instant.parse("2026-11-18T23:00:00Z");
    private static final Instant DAY = Instant.parse("2026-11-18T10:00:00Z");
    private static final int POLL = 2000;

    private final int polls = Integer.getInteger("append.polls", 10);
    private final int rounds = Integer.getInteger("append.rounds", 3);

    @Inject
    AuditEventHandler handler;

    @Test
    void costPerRecord() throws Exception {
        Map<String, List<double[]>> measured = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            String run = Fixtures.randomHex(3) + "-r" + round + "-u";
            measure(round, "first night", measured, n -> "night-" + run + n, NIGHT);
            measure(round, "night, again", measured, n -> "night-" + run + n, NIGHT.plusSeconds(60));
            measure(round, "day", measured, n -> "day-" + run + n, DAY);
        }
        System.out.println();
        System.out.println("append cost per record (wall ms, handler CPU ms, PostgreSQL CPU ms, relay CPU ms), "
                + "rounds after the first:");
        measured.forEach((scenario, runs) -> runs.forEach(r -> System.out.printf(Locale.ROOT,
                "  %-13s wall %.3f  handler %.3f  postgres %.3f  relay %.3f%n", scenario, r[0], r[1], r[2], r[3])));
    }

    private void measure(int round, String scenario, Map<String, List<double[]>> measured,
                         java.util.function.IntFunction<String> user, Instant from) throws Exception {
        List<List<ConsumerRecord<String, String>>> batches = new ArrayList<>();
        for (int p = 0; p < polls; p++) {
            List<ConsumerRecord<String, String>> poll = new ArrayList<>(POLL);
            for (int i = 0; i < POLL; i++) {
                int n = p * POLL + i;
                AuditEvent event = Fixtures.search(user.apply(n), "Practitioner " + n, "Okafor",
                        from.plusMillis(n), Fixtures.newChildId());
                RecordHeaders headers = new RecordHeaders();
                Fixtures.header(headers, CloudEventHeaders.ID, event.eventId());
                Fixtures.header(headers, CloudEventHeaders.TYPE, AuditEvent.TYPE);
                Fixtures.header(headers, CloudEventHeaders.SOURCE, "search-gateway");
                Fixtures.header(headers, "traceparent", "00-" + Fixtures.randomHex(16) + "-"
                        + Fixtures.randomHex(8) + "-01");
                ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.GATEWAY_AUDIT_EVENTS, 0, n,
                        event.eventId(), Fixtures.json(event));
                headers.forEach(record.headers()::add);
                poll.add(record);
            }
            batches.add(poll);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long head = headSequence();
        long postgres = postgresCpu();
        long relay = relayCpu(threads);
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (List<ConsumerRecord<String, String>> poll : batches) {
            handler.handle(poll);
        }
        double wall = (System.nanoTime() - start) / 1e6;
        double handlerCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
        // The relays publish what was just committed: let them finish before reading their and PostgreSQL's CPU.
        Fixtures.await("the relays to drain the outbox and the stream", java.time.Duration.ofSeconds(120),
                () -> unsent() == 0);
        double postgresCpu = (postgresCpu() - postgres) / 1e6;
        double relayCpu = (relayCpu(threads) - relay) / 1e6;
        long records = (long) polls * POLL;
        assertThat(headSequence() - head).as("%s: records chained", scenario).isEqualTo(records);
        double[] perRecord = {wall / records, handlerCpu / records, postgresCpu / records, relayCpu / records};
        System.out.printf(Locale.ROOT, "round %d %-13s %d records: wall %.3f, handler CPU %.3f, PostgreSQL CPU %.3f,"
                        + " relay CPU %.3f ms per record%n", round, scenario, records, perRecord[0], perRecord[1],
                perRecord[2], perRecord[3]);
        if (round > 0) {
            measured.computeIfAbsent(scenario, s -> new ArrayList<>()).add(perRecord);
        }
    }

    private static long relayCpu(ThreadMXBean threads) {
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().contains("outbox-relay")
                    || info.getThreadName().contains("audit-stream-relay"))) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long unsent() {
        try (Connection connection = Fixtures.superuser(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT (SELECT count(*) FROM outbox_event WHERE sent_at IS NULL)"
                     + " + (SELECT h.last_sequence - p.published_sequence FROM chain_head h, audit_stream_position p)")) {
            row.next();
            return row.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long headSequence() throws Exception {
        try (Connection connection = Fixtures.superuser(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT last_sequence FROM chain_head WHERE id = 1")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** CPU time (ns) of the test's PostgreSQL; a probe that cannot read it has nothing to report. */
    private static long postgresCpu() {
        long nanos = PostgresCpu.nanos();
        if (nanos < 0) {
            throw new IllegalStateException("PostgreSQL's CPU time cannot be read from /proc");
        }
        return nanos;
    }

}
