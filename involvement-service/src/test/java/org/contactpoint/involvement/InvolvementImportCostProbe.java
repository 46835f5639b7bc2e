package org.contactpoint.involvement;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.contactpoint.events.Topics;
import org.contactpoint.involvement.application.ImportWorker;
import org.contactpoint.testing.ConsumerCost;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.contactpoint.testing.population.ChildFeed;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * involvement-service's cost per involvement of an agency's initial load (issue 17), as a diagnostic, not a test:
 * surefire does not run it; run it alone:
 * <pre>
 * ./mvnw -q -B -pl involvement-service -am verify -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=InvolvementImportCostProbe [-Dprobe.children=8000 -Dprobe.rounds=3 -Dprobe.jfr=/tmp/x]
 * </pre>
 * Each round first makes the service know {@code probe.children} new children (identity.children.v1 at national
 * density, as {@code ChildFeedCostProbe} sends them, all at once; their cost is printed apart), then measures their
 * involvements' whole path here:
 * each organisation's NDJSON file uploaded to {@code POST /involvement-imports} with that organisation's own agency
 * token (four uploads at a time, as the bench does), applied by the import worker in batches of the production size
 * ({@code probe.batch}, 500) on a thread of its own, and published by the outbox relay until the broker has
 * acknowledged every event. The involvements have the bench's shape: 2-4 a child named by its source id, the GP practice
 * (one per 1,750 children), under five a health visitor and from two for seven in ten a nursery, from five a school
 * (one per 420) and for one in two the school nurse, 6 % known to children's social care (lead professional). It prints
 * ({@link ConsumerCost}) the JVM's CPU per involvement, by thread (the uploads on {@code executor-thread}, the worker on
 * {@code import-worker}, the relay on {@code outbox-relay} and the producer's network thread), PostgreSQL's, and the
 * rows and index entries written per involvement by table. The first round warms the JVM; compare the later ones.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class InvolvementImportCostProbe {

    /** One organisation's initial load: who it is and its NDJSON lines (its own organisation on each). */
    private record OrganisationFile(String name, String code, List<String> lines) {
    }

    /** A child this service knows, by the source id an agency names it with. */
    private record NamedChild(String contactPointId, String sourceId, String source) {
    }

    private static final LocalDate REFERENCE_DAY = LocalDate.of(2026, 12, 7);

    @Inject
    ImportWorker worker;

    @TestHTTPResource("/involvement-imports")
    URL imports;

    @Test
    void costPerInvolvement() throws Exception {
        int children = Integer.getInteger("probe.children", 8_000);
        int rounds = Integer.getInteger("probe.rounds", 3);
        int batch = Integer.getInteger("probe.batch", 500);
        jdk.jfr.Recording recording = null;
        for (int round = 0; round < rounds; round++) {
            int run = 800 + round;
            List<NamedChild> known = knowChildren(children, run, 29L + round);
            List<OrganisationFile> files = involvements(known, "probe" + run + "-");
            int lines = files.stream().mapToInt(f -> f.lines().size()).sum();
            if (round == 1 && System.getProperty("probe.jfr") != null) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.setDestination(Path.of(System.getProperty("probe.jfr") + "-involvement-import.jfr"));
                recording.start();
            }
            ConsumerCost cost = ConsumerCost.start();
            AtomicBoolean uploaded = new AtomicBoolean();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            CountDownLatch drained = new CountDownLatch(1);
            CountDownLatch counted = new CountDownLatch(1);
            // The worker's thread lives until its CPU is counted: a thread that has ended is no longer counted.
            Thread applying = new Thread(() -> {
                try {
                    drain(batch, uploaded);
                } catch (Throwable e) {
                    failed.set(e);
                } finally {
                    drained.countDown();
                }
                try {
                    counted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "import-worker");
            applying.start();
            upload(files, run);
            uploaded.set(true);
            drained.await();
            if (failed.get() != null) {
                counted.countDown();
                throw new IllegalStateException("the import worker failed", failed.get());
            }
            String pattern = "probe" + run + "-%";
            String childrenOfRound = ChildFeed.contactPointId(run, 0).substring(0, 5) + "%";
            // The worker has applied every import (it stops only when none waits): what is left is the relay.
            cost.until("involvement-service import, round " + round + " (" + known.size() + " children, "
                            + files.size() + " organisations, batches of " + batch + ")", lines, "involvement",
                    "involvements", Duration.ofMinutes(20),
                    () -> count("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL", null) == 0);
            counted.countDown();
            applying.join();
            long started = count("SELECT count(*) FROM involvement WHERE submission_id LIKE ?", pattern);
            System.out.printf(Locale.ROOT, "    lines %d, involvements started %d, imports not completed %d,"
                            + " lines rejected %d%n", lines, started,
                    count("SELECT count(*) FROM involvement_import WHERE agency LIKE ? AND state <> 'COMPLETED'",
                            pattern),
                    count("SELECT coalesce(sum(rejected), 0) FROM involvement_import WHERE agency LIKE ?", pattern));
            long notices = count("SELECT count(*) FROM notification WHERE contact_point_id LIKE ?", childrenOfRound);
            System.out.printf(Locale.ROOT, "    new-involvement notifications: %d (%.3f per involvement)%n", notices,
                    notices / (double) lines);
        }
        if (recording != null) {
            recording.stop();
            recording.close();
        }
    }

    /** The worker as the scheduled job runs it, a batch a transaction, until the uploads are in and applied. */
    private void drain(int batch, AtomicBoolean uploaded) throws InterruptedException {
        while (true) {
            boolean more = QuarkusTransaction.requiringNew().call(() -> worker.applyNextBatch(batch));
            if (!more) {
                if (uploaded.get() && !QuarkusTransaction.requiringNew().call(() -> worker.applyNextBatch(batch))) {
                    return;
                }
                Thread.sleep(20);
            }
        }
    }

    /**
     * Registers the children with this service (their cost printed apart: a child's identifiers are written here) and
     * reads back the source id each is known by.
     */
    private static List<NamedChild> knowChildren(int children, int run, long seed) throws Exception {
        List<TestKafkaClient.Outgoing> feed = ChildFeed.registrations(children, run, seed);
        String prefix = ChildFeed.contactPointId(run, 0).substring(0, 5) + "%";
        ConsumerCost cost = ConsumerCost.start();
        TestKafkaClient.sendAll(Topics.IDENTITY_CHILDREN, feed);
        cost.until("involvement-service children of round " + (run - 800) + " (identity.children.v1, all at once)",
                feed.size(), Duration.ofMinutes(10),
                () -> count("SELECT count(*) FROM known_child WHERE contact_point_id LIKE ?", prefix) == feed.size());
        List<NamedChild> known = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement query = c.prepareStatement("""
                SELECT contact_point_id, value, source FROM known_child_identifier
                WHERE scheme = 'SOURCE_ID' AND contact_point_id LIKE ? ORDER BY contact_point_id""")) {
            query.setString(1, prefix);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    known.add(new NamedChild(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
        }
        return known;
    }

    /** Every child's 2-4 involvements, one file per organisation, in the order the bench's files have them. */
    private static List<OrganisationFile> involvements(List<NamedChild> children, String submissionPrefix) {
        int practices = Math.max(1, children.size() / 1_750);
        int schools = Math.max(1, children.size() / 420);
        Map<String, OrganisationFile> files = new LinkedHashMap<>();
        for (int n = 0; n < children.size(); n++) {
            NamedChild child = children.get(n);
            SplittableRandom r = new SplittableRandom(n * 31L + 7);
            int ageYears = n % 18;
            LocalDate born = REFERENCE_DAY.minusYears(ageYears).minusDays(r.nextInt(365));
            int practice = r.nextInt(practices);
            int school = r.nextInt(schools);
            Lines lines = new Lines(files, submissionPrefix + n + "-", child);
            lines.add("Probe " + practice + " Medical Practice", String.format(Locale.ROOT, "G%04d", practice), "GP",
                    null, null, born.plusWeeks(6), false);
            if (ageYears < 5) {
                lines.add("Probe Health Visiting Service", "HVPROBE", "HEALTH_VISITOR", "Ms Amina Okafor",
                        "Health Visitor", born.plusDays(10), false);
                if (ageYears >= 2 && r.nextInt(10) < 7) {
                    lines.add("Probe " + school + " Nursery", String.format(Locale.ROOT, "EY%04d", school),
                            "EARLY_YEARS", null, null, born.plusYears(2), false);
                }
            } else {
                LocalDate september = LocalDate.of(born.getYear() + (born.getMonthValue() >= 9 ? 5 : 4), 9, 1);
                lines.add("Probe " + school + " School", String.format(Locale.ROOT, "URN%04d", school), "SCHOOL",
                        null, null, september, false);
                if (r.nextInt(2) == 0) {
                    lines.add("Probe School Nursing Service", "SNPROBE", "SCHOOL_NURSE", "Ms Ruth Adeyemi",
                            "School Nurse", september, false);
                }
            }
            if (r.nextInt(100) < 6) {
                lines.add("Probe Children's Social Care", "CSCPROBE", "CHILDRENS_SOCIAL_CARE", "Mr Tomasz Nowak",
                        "Social Worker", born.plusDays(r.nextInt(Math.max(1, ageYears * 365))), true);
            }
        }
        return List.copyOf(files.values());
    }

    /** One child's lines, each added to its organisation's file, numbered in the order added. */
    private static final class Lines {
        private final Map<String, OrganisationFile> files;
        private final String submissionPrefix;
        private final NamedChild child;
        private int number;

        Lines(Map<String, OrganisationFile> files, String submissionPrefix, NamedChild child) {
            this.files = files;
            this.submissionPrefix = submissionPrefix;
            this.child = child;
        }

        void add(String organisation, String code, String serviceType, String practitioner, String role,
                 LocalDate start, boolean lead) {
            String line = "{\"submissionId\":\"" + submissionPrefix + number++ + "\",\"sourceIdentifier\":{"
                    + "\"scheme\":\"SOURCE_ID\",\"value\":\"" + child.sourceId() + "\",\"source\":\""
                    + child.source() + "\"},\"serviceType\":\"" + serviceType + "\",\"organisation\":{\"name\":\""
                    + organisation + "\",\"code\":\"" + code + "\"}"
                    + (practitioner == null ? "" : ",\"practitioner\":{\"name\":\"" + practitioner
                    + "\",\"role\":\"" + role + "\"}")
                    + ",\"contact\":{\"phone\":\"020 7946 0" + String.format(Locale.ROOT, "%03d",
                    Math.floorMod(child.contactPointId().hashCode(), 1000)) + "\"},\"startDate\":\"" + start
                    + "\",\"leadProfessional\":" + lead + ",\"cafHeld\":false}";
            files.computeIfAbsent(code, c -> new OrganisationFile(organisation, code, new ArrayList<>())).lines()
                    .add(line);
        }
    }

    /** Each organisation's file with its own agency token, four at a time; each answered 202 once staged. */
    private void upload(List<OrganisationFile> files, int run) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService uploads = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (OrganisationFile file : files) {
                String token = TestTokens.user("probe" + run + "-" + file.code()).roles("agency-system")
                        .organisation(file.name(), file.code()).sign();
                StringBuilder body = new StringBuilder();
                file.lines().forEach(line -> body.append(line).append('\n'));
                HttpRequest request = HttpRequest.newBuilder(URI.create(imports.toString()))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                answers.add(uploads.submit(() -> http.send(request, HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("upload answered " + response.statusCode() + ": "
                            + response.body());
                }
            }
        } finally {
            uploads.shutdown();
        }
    }

    private static long count(String sql, String parameter) {
        return ConsumerCost.count(sql, parameter);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
    }
}
