package org.contactpoint.testing;

import org.contactpoint.events.Topics;
import org.contactpoint.testing.population.ChildFeed;
import org.contactpoint.testing.population.InvolvementFeed;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * What a consumer spends applying a feed, for the consumers' cost probes (issue 17): the test JVM's CPU (the service,
 * but also the in-JVM broker and the probe's producer, so by thread too: the consumer's threads are the service's
 * share), the test PostgreSQL's CPU (its processes, from /proc), and the rows and index entries PostgreSQL wrote, by
 * table, from its cumulative statistics. Take {@link #start}, publish, then {@link #until} everything is applied.
 */
public final class ConsumerCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long processCpu;
    private final long postgresCpu;
    private final Map<Long, Long> threadCpu;
    private final Map<String, long[]> tables;
    private final long commits;
    private final long started = System.nanoTime();

    private ConsumerCost() {
        threadCpu = threadCpu();
        processCpu = processCpu();
        postgresCpu = postgresCpu();
        tables = tableWrites();
        commits = commits();
    }

    public static ConsumerCost start() {
        return new ConsumerCost();
    }

    /**
     * Waits until {@code applied} holds, then prints the cost per unit ({@code units} children) with {@code label}.
     *
     * @return JVM CPU, consumer threads' CPU, PostgreSQL CPU (ms per unit) and the wall time (ms per unit)
     */
    public double[] until(String label, int units, Duration timeout, BooleanSupplier applied) {
        return until(label, units, "child", "children", timeout, applied);
    }

    /**
     * As {@link #until(String, int, Duration, BooleanSupplier)}, for units other than children (an import's
     * involvements, say): {@code unit} and {@code unitPlural} name one and many in what it prints.
     */
    public double[] until(String label, int units, String unit, String unitPlural, Duration timeout,
                          BooleanSupplier applied) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!applied.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(label + ": not applied within " + timeout);
            }
            sleep(200);
        }
        double wall = (System.nanoTime() - started) / 1e6;
        long process = processCpu() - processCpu;
        long postgres = postgresCpu() - postgresCpu;
        Map<String, Long> byGroup = new TreeMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        threadCpu().forEach((id, cpu) -> byGroup.merge(group(names.getOrDefault(id, "?")),
                cpu - threadCpu.getOrDefault(id, 0L), Long::sum));
        long consumers = byGroup.entrySet().stream().filter(e -> isConsumer(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        // PostgreSQL's statistics reach the shared view when a backend next reports (at most a second after a
        // transaction, or when idle for ten): wait that out before reading them.
        sleep(11_000);
        Map<String, long[]> after = tableWrites();
        long transactions = commits() - commits;
        System.out.printf(Locale.ROOT, "%n%s: %d %s in %.1f s; per %s: JVM CPU %.3f ms (consumer threads %.3f),"
                        + " PostgreSQL CPU %.3f ms, commits %.4f, wall %.3f ms%n", label, units, unitPlural, wall / 1000,
                unit,
                process / 1e6 / units, consumers / 1e6 / units, postgres / 1e6 / units, (double) transactions / units,
                wall / units);
        byGroup.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> System.out.printf(Locale.ROOT, "    thread %-45s %.3f ms per %s%s%n", e.getKey(),
                        e.getValue() / 1e6 / units, unit, isConsumer(e.getKey()) ? " (consumer)" : ""));
        long[] total = new long[4];
        for (Map.Entry<String, long[]> table : after.entrySet()) {
            long[] before = tables.getOrDefault(table.getKey(), new long[5]);
            long[] now = table.getValue();
            long inserted = now[0] - before[0];
            long updated = now[1] - before[1];
            long deleted = now[2] - before[2];
            if (inserted + updated + deleted == 0) {
                continue;
            }
            long hot = now[3] - before[3];
            long indexes = now[4];
            total[0] += inserted;
            total[1] += updated;
            total[2] += deleted;
            // An insert, and an update that is not heap-only, write an entry in every index of the table.
            total[3] += (inserted + updated - hot) * indexes;
            System.out.printf(Locale.ROOT, "    table %-32s inserted %.3f, updated %.3f (heap-only %.3f), deleted %.3f"
                            + " per %s; %d indexes%n", table.getKey(), (double) inserted / units,
                    (double) updated / units, (double) hot / units, (double) deleted / units, unit, indexes);
        }
        System.out.printf(Locale.ROOT, "    rows written per %s: %.3f (inserted %.3f, updated %.3f, deleted %.3f);"
                        + " index entries about %.3f%n", unit, (double) (total[0] + total[1] + total[2]) / units,
                (double) total[0] / units, (double) total[1] / units, (double) total[2] / units,
                (double) total[3] / units);
        return new double[] {process / 1e6 / units, consumers / 1e6 / units, postgres / 1e6 / units, wall / units};
    }

    /** The threads that fetch and apply the service's records (the connector's pollers and the blocking workers). */
    private static boolean isConsumer(String group) {
        return group.startsWith("vert.x-kafka-consumer") || group.startsWith("smallrye-kafka-consumer")
                || group.startsWith("executor-thread") || group.startsWith("vert.x-worker-thread")
                || group.startsWith("kafka-consumer");
    }

    private static String group(String thread) {
        return thread.replaceAll("\\d+", "#");
    }

    private static Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
    }

    /** Per user table: inserted, updated, deleted, heap-only updated, and how many indexes it has. */
    private static Map<String, long[]> tableWrites() {
        Map<String, long[]> tables = new LinkedHashMap<>();
        try (Connection connection = superuser(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT t.relname, t.n_tup_ins, t.n_tup_upd, t.n_tup_del, t.n_tup_hot_upd,
                            (SELECT count(*) FROM pg_index i WHERE i.indrelid = t.relid)
                     FROM pg_stat_user_tables t ORDER BY t.relname""")) {
            while (rows.next()) {
                tables.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3), rows.getLong(4),
                        rows.getLong(5), rows.getLong(6)});
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read PostgreSQL's table statistics", e);
        }
    }

    private static long commits() {
        try (Connection connection = superuser(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read PostgreSQL's commits", e);
        }
    }

    /**
     * CPU time in ns (user and system) of the test PostgreSQL's postmaster and its live children, from /proc (a
     * backend that has exited is no longer counted).
     */
    public static long postgresCpu() {
        try (Connection connection = superuser(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")) {
            if (!row.next()) {
                throw new IllegalStateException("no checkpointer: PostgreSQL's CPU cannot be read");
            }
            String postmaster = stat(row.getString(1))[1];
            long ticks = 0;
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.toList()) {
                    String pid = process.getFileName().toString();
                    if (!pid.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    String[] stat = stat(pid);
                    if (stat != null && (pid.equals(postmaster) || postmaster.equals(stat[1]))) {
                        ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                    }
                }
            }
            return ticks * 10_000_000L; // USER_HZ 100
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL's CPU cannot be read from /proc", e);
        }
    }

    /** /proc/&lt;pid&gt;/stat after the command name: [1] parent, [11] utime, [12] stime; null once gone. */
    private static String[] stat(String pid) {
        try {
            String text = Files.readString(Path.of("/proc", pid, "stat"));
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (Exception e) {
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The consumers' cost probes' body (issue 17): {@code probe.rounds} rounds, each publishing {@code probe.children}
     * registrations ({@link ChildFeed}: names, former names, addresses, carers, NHS number and source id) to
     * identity.children.v1 at {@code probe.rate} a second (0: all at once) and waiting until {@code heldSql} (a count
     * with one parameter, the round's ContactPoint ID prefix as a LIKE pattern) holds them all, then printing the
     * cost per child. The first round warms the JVM; compare the later ones. {@code -Dprobe.jfr=/tmp/where} records
     * the rounds after the first with JFR, to {@code /tmp/where-<service>.jfr}.
     */
    public static void childFeedRounds(String service, String heldSql) throws Exception {
        feedRounds(service, Topics.IDENTITY_CHILDREN, "child", "children", Integer.getInteger("probe.children", 20_000),
                (count, run) -> ChildFeed.registrations(count, run, 17L + run - 900),
                run -> ChildFeed.contactPointId(run, 0).substring(0, 5) + "%", heldSql);
    }

    /**
     * As {@link #childFeedRounds}, for a consumer of involvement-service's {@code involvement.involvements.v2}: each
     * round publishes {@code probe.involvements} started involvements ({@link InvolvementFeed}: an agency's initial
     * load, 2-4 for each child) at {@code probe.rate} a second and waits until {@code heldSql} (a count with one
     * parameter, the round's involvement id prefix as a LIKE pattern) holds them all, then prints the cost per
     * involvement.
     */
    public static void involvementFeedRounds(String service, String heldSql) throws Exception {
        feedRounds(service, Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, "involvement", "involvements",
                Integer.getInteger("probe.involvements", 20_000), InvolvementFeed::started,
                InvolvementFeed::idPrefix, heldSql);
    }

    /** A feed of {@code count} records of one round ({@code run}: 900 and on), ready to send. */
    @FunctionalInterface
    public interface Feed {
        java.util.List<TestKafkaClient.Outgoing> of(int count, int run);
    }

    private static void feedRounds(String service, String topic, String unit, String unitPlural, int count, Feed feed,
                                   java.util.function.IntFunction<String> heldPattern, String heldSql)
            throws Exception {
        int rounds = Integer.getInteger("probe.rounds", 3);
        // Records published a second (about the bench's end-to-end rate); 0 publishes them all at once.
        int rate = Integer.getInteger("probe.rate", 1000);
        jdk.jfr.Recording recording = null;
        for (int round = 0; round < rounds; round++) {
            int run = 900 + round;
            java.util.List<TestKafkaClient.Outgoing> records = feed.of(count, run);
            String pattern = heldPattern.apply(run);
            if (round == 1 && System.getProperty("probe.jfr") != null) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.setDestination(Path.of(System.getProperty("probe.jfr") + "-" + service + ".jfr"));
                recording.start();
            }
            ConsumerCost cost = start();
            if (rate > 0) {
                TestKafkaClient.sendPaced(topic, records, rate);
            } else {
                TestKafkaClient.sendAll(topic, records);
            }
            cost.until(service + " round " + round + " at " + rate + "/s", records.size(), unit, unitPlural,
                    Duration.ofMinutes(20), () -> count(heldSql, pattern) == records.size());
        }
        if (recording != null) {
            recording.stop();
            recording.close();
        }
    }

    /** A count ({@code sql}: one number, with one text parameter, or none when {@code parameter} is null), as superuser. */
    public static long count(String sql, String parameter) {
        try (Connection connection = superuser(); java.sql.PreparedStatement count = connection.prepareStatement(sql)) {
            if (parameter != null) {
                count.setString(1, parameter);
            }
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
