import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole register through the real paths (issue 17), the only way {@code deploy/bench/run} fills its register:
 * the children as NDJSON source records uploaded to identity-service's {@code POST /source-record-imports}, then each
 * organisation's involvements as NDJSON to involvement-service's {@code POST /involvement-imports} with that
 * organisation's own agency token. Measured end to end: a child or an involvement counts when the gateway's read
 * model has it (its row counts, polled every second), so the rates include matching, the outboxes, Kafka and the
 * projections. Reports children/s and involvements/s, the rate at 10 %, 50 % and 100 % of the load (over the 5 % of
 * the load before each mark), CPU-ms per child (and per involvement) of each process, and each process's peak
 * resident memory.
 *
 * <p>The import endpoints' contract, as the services that build them describe it: the body is NDJSON, one record a
 * line with the fields of {@code POST /source-records} (or {@code POST /involvements}); the answer is 202 with a
 * Location; {@code GET} on it answers the import's {@code state} (RECEIVING, QUEUED, RUNNING, COMPLETED, FAILED) and
 * its counts.
 */
final class Imports {

    /** Children per uploaded file: small enough that progress shows file by file, large enough to batch well. */
    private static final int CHILDREN_PER_FILE = 100_000;
    private static final Duration STALL = Duration.ofSeconds(180);
    /** Organisations uploading at the same time. */
    private static final int UPLOADERS = 4;

    private final Bench bench;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Imports(Bench bench, Path out) {
        this.bench = bench;
        this.dir = out.resolve("imports");
    }

    /** One organisation's involvement file, with the organisation its agency token must name. */
    record OrganisationFile(String code, String name, Path file, long lines) {
    }

    /** An import the service accepted: where its status is, and its last answer. */
    static final class Upload {
        final String label;
        final URI status;
        Map<String, String> last = Map.of();

        Upload(String label, URI status) {
            this.label = label;
            this.status = status;
        }

        boolean finished() {
            String state = last.get("state");
            return "COMPLETED".equals(state) || "FAILED".equals(state);
        }

        long count(String field) {
            String v = last.get(field);
            return v == null || v.equals("null") ? 0 : (long) Double.parseDouble(v);
        }
    }

    // ---- generating the files ----------------------------------------------------------------------------------

    /**
     * The register as NDJSON source records: the children in files of {@value #CHILDREN_PER_FILE}, then the
     * duplicates (2 %, from a second source with the errors a real feed makes) in a last file, so each duplicate meets
     * its original already registered.
     */
    List<Path> writeChildren(Population population, int n, int duplicates) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int from = 0; from < n; from += CHILDREN_PER_FILE) {
            Path file = dir.resolve(String.format("children-%04d.ndjson", files.size() + 1));
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                for (int i = from; i < Math.min(n, from + CHILDREN_PER_FILE); i++) {
                    w.write(Population.sourceRecordJson(population.child(i), "HEALTH_DEMOGRAPHICS", "H" + i));
                    w.newLine();
                }
            }
            files.add(file);
        }
        Path file = dir.resolve("duplicates.ndjson");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int k = 0; k < duplicates; k++) {
                w.write(Population.sourceRecordJson(population.duplicate(k, n).record(), "SCHOOL_CENSUS", "S" + k));
                w.newLine();
            }
        }
        files.add(file);
        return files;
    }

    /**
     * Every child's 2-4 involvements as one NDJSON file per organisation (an agency's initial load names only its own
     * organisation), the child named by the health feed's source id. Written in two passes, so that memory holds one
     * local authority's involvements at a time however large the register: first one file per authority, each line
     * prefixed by its organisation, then each authority's lines grouped into its organisations' files.
     */
    List<OrganisationFile> writeInvolvements(Population population, int n) throws IOException {
        Path byAuthority = dir.resolve("by-authority");
        Path byOrganisation = dir.resolve("involvements");
        Files.createDirectories(byAuthority);
        Files.createDirectories(byOrganisation);
        Map<String, BufferedWriter> authorities = new HashMap<>();
        try {
            for (int i = 0; i < n; i++) {
                Population.Child child = population.child(i);
                BufferedWriter w = authorities.get(child.authority() + child.town());
                if (w == null) {
                    w = Files.newBufferedWriter(byAuthority.resolve(authorities.size() + ".tsv"));
                    authorities.put(child.authority() + child.town(), w);
                }
                int number = 0;
                for (Population.Involvement v : population.involvements(child, n)) {
                    w.write(v.organisationCode() + "\t" + v.organisation() + "\t"
                            + Population.involvementJson(null, i, "bench-" + i + "-" + number++, v));
                    w.newLine();
                }
            }
        } finally {
            for (BufferedWriter w : authorities.values()) {
                w.close();
            }
        }
        List<OrganisationFile> files = new ArrayList<>();
        try (var tsvs = Files.list(byAuthority)) {
            for (Path tsv : tsvs.sorted().toList()) {
                Map<String, List<String>> lines = new LinkedHashMap<>();
                Map<String, String> names = new HashMap<>();
                for (String line : Files.readAllLines(tsv)) {
                    String[] f = line.split("\t", 3);
                    lines.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[2]);
                    names.put(f[0], f[1]);
                }
                for (Map.Entry<String, List<String>> e : lines.entrySet()) {
                    Path file = byOrganisation.resolve(e.getKey() + ".ndjson");
                    Files.write(file, e.getValue());
                    files.add(new OrganisationFile(e.getKey(), names.get(e.getKey()), file, e.getValue().size()));
                }
                Files.delete(tsv);
            }
        }
        Files.delete(byAuthority);
        return files;
    }

    // ---- uploading and following --------------------------------------------------------------------------------

    /** POSTs a file as NDJSON and answers where its status is; retried on a 5xx or a broken connection (idempotent). */
    Upload upload(String base, String path, String token, Path file) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/x-ndjson")
                        .timeout(Duration.ofMinutes(30))
                        .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202) {
                    String location = r.headers().firstValue("Location")
                            .orElseThrow(() -> new IllegalStateException(path + " answered 202 without a Location"));
                    Upload upload = new Upload(file.getFileName().toString(), URI.create(base).resolve(location));
                    // The 202 carries the import's first status (its lines, once staged): progress counts it at once.
                    upload.last = Json.parseFlat(r.body());
                    return upload;
                }
                if (r.statusCode() < 500 || attempt >= 5) {
                    throw new IllegalStateException("upload of " + file + " to " + path + ": " + r.statusCode() + " "
                            + r.body());
                }
            } catch (IOException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
            // The same lines again are the same records (source id, submission id): a retry creates nothing twice.
            Thread.sleep(1000L << attempt);
        }
    }

    void poll(Upload upload, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(upload.status)
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
            upload.last = Json.parseFlat(r.body());
        } else {
            System.err.println("status of " + upload.label + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** The read model's count, sampled every second from the start of a phase: seconds since the start -> rows. */
    static final class Series {
        final List<double[]> points = new ArrayList<>();

        void add(double seconds, long rows) {
            points.add(new double[]{seconds, rows});
        }

        /**
         * The second at which the rows reached {@code rows}, interpolated between the two samples around it: a sample
         * takes a second or more (status calls, psql), and a small load can pass several 5 % marks between two samples,
         * which would otherwise leave a mark's 5 % without any time at all.
         */
        double reached(double rows) {
            double[] before = {0, 0};
            for (double[] p : points) {
                if (p[1] >= rows) {
                    return p[1] == before[1] ? p[0]
                            : before[0] + (p[0] - before[0]) * (rows - before[1]) / (p[1] - before[1]);
                }
                before = p;
            }
            return Double.NaN;
        }

        /** Rows a second over the 5 % of {@code total} before the mark at {@code fraction} of it. */
        double rateAt(double fraction, long total) {
            double to = reached(fraction * total);
            double from = reached((fraction - 0.05) * total);
            return to > from ? 0.05 * total / (to - from) : Double.NaN;
        }
    }

    /**
     * Follows the uploads until each is finished and the gateway's read model holds what they created
     * ({@code expected} reads that from the uploads' last answers), printing a progress line every second.
     * Fails when the read model has not grown for {@link #STALL}.
     */
    Series follow(String phase, List<Upload> uploads, Map<Upload, String> tokens, TableCount gatewayCount,
                  java.util.function.ToLongFunction<List<Upload>> expected, long startNanos) throws Exception {
        Series series = new Series();
        long seen = -1;
        long lastChange = System.nanoTime();
        int cursor = 0;
        while (true) {
            Thread.sleep(1000);
            // At most 50 status calls a second, round robin over the unfinished ones: thousands of organisations'
            // imports would otherwise poll the service harder than they load it.
            List<Upload> open = uploads.stream().filter(u -> !u.finished()).toList();
            for (int k = 0; k < Math.min(50, open.size()); k++) {
                Upload u = open.get((cursor + k) % open.size());
                poll(u, tokens.get(u));
            }
            cursor += 50;
            long done = uploads.stream().filter(Upload::finished).count();
            long target = expected.applyAsLong(uploads);
            // From the statistics, row by row only once they reach the target or stop moving (TableCount).
            long added = gatewayCount.added(target);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            series.add(seconds, added);
            long processed = uploads.stream().mapToLong(u -> u.count("processed")).sum();
            // Progress is the read model growing or the services processing lines (staging a file shows as neither
            // for a moment, matching a large batch as the latter only).
            if (added + processed != seen) {
                seen = added + processed;
                lastChange = System.nanoTime();
            }
            long lines = uploads.stream().mapToLong(u -> u.count("lines")).sum();
            System.err.printf("\r%-12s imports %,d/%,d finished, processed %,d/%,d lines; gateway %,d of %,d "
                    + "(%,.0f/s) %5.0fs ", phase, done, uploads.size(), processed, lines, added, target,
                    (added) / Math.max(seconds, 0.001), seconds);
            if (done == uploads.size() && added >= target) {
                System.err.println();
                return series;
            }
            if (System.nanoTime() - lastChange > STALL.toNanos()) {
                System.err.println();
                throw new IllegalStateException(phase + ": no progress for " + STALL.toSeconds() + " s; the gateway has "
                        + (added) + " of " + target + ", the imports processed " + processed + " of " + lines
                        + " lines");
            }
        }
    }

    // ---- the load ---------------------------------------------------------------------------------------------

    void run() throws Exception {
        Population population = bench.population();
        int n = bench.children();
        int duplicates = Math.max(100, n / 50);
        Tokens tokens = new Tokens(Path.of(bench.arg("key")));
        long t0 = System.nanoTime();
        List<Path> childFiles = writeChildren(population, n, duplicates);
        List<OrganisationFile> organisations = writeInvolvements(population, n);
        long involvementLines = organisations.stream().mapToLong(OrganisationFile::lines).sum();
        System.err.printf("generated %,d children, %,d duplicates and %,d involvements of %,d organisations in %.0f s%n",
                n, duplicates, involvementLines, organisations.size(), (System.nanoTime() - t0) / 1e9);

        // Children: every file uploaded as the health feed, then followed until the gateway can find them all.
        String feed = tokens.feedSystem();
        TableCount childCount = TableCount.of(bench, "gateway-count");
        Map<String, Long> cpuBefore = bench.cpuTicks();
        long start = System.nanoTime();
        List<Upload> childUploads = new ArrayList<>();
        Map<Upload, String> childTokens = new HashMap<>();
        Series children;
        try (Bench.MemorySampler memory = bench.new MemorySampler()) {
            for (Path file : childFiles) {
                Upload u = upload(bench.arg("identity"), "/source-record-imports", feed, file);
                childUploads.add(u);
                childTokens.put(u, feed);
            }
            children = follow("children", childUploads, childTokens, childCount,
                    us -> us.stream().mapToLong(u -> u.count("created")).sum(), start);
            long created = childUploads.stream().mapToLong(u -> u.count("created")).sum();
            // The involvements wait until involvement-service has heard of every child (from identity's events, which
            // it follows on its own): a line for a child it does not yet know is parked, applied only when the child's
            // event arrives. Its catching up is part of what a child costs, so it is inside the children's CPU and
            // memory figures; their rate is the gateway's.
            awaitKnownChildren(created, start);
            memory.record("import children");
        }
        double childSeconds = children.points.get(children.points.size() - 1)[0];
        Map<String, Long> cpuAfter = bench.cpuTicks();
        long created = childUploads.stream().mapToLong(u -> u.count("created")).sum();
        bench.result("metric", "import", "kind", "children", "records", n + duplicates, "duplicates", duplicates,
                "created", created, "linked", sum(childUploads, "linked"), "review", sum(childUploads, "toReview"),
                "pending", sum(childUploads, "pending"), "rejected", sum(childUploads, "rejected"),
                "failed_imports", childUploads.stream().filter(u -> "FAILED".equals(u.last.get("state"))).count(),
                "seconds", childSeconds, "per_s", created / childSeconds,
                "rate_10", children.rateAt(0.10, created), "rate_50", children.rateAt(0.50, created),
                "rate_100", children.rateAt(1.00, created));
        cpuResults("children", cpuBefore, cpuAfter, created);
        writeIds(n);

        // Involvements: each organisation's file with its own agency token.
        TableCount involvementCount = TableCount.of(bench, "gateway-involvement-count");
        cpuBefore = bench.cpuTicks();
        start = System.nanoTime();
        List<Upload> involvementUploads = new ArrayList<>();
        Map<Upload, String> involvementTokens = new HashMap<>();
        Series involvements;
        try (Bench.MemorySampler memory = bench.new MemorySampler()) {
            // The organisations upload side by side, as agencies would: a few at a time, each answered once staged.
            ExecutorService uploaders = Executors.newFixedThreadPool(UPLOADERS);
            try {
                List<Future<Upload>> pending = new ArrayList<>();
                for (OrganisationFile org : organisations) {
                    String token = tokens.agencySystem(org.name(), org.code());
                    pending.add(uploaders.submit(
                            () -> upload(bench.arg("involvement"), "/involvement-imports", token, org.file())));
                }
                for (int k = 0; k < organisations.size(); k++) {
                    Upload u = pending.get(k).get();
                    involvementUploads.add(u);
                    involvementTokens.put(u, tokens.agencySystem(organisations.get(k).name(),
                            organisations.get(k).code()));
                }
            } finally {
                uploaders.shutdownNow();
            }
            involvements = follow("involvements", involvementUploads, involvementTokens, involvementCount,
                    us -> us.stream().mapToLong(u -> u.count("started")).sum(), start);
            memory.record("import involvements");
        }
        double involvementSeconds = involvements.points.get(involvements.points.size() - 1)[0];
        cpuAfter = bench.cpuTicks();
        long started = sum(involvementUploads, "started");
        bench.result("metric", "import", "kind", "involvements", "records", involvementLines,
                "organisations", organisations.size(), "created", started, "parked", sum(involvementUploads, "parked"),
                "duplicates", sum(involvementUploads, "duplicates"), "rejected", sum(involvementUploads, "rejected"),
                "failed_imports", involvementUploads.stream().filter(u -> "FAILED".equals(u.last.get("state"))).count(),
                "seconds", involvementSeconds, "per_s", started / involvementSeconds,
                "rate_10", involvements.rateAt(0.10, started), "rate_50", involvements.rateAt(0.50, started),
                "rate_100", involvements.rateAt(1.00, started));
        cpuResults("involvements", cpuBefore, cpuAfter, started);
    }

    /**
     * Waits until involvement-service knows as many children as the import created (its own projection of identity's
     * events, counted in its database), and reports how long after the start of the children's import that was.
     */
    private void awaitKnownChildren(long created, long startNanos) throws Exception {
        TableCount knownCount = TableCount.of(bench, "involvement-known-count");
        long known = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long now = knownCount.base() + knownCount.added(created - knownCount.base());
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            System.err.printf("\rinvolvement-service knows %,d of %,d children %5.0fs ", now, created, seconds);
            if (now >= created) {
                System.err.println();
                bench.result("metric", "import-known", "kind", "children", "service", "involvement-service",
                        "known", now, "seconds", seconds);
                return;
            }
            if (now != known) {
                known = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL.toNanos()) {
                // Go on: the lines for the children it does not know are parked, and the report shows how many.
                System.err.println();
                System.err.println("involvement-service has known " + now + " of " + created + " children for "
                        + STALL.toSeconds() + " s; the involvements go in now");
                bench.result("metric", "import-known", "kind", "children", "service", "involvement-service",
                        "known", now, "seconds", Double.NaN);
                return;
            }
            Thread.sleep(1000);
        }
    }

    private static long sum(List<Upload> uploads, String field) {
        return uploads.stream().mapToLong(u -> u.count(field)).sum();
    }

    private void cpuResults(String kind, Map<String, Long> before, Map<String, Long> after, long count)
            throws IOException {
        for (Map.Entry<String, Long> e : new TreeMap<>(after).entrySet()) {
            Long b = before.get(e.getKey());
            if (b != null && b >= 0 && e.getValue() >= 0 && count > 0) {
                bench.result("metric", "import-cpu", "kind", kind, "process", e.getKey(),
                        "ms_per_record", (e.getValue() - b) * 10.0 / count);
            }
        }
    }

    /**
     * ids.txt (child i's ContactPoint ID on line i) from identity-service's own tables, for the lookups and the
     * matching check; every child was loaded through the real path and has its involvements.
     */
    private void writeIds(int n) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", bench.arg("identity-sql")
                + " \"SELECT s.value, c.contact_point_id FROM child_source_identifier s JOIN child c ON c.id = s.child_id"
                + " WHERE s.scheme = 'SOURCE_ID' AND s.source = 'HEALTH_DEMOGRAPHICS'\"").start();
        String[] ids = new String[n];
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split("\\|");
            if (f.length == 2 && f[0].startsWith("H")) {
                int i = Integer.parseInt(f[0].substring(1));
                if (i < n) {
                    ids[i] = f[1];
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("could not read identity-service's source identifiers");
        }
        List<String> lines = new ArrayList<>(n);
        for (String id : ids) {
            lines.add(id == null ? "" : id);
        }
        Path out = dir.getParent();
        Files.write(out.resolve("ids.txt"), lines);
        Files.writeString(out.resolve("real-count"), String.valueOf(n));
        Files.writeString(out.resolve("involved-from"), "0");
    }
}
