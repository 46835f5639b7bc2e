package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.contactpoint.identity.application.ImportWorker;
import org.contactpoint.testing.ConsumerCost;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.population.DenseBirthdays;
import org.contactpoint.testing.population.DenseBirthdays.SourceRecord;
import org.junit.jupiter.api.Test;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.contactpoint.identity.Scenario.FEED;

/**
 * identity-service's cost per child of a national load (issue 17), as a diagnostic, not a test: surefire does not run
 * it; run it alone:
 * <pre>
 * ./mvnw -q -B -pl identity-service -am verify -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=ImportCostProbe [-Dprobe.birthdays=6 -Dprobe.rounds=2 -Dprobe.jfr=/tmp/x]
 * </pre>
 * Each round takes {@code probe.birthdays} new birthdays at England's density ({@link DenseBirthdays}, 1,650 children a
 * birthday, with carers, NHS numbers from health sources and a few second records), registers half of each birthday's
 * children through the import path (not measured: the register the load meets), then imports the other half and the
 * second records as NDJSON files uploaded to {@code POST /source-record-imports} (files of {@code probe.file-lines},
 * under the tests' 2 MB upload limit), matched by the import worker in production-size batches on a thread of its own
 * ({@code import-worker}), and published by the outbox relay until the broker has acknowledged every event. The
 * arriving children come in a shuffled order, as the bench's files have them (any birthday at any point).
 * <p>
 * It prints ({@link ConsumerCost}) the JVM's CPU per child by thread (uploads on {@code executor-thread}, the worker
 * on {@code import-worker}, the relay) and PostgreSQL's, the rows written per child by table; then the worker
 * thread's own CPU and allocation per child, every thread's allocation per child, the collections made, and a digest
 * of the round's match decisions (outcome and score of every record, by its source record id), which two builds
 * that decide the same must print alike. The first round also warms the JVM: compare the later ones.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ImportCostProbe {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Inject
    ImportWorker worker;

    @Test
    void costPerChild() throws Exception {
        int birthdays = Integer.getInteger("probe.birthdays", 6);
        int rounds = Integer.getInteger("probe.rounds", 2);
        int fileLines = Integer.getInteger("probe.file-lines", 2_000);
        long seed = Long.getLong("probe.seed", 19);
        List<LocalDate> days = DenseBirthdays.birthdays(birthdays * rounds);
        for (int round = 0; round < rounds; round++) {
            String prefix = "IC" + seed + "r" + round + "-";
            DenseBirthdays.Evaluation evaluation = DenseBirthdays.generate(seed + round,
                    days.subList(round * birthdays, (round + 1) * birthdays), DenseBirthdays.NATIONAL_DENSITY, 0.02,
                    prefix);
            List<SourceRecord> register = new ArrayList<>();
            List<SourceRecord> arriving = new ArrayList<>();
            List<SourceRecord> children = evaluation.newChildren();
            for (int i = 0; i < children.size(); i++) {
                (i % 2 == 0 ? register : arriving).add(children.get(i));
            }
            shuffle(register, seed * 7 + round);
            shuffle(arriving, seed * 11 + round);
            arriving.addAll(evaluation.duplicates());

            upload(register, fileLines);
            drain();
            waitForRelay(Duration.ofMinutes(10));

            jdk.jfr.Recording recording = null;
            if (round == rounds - 1 && System.getProperty("probe.jfr") != null) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.setDestination(Path.of(System.getProperty("probe.jfr") + "-identity-import.jfr"));
                recording.start();
            }
            long[] gcBefore = collections();
            long allocatedBefore = allocatedByAll();
            ConsumerCost cost = ConsumerCost.start();
            AtomicReference<long[]> workerCost = new AtomicReference<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            CountDownLatch drained = new CountDownLatch(1);
            CountDownLatch counted = new CountDownLatch(1);
            // The worker's thread counts its own CPU and allocation, and lives until every thread's is counted: a
            // thread that has ended is no longer counted.
            Thread matching = new Thread(() -> {
                long id = Thread.currentThread().getId();
                long cpu = THREADS.getThreadCpuTime(id);
                long allocated = THREADS.getThreadAllocatedBytes(id);
                try {
                    drain();
                } catch (Throwable e) {
                    failed.set(e);
                }
                workerCost.set(new long[] {THREADS.getThreadCpuTime(id) - cpu,
                        THREADS.getThreadAllocatedBytes(id) - allocated});
                drained.countDown();
                try {
                    counted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "import-worker");
            boolean statements = round == rounds - 1 && Boolean.getBoolean("probe.pgss");
            if (statements) {
                resetStatements();
            }
            upload(arriving, fileLines);
            matching.start();
            drained.await();
            if (failed.get() != null) {
                counted.countDown();
                throw new IllegalStateException("the import worker failed", failed.get());
            }
            int lines = arriving.size();
            cost.until("identity-service import, round " + round + " (" + lines + " lines on " + birthdays
                            + " birthdays, register of " + register.size() + " before it)", lines,
                    Duration.ofMinutes(20), () -> ConsumerCost.count(
                            "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL", null) == 0);
            long allocated = allocatedByAll() - allocatedBefore;
            counted.countDown();
            matching.join();
            long[] gcAfter = collections();
            if (recording != null) {
                recording.stop();
                recording.close();
            }
            long[] own = workerCost.get();
            System.out.printf(Locale.ROOT, "    import worker thread: CPU %.3f ms, allocated %.1f kB per child;"
                            + " all threads allocated %.1f kB per child%n", own[0] / 1e6 / lines,
                    own[1] / 1024.0 / lines, allocated / 1024.0 / lines);
            System.out.printf(Locale.ROOT, "    collections: young %d (%d ms), old %d (%d ms); %s%n",
                    gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], gcAfter[2] - gcBefore[2],
                    gcAfter[3] - gcBefore[3], memory());
            if (statements) {
                printStatements(lines);
            }
            System.out.printf(Locale.ROOT, "    outcomes: %s; decisions digest %s%n", outcomes(prefix),
                    digest(prefix));
        }
    }

    /** The lines as the bench's files have them, a file of at most {@code fileLines} an upload, each answered 202. */
    private static void upload(List<SourceRecord> records, int fileLines) {
        for (int from = 0; from < records.size(); from += fileLines) {
            StringBuilder body = new StringBuilder();
            for (SourceRecord record : records.subList(from, Math.min(records.size(), from + fileLines))) {
                body.append(line(record)).append('\n');
            }
            Response response = given().header("Authorization", FEED).contentType("application/x-ndjson")
                    .body(body.toString().getBytes(StandardCharsets.UTF_8)).post("/source-record-imports");
            if (response.statusCode() != 202) {
                throw new IllegalStateException("upload answered " + response.statusCode() + ": "
                        + response.asString());
            }
        }
    }

    /** One source record as a feed sends it: the fields the bench's lines carry, and an NHS number where known. */
    private static String line(SourceRecord record) {
        var node = Scenario.JSON.createObjectNode();
        node.put("givenNames", record.givenNames()).put("familyName", record.familyName())
                .put("dateOfBirth", record.dateOfBirth().toString()).put("gender", record.gender());
        if (record.postcode() != null) {
            node.putObject("address").put("town", "Town").put("postcode", record.postcode())
                    .putArray("lines").add((1 + Math.floorMod(record.sourceId().hashCode(), 180)) + " High Street");
        }
        node.put("responsibleLocalAuthority", record.localAuthority());
        if (!record.carers().isEmpty()) {
            var carers = node.putArray("parentsCarers");
            record.carers().forEach(c -> carers.addObject().put("name", c.name())
                    .put("relationship", c.relationship()).put("parentalResponsibility", true)
                    .put("phone", "07700 900" + String.format(Locale.ROOT, "%03d",
                            Math.floorMod(c.name().hashCode(), 1000))));
        }
        if (record.nhsNumber() != null) {
            node.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", record.nhsNumber());
        }
        node.put("source", record.source()).put("sourceId", record.sourceId());
        return node.toString();
    }

    /** The worker as its thread runs it, a batch a transaction, until nothing is staged. */
    private void drain() {
        while (worker.processBatch() > 0) {
            // the next batch
        }
    }

    private static void waitForRelay(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ConsumerCost.count("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL", null) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the outbox was not relayed within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private static void shuffle(List<SourceRecord> records, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = records.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            records.set(i, records.set(j, records.get(i)));
        }
    }

    private static long allocatedByAll() {
        long total = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    /** Young and old collections and their time: count, ms, count, ms. */
    private static long[] collections() {
        long[] totals = new long[4];
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            boolean old = gc.getName().contains("Old") || gc.getName().contains("MarkSweep")
                    || gc.getName().contains("Full");
            totals[old ? 2 : 0] += Math.max(0, gc.getCollectionCount());
            totals[old ? 3 : 1] += Math.max(0, gc.getCollectionTime());
        }
        return totals;
    }

    /** This JVM's resident memory now and at its peak (it holds the broker and the probe too). */
    private static String memory() throws Exception {
        String rss = "?";
        String peak = "?";
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = line.substring(6).trim();
            } else if (line.startsWith("VmHWM:")) {
                peak = line.substring(6).trim();
            }
        }
        return "test JVM resident " + rss + ", peak " + peak + " (broker and probe included)";
    }

    /** Lines linked, created, to review, pending and rejected over the round's imports. */
    private static String outcomes(String prefix) throws Exception {
        try (Connection c = connect(); PreparedStatement query = c.prepareStatement("""
                SELECT outcome, count(*) FROM match_decision WHERE source_record_id LIKE ? GROUP BY outcome
                ORDER BY outcome""")) {
            query.setString(1, prefix + "%");
            StringBuilder out = new StringBuilder();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.append(rows.getString(1)).append(' ').append(rows.getLong(2)).append(' ');
                }
            }
            return out.toString().trim();
        }
    }

    /**
     * Every decision of the round, hashed in source record id order: what was decided (outcome, withheld, sealed, and
     * the child linked or created, named by the source record that created it; the ContactPoint IDs differ from run
     * to run), then the scores. Two builds that decide alike print the same first digest. The scores read the
     * register's size, which the service recounts at most once a second on a small register: a build that matches
     * faster may recount at other batches and score a few pairs a little differently.
     */
    private static String digest(String prefix) throws Exception {
        MessageDigest decided = MessageDigest.getInstance("SHA-256");
        MessageDigest scores = MessageDigest.getInstance("SHA-256");
        try (Connection c = connect(); PreparedStatement query = c.prepareStatement("""
                SELECT d.source, d.source_record_id, d.outcome, d.withheld::text, d.sealed::text,
                       coalesce(creator.source_record_id, '-'), coalesce(d.score::text, '-')
                FROM match_decision d
                LEFT JOIN match_decision creator ON creator.child_id = d.child_id AND creator.outcome = 'CREATED'
                WHERE d.source_record_id LIKE ? ORDER BY d.source, d.source_record_id, d.decided_at""")) {
            query.setString(1, prefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    for (int column = 1; column <= 7; column++) {
                        (column == 7 ? scores : decided).update(rows.getString(column).getBytes(StandardCharsets.UTF_8));
                        (column == 7 ? scores : decided).update((byte) 0);
                    }
                }
            }
        }
        return "decided " + HexFormat.of().formatHex(decided.digest()).substring(0, 16) + ", scores "
                + HexFormat.of().formatHex(scores.digest()).substring(0, 16);
    }

    private static void resetStatements() throws Exception {
        try (Connection c = connect(); var s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** PostgreSQL's time by statement since the reset: where its share of a child goes. */
    private static void printStatements(int lines) throws Exception {
        try (Connection c = connect(); PreparedStatement query = c.prepareStatement("""
                SELECT calls, rows, total_exec_time, total_plan_time, shared_blks_hit, shared_blks_read,
                       shared_blks_dirtied, wal_bytes, regexp_replace(query, '\\s+', ' ', 'g')
                  FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 30""");
             ResultSet r = query.executeQuery()) {
            System.out.println("    statements: ms/child exec+plan | calls | rows | blks hit/read/dirtied per child"
                    + " | WAL B/child | query");
            while (r.next()) {
                String text = r.getString(9);
                System.out.printf(Locale.ROOT, "    pgss %.4f (%.4f plan) | %d | %d | %.1f/%.2f/%.2f | %.0f | %s%n",
                        (r.getDouble(3) + r.getDouble(4)) / lines, r.getDouble(4) / lines, r.getLong(1),
                        r.getLong(2), r.getLong(5) / (double) lines, r.getLong(6) / (double) lines,
                        r.getLong(7) / (double) lines, r.getDouble(8) / lines,
                        text.substring(0, Math.min(text.length(), 220)));
            }
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
    }
}
