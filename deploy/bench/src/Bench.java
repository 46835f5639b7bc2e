import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ContactPoint's benchmark tool, driven by deploy/bench/run. Every command appends its measurements as one-line JSON
 * records to {@code <out>/results.jsonl}; {@code report} turns them into docs/benchmarks.md.
 * <pre>
 *   generate  --children N --duplicates D --seed S --file F      the population as feed JSON lines, with ground truth
 *   import    the whole register, children and their involvements, through the bulk import endpoints (Imports):
 *             the only way the bench fills its register; ids.txt is read back from identity-service's tables
 *   tokens    mint the lookup load's practitioners' tokens once
 *   recall    the gateway's fuzzy search recall on corrupted probes
 *   lookup    a sustained closed-loop load on the gateway, audit backlog followed until drained (AuditBacklog):
 *             --mix exact|fuzzy|fuzzy-year|view (or fhir-<mix>: the same probes through the FHIR facade) --threads T --seconds S --users practitioners|system --hours in|out
 *   floor     pgbench on the same probes: --kind gateway (the gateway's own exact probe, or a record view's reads)
 *             or minimal (one B-tree probe on family name + date of birth); the fuzzy mixes have none
 *   freshness time from accepted (identity, involvement) to visible in a gateway lookup, under background load
 *   ingest    involvement events through Kafka -> involvement-service -> gateway
 *   report    write the Markdown report
 * </pre>
 */
public final class Bench {

    /** Where this invocation's freshness children start in the population: 1,000 indices per second of the clock. */
    private static final int FRESH_BASE = 1000 * (int) (System.currentTimeMillis() / 1000 % 1_000_000);

    private final Map<String, String> args;
    private final Path out;

    private Bench(Map<String, String> args) {
        this.args = args;
        this.out = Path.of(args.getOrDefault("out", "."));
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: Bench generate|import|tokens|quality|recall|lookup|floor|freshness|ingest"
                    + "|report --option value ...");
            System.exit(2);
        }
        Map<String, String> args = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + argv[i]);
            }
            args.put(argv[i].substring(2), i + 1 < argv.length ? argv[++i] : "");
        }
        Bench bench = new Bench(args);
        switch (argv[0]) {
            case "generate" -> bench.generate();
            case "import" -> new Imports(bench, bench.out).run();
            case "recall" -> bench.recall();
            case "lookup" -> bench.lookup();
            case "floor" -> bench.floor();
            case "freshness" -> bench.freshness();
            case "ingest" -> bench.ingest();
            case "tokens" -> bench.tokens();
            case "quality" -> bench.quality();
            case "report" -> Report.write(args);
            default -> throw new IllegalArgumentException("unknown command " + argv[0]);
        }
    }

    // ---- arguments and results ---------------------------------------------------------------------------------

    String arg(String name) {
        String value = args.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }

    private int intArg(String name, int fallback) {
        return args.containsKey(name) ? Integer.parseInt(args.get(name)) : fallback;
    }

    int children() {
        return Integer.parseInt(arg("children"));
    }

    private int duplicates() {
        return intArg("duplicates", Math.max(100, children() / 50));
    }

    /** The population: children spread over 18 years of birthdays, or at England's density ({@code --density national}). */
    Population population() {
        long seed = Long.parseLong(args.getOrDefault("seed", "20261122"));
        return switch (args.getOrDefault("density", "spread")) {
            case "spread" -> new Population(seed);
            case "national" -> Population.nationalDensity(seed, children());
            default -> throw new IllegalArgumentException("--density spread|national, not " + args.get("density"));
        };
    }

    synchronized void result(Object... pairs) throws IOException {
        Object[] all = new Object[pairs.length + 4];
        all[0] = "at";
        all[1] = java.time.Instant.now().toString();
        all[2] = "children";
        all[3] = children();
        System.arraycopy(pairs, 0, all, 4, pairs.length);
        String line = Json.object(all);
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.jsonl"), line + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        System.out.println(line);
    }

    /** Runs a shell command (psql, say) and reads the number it prints. */
    static long number(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(false).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || text.isEmpty()) {
            throw new IOException("command failed: " + command + ": " + err);
        }
        return Long.parseLong(text.lines().reduce((a, b) -> b).orElseThrow().trim());
    }

    private String[] ids() throws IOException {
        return Files.readAllLines(out.resolve("ids.txt")).toArray(String[]::new);
    }

    /** The children involvement-service knows: every child in ids.txt (real-count, written by the import). */
    private String[] realIds() throws IOException {
        String[] all = ids();
        Path count = out.resolve("real-count");
        int real = Files.exists(count) ? Integer.parseInt(Files.readString(count).trim()) : all.length;
        return Arrays.copyOf(all, Math.min(real, all.length));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- resident memory -----------------------------------------------------------------------------------------

    /** Samples each service's resident set (VmRSS) once a second and keeps the highest. */
    final class MemorySampler implements AutoCloseable {
        private final Map<String, Long> pids = new TreeMap<>();
        private final Map<String, Long> peak = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        MemorySampler() throws IOException {
            Path dir = Path.of(args.getOrDefault("pids", "/nonexistent"));
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                        String name = f.getFileName().toString().replace(".pid", "");
                        pids.put(name, Long.parseLong(Files.readString(f).trim()));
                    }
                }
            }
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            pids.forEach((name, pid) -> {
                long kb = rssKb(pid);
                if (kb > 0) {
                    peak.merge(name, kb, Math::max);
                }
            });
        }

        static long rssKb(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
            return -1;
        }

        void record(String phase) throws IOException {
            sample();
            for (Map.Entry<String, Long> e : new TreeMap<>(peak).entrySet()) {
                result("metric", "rss", "phase", phase, "service", e.getKey(), "rss_mb", e.getValue() / 1024.0);
            }
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    // ---- CPU per lookup ------------------------------------------------------------------------------------------

    /**
     * CPU time (user + system, clock ticks) of each service, the broker, the bench's PostgreSQL cluster and this load
     * generator: read before and after a measured window, it says where a lookup's CPU goes on a machine where
     * everything shares two cores (and so what the audit pipeline costs: audit-service's share). Every figure only
     * grows, so a difference can never be negative.
     */
    Map<String, Long> cpuTicks() throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        Path dir = Path.of(args.getOrDefault("pids", "/nonexistent"));
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    long t = processTicks(Long.parseLong(Files.readString(f).trim()));
                    if (t >= 0) {
                        ticks.put(f.getFileName().toString().replace(".pid", ""), t);
                    }
                }
            }
        }
        if (args.containsKey("postmaster")) {
            ticks.put("postgresql", clusterTicks(Long.parseLong(arg("postmaster"))));
        }
        ticks.put("load generator", processTicks(ProcessHandle.current().pid()));
        return ticks;
    }

    /**
     * All the CPU one PostgreSQL cluster has used since it started: the postmaster's own utime + stime, plus its
     * cutime + cstime (the CPU of every child it has reaped: backends of closed connections, finished autovacuum
     * and parallel workers), plus utime + stime of its children still alive (a child's time moves into the
     * postmaster's cutime/cstime only when the postmaster reaps it). Summing only the live postgres processes, as
     * this did before, loses every backend that exits inside the window (pgbench's, a pool's), which made the
     * difference negative; and it counted other clusters on the machine. A child reaped between reading its stat and
     * the postmaster's would be counted twice, so the postmaster is read before and after the children and the
     * reading is repeated until its reaped-children time did not move.
     */
    static long clusterTicks(long postmaster) throws IOException {
        for (int attempt = 0; ; attempt++) {
            long[] before = statTimes(postmaster);
            long children = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(proc.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        if (Long.parseLong(f[1]) == postmaster) {
                            children += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // exited between the listing and the read: its time is in the postmaster's cutime/cstime
                    }
                }
            }
            long[] after = statTimes(postmaster);
            if (before[1] == after[1] || attempt >= 20) {
                return after[0] + after[1] + children;
            }
        }
    }

    /** {own utime + stime, reaped children's cutime + cstime} of a process, from /proc/PID/stat fields 14-17. */
    private static long[] statTimes(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[]{Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
    }

    private static long processTicks(long pid) {
        try {
            return statTimes(pid)[0];
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // ---- generate ------------------------------------------------------------------------------------------------

    private void generate() throws IOException {
        Population population = population();
        int n = children();
        int d = duplicates();
        Path file = Path.of(arg("file"));
        try (BufferedWriter w = Files.newBufferedWriter(file);
             BufferedWriter truth = Files.newBufferedWriter(Path.of(file + ".truth.tsv"))) {
            truth.write("duplicate_source_id\toriginal_source_id\terrors\n");
            for (int i = 0; i < n; i++) {
                w.write(Population.sourceRecordJson(population.child(i), "HEALTH_DEMOGRAPHICS", "H" + i));
                w.newLine();
            }
            for (int k = 0; k < d; k++) {
                Population.Duplicate dup = population.duplicate(k, n);
                w.write(Population.sourceRecordJson(dup.record(), "SCHOOL_CENSUS", "S" + k));
                w.newLine();
                truth.write("S" + k + "\tH" + dup.original() + "\t" + dup.kind() + "\n");
            }
        }
        System.err.printf("wrote %,d children and %,d duplicates to %s%n", n, d, file);
    }

    private static void bar(String label, int done, int total, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        int width = 30;
        int filled = total == 0 ? width : (int) Math.min(width, (long) done * width / total);
        System.err.printf("\r%-20s [%s%s] %,9d/%,d  %5.1f%%  %,7.0f/s  %6.0fs", label, "#".repeat(filled),
                " ".repeat(width - filled), done, total, total == 0 ? 100.0 : 100.0 * done / total,
                done / Math.max(seconds, 0.001), seconds);
    }

    /**
     * Precision and recall of identity matching, from identity-service's own tables (which child holds each source
     * record), so a batch answered twice or a retry cannot blur it. Every original is a distinct child: a child holding
     * two originals is a false link. A duplicate is right only on the child holding its original; a duplicate on no
     * child is waiting in the review queue.
     */
    private void quality() throws Exception {
        Population population = population();
        int n = Integer.parseInt(Files.readString(out.resolve("real-count")).trim());
        int d = Math.max(100, n / 50);
        Process p = new ProcessBuilder("bash", "-c", arg("identity-sql")
                + " \"SELECT value, child_id FROM child_source_identifier WHERE scheme = 'SOURCE_ID'"
                + " AND source IN ('HEALTH_DEMOGRAPHICS', 'SCHOOL_CENSUS')\"").start();
        Map<String, String> holder = new HashMap<>();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split("\\|");
            if (f.length == 2) {
                holder.put(f[0], f[1]);
            }
        }
        if (p.waitFor() != 0 || holder.isEmpty()) {
            throw new IllegalStateException("could not read identity-service's source records");
        }
        Map<String, Integer> originalsPerChild = new HashMap<>();
        int originalsMissing = 0;
        for (int i = 0; i < n; i++) {
            String child = holder.get("H" + i);
            if (child == null) {
                originalsMissing++;
            } else {
                originalsPerChild.merge(child, 1, Integer::sum);
            }
        }
        long originalsLinked = originalsPerChild.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum();
        long rightLinks = 0;
        long wrongLinks = 0;
        long reviewed = 0;
        long missed = 0;
        Map<String, long[]> byKind = new TreeMap<>();
        for (int k = 0; k < d; k++) {
            Population.Duplicate dup = population.duplicate(k, n);
            long[] kind = byKind.computeIfAbsent(dup.kind(), x -> new long[4]);
            String child = holder.get("S" + k);
            String original = holder.get("H" + dup.original());
            if (child == null) {
                reviewed++;
                kind[2]++;
            } else if (child.equals(original)) {
                rightLinks++;
                kind[0]++;
            } else if (originalsPerChild.containsKey(child)) {
                wrongLinks++;
                kind[1]++;
            } else {
                missed++;
                kind[3]++;
            }
        }
        long falseLinks = wrongLinks + originalsLinked;
        double precision = rightLinks + falseLinks == 0 ? 1 : (double) rightLinks / (rightLinks + falseLinks);
        result("metric", "matching", "originals", n, "duplicates", d, "linked_right", rightLinks,
                "linked_wrong", wrongLinks, "originals_linked", originalsLinked, "originals_review", originalsMissing,
                "review", reviewed, "missed", missed, "precision", precision,
                "recall_linked", (double) rightLinks / d, "recall_linked_or_review", (double) (rightLinks + reviewed) / d);
        for (Map.Entry<String, long[]> e : byKind.entrySet()) {
            long[] v = e.getValue();
            long all = v[0] + v[1] + v[2] + v[3];
            result("metric", "matching-kind", "kind", e.getKey(), "count", all, "linked_right", v[0],
                    "linked_wrong", v[1], "review", v[2], "missed", v[3], "recall_linked", (double) v[0] / all);
        }
    }

    // ---- probes --------------------------------------------------------------------------------------------------

    /** A search as a practitioner would type it, or a record view (path only). */
    record Probe(String kind, int child, String family, String given, String dateOfBirth, String path) {
    }

    /**
     * The first child with involvements in the read model (from {@code involved-from}, written by the import: 0, as
     * every child is loaded with its involvements): record views are of children that have some, as real ones are.
     */
    private int involvedFrom(int n) {
        if (involvedFrom < 0) {
            Path file = out.resolve("involved-from");
            try {
                involvedFrom = Files.exists(file) ? Integer.parseInt(Files.readString(file).trim()) : 0;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return involvedFrom < n ? involvedFrom : 0;
    }

    private int involvedFrom = -1;

    private Probe probe(Population population, String[] ids, String mix, SplittableRandom r) {
        if (FhirSearches.isFhir(mix)) {
            return FhirSearches.asFhir(mix, probe(population, ids, FhirSearches.jsonMix(mix), r));
        }
        int n = ids.length;
        int viewFrom = "view".equals(mix) ? involvedFrom(n) : 0;
        while (true) {
            int i = viewFrom + r.nextInt(n - viewFrom);
            if (ids[i] == null || ids[i].isEmpty()) {
                continue;
            }
            Population.Child c = population.child(i);
            String family = c.familyName();
            String given = c.firstGiven();
            String dob = c.dateOfBirth().toString();
            String gender = null;
            String postcode = null;
            switch (mix) {
                case "view" -> {
                    return new Probe(mix, i, null, null, null, "/children/" + ids[i]);
                }
                case "exact" -> {
                }
                case "fuzzy" -> {
                    family = Population.typo(family, r);
                    given = Population.typo(given, r);
                }
                case "fuzzy-year" -> {
                    family = Population.typo(family, r);
                    given = Population.typo(given, r);
                    dob = String.valueOf(c.dateOfBirth().getYear());
                }
                case "transposed-dob" -> {
                    // Only a date that has a transposition is a transposed-date probe; a day off by one is not.
                    LocalDate swapped = Population.transposition(c.dateOfBirth());
                    if (swapped == null) {
                        continue;
                    }
                    dob = swapped.toString();
                }
                case "nickname" -> {
                    String nick = nickname(given);
                    if (nick == null) {
                        continue;
                    }
                    given = nick;
                }
                // The variation kinds of issue 19, each alone on an otherwise exact search.
                case "swapped-names" -> {
                    String was = family;
                    family = given;
                    given = was;
                }
                case "dob-day-out" -> dob = c.dateOfBirth().plusDays(r.nextBoolean() ? 1 : -1).toString();
                case "dob-month-out" -> dob = c.dateOfBirth().plusMonths(r.nextBoolean() ? 1 : -1).toString();
                case "dob-year-out" -> dob = c.dateOfBirth().plusYears(r.nextBoolean() ? 1 : -1).toString();
                case "dob-digit" -> {
                    String slipped = oneDigitWrong(dob, r);
                    if (slipped == null) {
                        continue;
                    }
                    dob = slipped;
                }
                case "no-family-name" -> {
                    family = null;
                    postcode = c.postcode();
                }
                case "other-sex" -> {
                    if (!"FEMALE".equals(c.gender()) && !"MALE".equals(c.gender())) {
                        continue;
                    }
                    gender = "FEMALE".equals(c.gender()) ? "MALE" : "FEMALE";
                }
                // The register holds Latin names only: the names typed in Cyrillic (as read off a document in
                // another script) exercise the same transliteration (ICU) the search applies to a name held so.
                case "other-script" -> {
                    family = CYRILLIC.get().transliterate(family);
                    given = CYRILLIC.get().transliterate(given);
                }
                default -> throw new IllegalArgumentException("unknown mix " + mix);
            }
            String path = "/children?" + (family == null ? "" : "familyName=" + enc(family) + "&") + "givenNames="
                    + enc(given) + "&dateOfBirth=" + dob + (gender == null ? "" : "&gender=" + gender)
                    + (postcode == null ? "" : "&postcode=" + enc(postcode));
            return new Probe(mix, i, family, given, dob, path);
        }
    }

    /** The date with one digit of its yyyy-mm-dd form changed, still a valid date; null if the draw made none. */
    static String oneDigitWrong(String dob, SplittableRandom r) {
        int[] digits = {0, 1, 2, 3, 5, 6, 8, 9};
        char[] typed = dob.toCharArray();
        int at = digits[r.nextInt(digits.length)];
        char was = typed[at];
        char now = (char) ('0' + r.nextInt(10));
        if (now == was) {
            return null;
        }
        typed[at] = now;
        try {
            LocalDate slipped = LocalDate.parse(new String(typed));
            // A date in the future or a transposition is another kind of probe.
            return slipped.isAfter(LocalDate.now()) || slipped.equals(Population.transposition(LocalDate.parse(dob)))
                    ? null : slipped.toString();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String nickname(String given) {
        try {
            Field f = Population.class.getDeclaredField("NICKNAMES");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, String> nicknames = (Map<String, String>) f.get(null);
            return nicknames.get(given);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Latin letters written in Cyrillic (ICU4J, from the gateway's jar); a transliterator is not for sharing. */
    private static final ThreadLocal<com.ibm.icu.text.Transliterator> CYRILLIC =
            ThreadLocal.withInitial(() -> com.ibm.icu.text.Transliterator.getInstance("Latin-Cyrillic"));

    private String[] practitionerHeaders(String token) {
        return new String[]{"Authorization", "Bearer " + token, "X-Purpose-Of-Use", "DIRECT_CARE"};
    }

    // ---- recall --------------------------------------------------------------------------------------------------

    private static final Pattern MATCH_ID = Pattern.compile("\"contactPointId\":\"(CP\\d+)\"");

    private void recall() throws Exception {
        Population population = population();
        String[] ids = ids();
        int perKind = intArg("probes", 300);
        Tokens tokens = new Tokens(Path.of(arg("key")));
        String[] headers = practitionerHeaders(tokens.practitioner(900));
        try (Http gateway = new Http(arg("gateway"))) {
            for (String kind : List.of("fuzzy", "fuzzy-year", "transposed-dob", "nickname", "swapped-names",
                    "dob-day-out", "dob-month-out", "dob-year-out", "dob-digit", "no-family-name", "other-sex",
                    "other-script")) {
                SplittableRandom r = new SplittableRandom(kind.hashCode());
                int found = 0;
                int tooMany = 0;
                int first = 0;
                for (int p = 0; p < perKind; p++) {
                    Probe probe = probe(population, ids, kind, r);
                    Http.Response response = gateway.get(probe.path(), headers);
                    if (response.status() != 200) {
                        throw new IllegalStateException(probe.path() + ": " + response.status() + " " + response.body());
                    }
                    if (response.body().contains("\"tooMany\":true")) {
                        tooMany++;
                    }
                    Matcher m = MATCH_ID.matcher(response.body());
                    int rank = 0;
                    while (m.find()) {
                        rank++;
                        if (m.group(1).equals(ids[probe.child()])) {
                            found++;
                            if (rank == 1) {
                                first++;
                            }
                            break;
                        }
                    }
                }
                result("metric", "recall", "kind", kind, "probes", perKind, "found_top10", (double) found / perKind,
                        "found_first", (double) first / perKind, "too_many", (double) tooMany / perKind);
            }
        }
    }

    // ---- lookup load ---------------------------------------------------------------------------------------------

    /**
     * A sustained lookup rate: closed-loop load for {@code --seconds} (after {@code --warmup}), the audit backlog
     * reported every second, then the load stops and the run waits until audit-service has stored every lookup's
     * record. The rate counts as sustained only if the backlog never exceeded one second of lookups and drained.
     * {@code --users practitioners}: each connection is a succession of practitioners making
     * {@code --lookups-per-user} lookups each (many users, few lookups each); {@code --users system}: one
     * case-management system's identity on every connection. {@code --hours in|out} only labels the figures: the run
     * script restarts audit-service with working hours that put the clock inside or outside them.
     */
    private void lookup() throws Exception {
        Population population = population();
        String[] ids = ids();
        String mix = arg("mix");
        int threads = intArg("threads", 4);
        int seconds = intArg("seconds", 60);
        int warmup = intArg("warmup", 3);
        String users = args.getOrDefault("users", "practitioners");
        String hours = args.getOrDefault("hours", "in");
        String run = args.getOrDefault("run", "1");
        int lookupsPerUser = "system".equals(users) ? Integer.MAX_VALUE : intArg("lookups-per-user", 5);
        String label = mix + " x" + threads + " " + users + " " + hours + " hours, run " + run;
        String[][] tokens = lookupTokens(users, threads, (mix + hours + run).hashCode());
        double settled = AuditBacklog.settle(3, intArg("drain-max-seconds", 900));
        Measured m = measure(arg("gateway"), population, ids, mix, threads, warmup, seconds, tokens, lookupsPerUser,
                label);
        double rps = m.count / m.seconds;
        double maxBacklogSeconds = rps > 0 ? m.maxBacklog / rps : Double.NaN;
        boolean sustained = m.drained && maxBacklogSeconds <= 1.0;
        result("metric", "lookup", "mix", mix, "threads", threads, "users", users, "hours", hours, "run", run,
                "rps", rps, "p50_ms", m.percentile(50), "p95_ms", m.percentile(95),
                "p99_ms", m.percentile(99), "max_ms", m.percentile(100), "errors", m.errors, "requests", m.count,
                "answered_total", m.answered, "max_backlog", m.maxBacklog,
                "max_backlog_s", Double.isNaN(maxBacklogSeconds) ? null : maxBacklogSeconds,
                "drain_s", m.drainSeconds, "drained", m.drained, "sustained", sustained, "settle_s", settled,
                "load1", loadAverage());
        if (m.cpuTicks != null && m.answered > 0) {
            for (Map.Entry<String, Long> e : m.cpuTicks.entrySet()) {
                result("metric", "cpu", "mix", mix, "threads", threads, "users", users, "hours", hours, "run", run,
                        "process", e.getKey(), "ms_per_lookup", e.getValue() * 10.0 / m.answered);
            }
        }
        if (m.rss != null) {
            for (Map.Entry<String, Long> e : m.rss.entrySet()) {
                result("metric", "rss", "phase", "lookup " + mix + " x" + threads, "service", e.getKey(),
                        "rss_mb", e.getValue() / 1024.0);
            }
        }
    }

    /**
     * Each connection's tokens, in the order it uses them. Practitioners come from {@code practitioners.tokens}
     * (minted once per bench run by {@code tokens}, so no measurement pays for RS256 signing), dealt round-robin to
     * the connections from an offset that differs per measurement, so one measurement's users are not the last one's.
     */
    private String[][] lookupTokens(String users, int threads, int rotation) throws Exception {
        String[][] perThread = new String[threads][];
        if ("system".equals(users)) {
            String token = new Tokens(Path.of(arg("key"))).caseManagementSystem();
            for (int t = 0; t < threads; t++) {
                perThread[t] = new String[]{token};
            }
            return perThread;
        }
        if (!"practitioners".equals(users)) {
            throw new IllegalArgumentException("--users practitioners|system, not " + users);
        }
        List<String> all = Files.readAllLines(out.resolve("practitioners.tokens"));
        int offset = Math.floorMod(rotation, all.size());
        int each = all.size() / threads;
        for (int t = 0; t < threads; t++) {
            perThread[t] = new String[each];
            for (int k = 0; k < each; k++) {
                perThread[t][k] = all.get((offset + t + k * threads) % all.size());
            }
        }
        return perThread;
    }

    /** Mints {@code --count} practitioners' tokens into practitioners.tokens, one a line. */
    private void tokens() throws Exception {
        Tokens tokens = new Tokens(Path.of(arg("key")));
        int count = intArg("count", 8000);
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(tokens.practitioner(10_000 + i));
        }
        Files.write(out.resolve("practitioners.tokens"), lines);
        System.err.printf("minted %,d practitioners' tokens%n", count);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Latencies of one closed-loop run, and how the audit trail kept up with it. */
    static final class Measured {
        long[] micros = new long[1 << 16];
        int count;
        long errors;
        double seconds;
        Map<String, Long> rss;
        /** CPU clock ticks (1/100 s on Linux) each process used from the start of the warm-up to the drained backlog. */
        Map<String, Long> cpuTicks;
        /** Lookups answered 200, warm-up included (each one has an audit record to store). */
        long answered;
        long maxBacklog;
        double drainSeconds;
        boolean drained;

        synchronized void addAll(long[] values, int n, long errs) {
            while (count + n > micros.length) {
                micros = Arrays.copyOf(micros, micros.length * 2);
            }
            System.arraycopy(values, 0, micros, count, n);
            count += n;
            errors += errs;
        }

        double percentile(double p) {
            if (count == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(micros, count);
            Arrays.sort(sorted);
            int at = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100 * count) - 1));
            return sorted[at] / 1000.0;
        }
    }

    private Measured measure(String gatewayUrl, Population population, String[] ids, String mix, int threads,
                             int warmupSeconds, int seconds, String[][] tokens, int lookupsPerUser, String label)
            throws Exception {
        Measured measured = new Measured();
        // Probes are drawn before the clock starts, so the generator's own work is not in the latency.
        Probe[][] drawn = new Probe[threads][1024];
        for (int t = 0; t < threads; t++) {
            SplittableRandom r = new SplittableRandom(mix.hashCode() * 31L + t);
            for (int p = 0; p < drawn[t].length; p++) {
                drawn[t][p] = probe(population, ids, mix, r);
            }
        }
        AtomicLong answered = new AtomicLong();
        // When the last lookup was answered: the drain is timed from there.
        AtomicLong lastAnswerAt = new AtomicLong();
        long loadStart = System.nanoTime();
        long startAt = loadStart + warmupSeconds * 1_000_000_000L;
        long endAt = startAt + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        MemorySampler memory = new MemorySampler();
        Map<String, Long> cpuBefore = cpuTicks();
        try (AuditBacklog audit = AuditBacklog.fromEnvironment();
             BufferedWriter series = Files.newBufferedWriter(out.resolve("backlog.jsonl"), StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    Probe[] probes = drawn[thread];
                    String[] mine = tokens[thread];
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    long errors = 0;
                    try (Http http = new Http(gatewayUrl)) {
                        for (int p = 0; ; p++) {
                            long t0 = System.nanoTime();
                            if (t0 >= endAt) {
                                break;
                            }
                            String token = mine[(int) ((p / lookupsPerUser) % mine.length)];
                            Http.Response response = http.get(probes[p & (probes.length - 1)].path(),
                                    practitionerHeaders(token));
                            long t1 = System.nanoTime();
                            boolean ok = response.status() == 200;
                            lastAnswerAt.accumulateAndGet(t1, Math::max);
                            if (ok) {
                                answered.incrementAndGet();
                            } else if (errors < 3) {
                                System.err.println("lookup " + response.status() + ": " + response.body());
                            }
                            if (t0 >= startAt) {
                                if (!ok) {
                                    errors++;
                                }
                                if (n == lat.length) {
                                    measured.addAll(lat, n, 0);
                                    n = 0;
                                }
                                lat[n++] = (t1 - t0) / 1000;
                            }
                        }
                        measured.addAll(lat, n, errors);
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                worker.start();
                workers.add(worker);
            }
            // Every second while the load runs; then, from the moment the last connection stopped, every 100 ms
            // until audit-service has stored every answered lookup's record (a line a second is printed and kept).
            int drainMax = intArg("drain-max-seconds", 900);
            long loadEnded = 0;
            double rate = 0;
            long nextReport = loadStart + 1_000_000_000L;
            while (true) {
                Thread.sleep(loadEnded == 0 ? 50 : 100);
                long now = System.nanoTime();
                if (loadEnded == 0 && workers.stream().noneMatch(Thread::isAlive)) {
                    loadEnded = Math.max(lastAnswerAt.get(), loadStart + 1);
                    rate = answered.get() / ((loadEnded - loadStart) / 1e9);
                }
                if (loadEnded == 0 && now < nextReport) {
                    continue;
                }
                long done = answered.get();
                long backlog = done - audit.stored();
                measured.maxBacklog = Math.max(measured.maxBacklog, backlog);
                boolean drained = loadEnded != 0 && backlog <= 0;
                if (now >= nextReport || drained) {
                    double perSecond = loadEnded == 0 ? done / ((now - loadStart) / 1e9) : rate;
                    double at = (now - loadStart) / 1e9;
                    String phase = loadEnded == 0 ? "load" : "drain";
                    series.write(Json.object("measurement", label, "t_s", at, "phase", phase, "answered", done,
                            "stored", done - backlog, "backlog", backlog,
                            "backlog_s", perSecond > 0 ? backlog / perSecond : 0.0));
                    series.newLine();
                    System.err.printf("[%s] %6.1f s %-5s answered %,9d  stored %,9d  backlog %,7d = %5.2f s of "
                            + "lookups%n", label, at, phase, done, done - backlog, backlog,
                            perSecond > 0 ? backlog / perSecond : 0.0);
                    while (nextReport <= now) {
                        nextReport += 1_000_000_000L;
                    }
                }
                if (drained) {
                    measured.drained = true;
                    break;
                }
                if (loadEnded != 0 && now - loadEnded > drainMax * 1_000_000_000L) {
                    System.err.println("[" + label + "] audit backlog not drained within " + drainMax + " s");
                    break;
                }
            }
            measured.drainSeconds = (System.nanoTime() - loadEnded) / 1e9;
        }
        Map<String, Long> cpuAfter = cpuTicks();
        for (Thread worker : workers) {
            worker.join();
        }
        memory.close();
        measured.answered = answered.get();
        measured.rss = new TreeMap<>(memory.peak);
        measured.cpuTicks = new TreeMap<>();
        cpuAfter.forEach((name, after) -> {
            Long before = cpuBefore.get(name);
            if (before != null && before >= 0 && after >= 0) {
                measured.cpuTicks.put(name, after - before);
            }
        });
        if (!failures.isEmpty()) {
            throw new IllegalStateException("lookup load failed", failures.get(0));
        }
        measured.seconds = seconds;
        return measured;
    }

    // ---- database floor ------------------------------------------------------------------------------------------

    /**
     * The gateway's exact probe as it runs now, for pgbench. {@code ChildSearchRepository.exact(familyKeys, dates,
     * universal, limit)} builds its statement in the method, so it is mirrored here: the same shape, with the
     * repository's own constants ({@code COLUMNS}, {@code ON_DATES}, {@code SCOPE}) read from the gateway's compiled
     * class, so a change to them reaches the floor. Parameters in the repository's order: the family keys, the days
     * (the date given and its transpositions: an exact lookup's dates), universal scope and NameSearch's
     * {@code ROWS_PER_PROBE}, the last two written in as literals as the gateway binds them on this stack.
     */
    private String exactProbeSql() throws Exception {
        Class<?> repository = Class.forName("org.contactpoint.gateway.repository.ChildSearchRepository");
        Class<?> nameSearch = Class.forName("org.contactpoint.gateway.application.NameSearch");
        Field rows = nameSearch.getDeclaredField("ROWS_PER_PROBE");
        rows.setAccessible(true);
        String sql = "SELECT " + constant(repository, "COLUMNS")
                + " FROM child_search WHERE family_key = ANY (?::text[]) AND " + constant(repository, "ON_DATES")
                + constant(repository, "SCOPE") + " LIMIT ?";
        List<String> values = List.of(":family_keys", ":days", "true", String.valueOf(rows.getInt(null)));
        StringBuilder b = new StringBuilder();
        int v = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                b.append(values.get(v++));
            } else {
                // pgbench takes one line per statement.
                b.append(c == '\n' ? ' ' : c);
            }
        }
        if (v != values.size()) {
            throw new IllegalStateException("the exact probe has " + v + " parameters, the floor binds "
                    + values.size());
        }
        return b.append(";\n").toString();
    }

    /**
     * An exact probe's parameters as NameSearch computes them, with the gateway jar's own functions: the family keys
     * ({@code Names.keys}) and the date with its transpositions ({@code SearchCriteria.transpositions}).
     */
    private String exactProbeRow(int i, Probe probe) throws Exception {
        Class<?> names = Class.forName("org.contactpoint.gateway.domain.Names");
        Class<?> criteria = Class.forName("org.contactpoint.gateway.domain.SearchCriteria");
        LocalDate born = LocalDate.parse(probe.dateOfBirth());
        List<String> days = new ArrayList<>(List.of(born.toString()));
        for (Object date : (List<?>) criteria.getMethod("transpositions", LocalDate.class).invoke(null, born)) {
            days.add(date.toString());
        }
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) names.getMethod("keys", String.class).invoke(null, probe.family());
        return "(" + i + "," + array(keys) + "," + array(days) + ")";
    }

    private static String constant(Class<?> type, String name) throws ReflectiveOperationException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return (String) f.get(null);
    }

    private static String text(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String array(Collection<String> items) {
        StringBuilder b = new StringBuilder("'{");
        int i = 0;
        for (String item : items) {
            b.append(i++ > 0 ? "," : "").append('"').append(item.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("'", "''")).append('"');
        }
        return b.append("}'").toString();
    }

    /**
     * pgbench, 4 or 16 clients, prepared statements (as the gateway's driver uses once a statement is reused): each
     * transaction picks one of 100 probes from an inline VALUES list (\gset, a few microseconds) and runs the
     * gateway's SQL with the probe's values bound as parameters.
     */
    private void floor() throws Exception {
        Population population = population();
        String[] ids = ids();
        String mix = arg("mix");
        int clients = intArg("clients", 4);
        int seconds = intArg("seconds", 10);
        Path dir = out.resolve("pgbench");
        Files.createDirectories(dir);
        SplittableRandom r = new SplittableRandom(mix.hashCode());
        int probes = 100;
        StringBuilder script = new StringBuilder("\\set i random(0, " + (probes - 1) + ")\n");
        String kind = args.getOrDefault("kind", "gateway");
        if ("minimal".equals(kind)) {
            // The least any exact lookup can cost on these rows: one B-tree probe on (family name, date of birth)
            // of a copy of the read model's children (bench_floor.child, made by deploy/bench/run), no scoring.
            script.append("SELECT fam, dob FROM (VALUES ");
            for (int p = 0; p < probes; p++) {
                Probe probe = probe(population, ids, "exact", r);
                script.append(p > 0 ? "," : "").append("(").append(p).append(",").append(text(probe.family()))
                        .append(",").append(text(probe.dateOfBirth())).append(")");
            }
            script.append(") AS v(i, fam, dob) WHERE i = :i \\gset\n");
            script.append("SELECT contact_point_id, given_names, family_name, date_of_birth, gender FROM bench_floor.child"
                    + " WHERE family_name = :fam AND date_of_birth = CAST(:dob AS date);\n");
        } else if ("view".equals(mix)) {
            script.append("SELECT id FROM (VALUES ");
            for (int p = 0; p < probes; p++) {
                script.append(p > 0 ? "," : "").append("(").append(p).append(",'")
                        .append(ids[probe(population, ids, mix, r).child()]).append("')");
            }
            script.append(") AS v(i, id) WHERE i = :i \\gset\n");
            script.append("SELECT * FROM child WHERE contact_point_id = :id;\n");
            script.append("SELECT * FROM involvement WHERE contact_point_id = :id;\n");
        } else if ("exact".equals(mix)) {
            script.append("SELECT family_keys, days FROM (VALUES ");
            for (int p = 0; p < probes; p++) {
                script.append(p > 0 ? "," : "").append(exactProbeRow(p, probe(population, ids, mix, r)));
            }
            script.append(") AS v(i, family_keys, days) WHERE i = :i \\gset\n");
            script.append(exactProbeSql());
        } else {
            // A fuzzy lookup is the exact probe, then (when it finds no exact match) one UNION ALL of forgiving probes
            // whose branches and parameters NameSearch chooses per lookup, then grading in Java: no one statement
            // stands for it, so no floor is claimed for it.
            throw new IllegalArgumentException("no database floor for the " + mix + " mix (exact and view only)");
        }
        Path file = dir.resolve(mix + "-" + kind + ".sql");
        Files.writeString(file, script.toString());
        List<String> command = List.of("pgbench", "-n", "-M", "prepared", "-c", String.valueOf(clients),
                "-j", String.valueOf(Math.min(clients, 2)), "-T", String.valueOf(seconds), "-f", file.toString(),
                arg("database"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
        Matcher latency = Pattern.compile("latency average = ([0-9.]+) ms").matcher(output);
        if (!tps.find() || !latency.find()) {
            throw new IllegalStateException("unexpected pgbench output:\n" + output);
        }
        result("metric", "floor", "mix", mix, "kind", kind, "threads", clients, "run", args.getOrDefault("run", "1"),
                "tps", Double.parseDouble(tps.group(1)), "avg_ms", Double.parseDouble(latency.group(1)),
                "load1", loadAverage());
    }

    // ---- freshness -----------------------------------------------------------------------------------------------

    /** The organisation whose involvements the freshness measurement submits over REST, with its own token. */
    private static final String FRESH_ORGANISATION = "Bench Community Health";
    private static final String FRESH_ORGANISATION_CODE = "RBENCH";

    private void freshness() throws Exception {
        Population population = population();
        String[] ids = ids();
        // p99 from at least 200 samples: with fewer, the "99th percentile" is simply one of the two slowest.
        int samples = intArg("samples", 200);
        int run = intArg("run", 1);
        int background = intArg("background-threads", 2);
        String[] real = realIds();
        Tokens tokens = new Tokens(Path.of(arg("key")));
        String feed = tokens.feedSystem();
        // A REST submission is refused unless the token names the organisation it is for: this organisation's own.
        String agency = tokens.agencySystem(FRESH_ORGANISATION, FRESH_ORGANISATION_CODE);
        String[] practitioner = practitionerHeaders(tokens.practitioner(950));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong backgroundLookups = new AtomicLong();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < background; t++) {
            int thread = t;
            String[] headers = practitionerHeaders(tokens.practitioner(960 + t));
            Thread worker = new Thread(() -> {
                SplittableRandom r = new SplittableRandom(thread);
                try (Http http = new Http(arg("gateway"))) {
                    while (!stop.get()) {
                        http.get(probe(population, ids, thread % 2 == 0 ? "exact" : "view", r).path(), headers);
                        backgroundLookups.incrementAndGet();
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            worker.setDaemon(true);
            worker.start();
            load.add(worker);
        }
        long loadStart = System.nanoTime();
        long[] childMicros = new long[samples];
        long[] involvementMicros = new long[samples];
        int childN = 0;
        int involvementN = 0;
        try (Http identity = new Http(arg("identity")); Http involvement = new Http(arg("involvement"));
             Http gateway = new Http(arg("gateway"))) {
            SplittableRandom r = new SplittableRandom(run * 7919L);
            // Until each kind has its samples: a new child that matched an existing one (linked, or sent to review)
            // is no sample of the child path, so a few more are sent; at most twice the samples in all.
            for (int s = 0; (childN < samples || involvementN < samples) && s < 2 * samples; s++) {
                // A child never loaded before: generated beyond the loaded population, at indices this invocation's
                // own (a second --reuse run over the same identity database would otherwise send the same children
                // again, which identity-service rightly links to the first ones instead of creating them).
                int index = ids.length + 1_000_000 + FRESH_BASE + run * 2 * samples + s;
                Population.Child child = population.child(index);
                String sourceId = "FRESH-" + ids.length + "-" + run + "-" + s + "-" + System.currentTimeMillis();
                if (childN < samples) {
                    Http.Response accepted = identity.post("/source-records",
                            Population.sourceRecordJson(child, "HEALTH_DEMOGRAPHICS", sourceId), "Authorization",
                            "Bearer " + feed);
                    long t0 = System.nanoTime();
                    Matcher m = MATCH_ID.matcher(accepted.body());
                    if (accepted.status() == 201 && m.find()) {
                        String id = m.group(1);
                        if (waitVisible(gateway, "/children?contactPointId=" + id, id, practitioner)) {
                            childMicros[childN++] = (System.nanoTime() - t0) / 1000;
                        }
                    }
                }
                if (involvementN >= samples) {
                    continue;
                }
                // An involvement for an already loaded child.
                String cp;
                do {
                    cp = real[r.nextInt(real.length)];
                } while (cp == null || cp.isEmpty());
                String marker = "Fresh " + UUID.randomUUID().toString().substring(0, 8);
                String submission = "{\"submissionId\":\"fresh-" + UUID.randomUUID() + "\",\"contactPointId\":\"" + cp
                        + "\",\"serviceType\":\"HEALTH_VISITOR\",\"organisation\":{\"name\":"
                        + Json.str(FRESH_ORGANISATION) + ",\"code\":" + Json.str(FRESH_ORGANISATION_CODE)
                        + "},\"practitioner\":{\"name\":" + Json.str(marker)
                        + ",\"role\":\"Health Visitor\"},\"contact\":{\"phone\":\"020 7946 0300\"},"
                        + "\"startDate\":\"2026-01-05\",\"leadProfessional\":false,\"cafHeld\":false}";
                Http.Response submitted = involvement.post("/involvements", submission, "Authorization",
                        "Bearer " + agency);
                long t1 = System.nanoTime();
                if (submitted.status() == 201) {
                    if (waitVisible(gateway, "/children/" + cp, marker, practitioner)) {
                        involvementMicros[involvementN++] = (System.nanoTime() - t1) / 1000;
                    }
                } else if (s < 3) {
                    System.err.println("involvement answered " + submitted.status() + ": " + submitted.body());
                }
            }
        }
        stop.set(true);
        double loadRate = backgroundLookups.get() / ((System.nanoTime() - loadStart) / 1e9);
        for (String kind : List.of("child", "involvement")) {
            long[] v = Arrays.copyOf(kind.equals("child") ? childMicros : involvementMicros,
                    kind.equals("child") ? childN : involvementN);
            Arrays.sort(v);
            if (v.length == 0) {
                result("metric", "freshness", "kind", kind, "run", run, "samples", 0);
                continue;
            }
            result("metric", "freshness", "kind", kind, "run", run, "samples", v.length,
                    "p50_ms", v[(v.length - 1) / 2] / 1000.0, "p99_ms", v[(int) Math.ceil(0.99 * v.length) - 1] / 1000.0,
                    "max_ms", v[v.length - 1] / 1000.0, "background_rps", loadRate, "load1", loadAverage());
        }
    }

    private static boolean waitVisible(Http gateway, String path, String marker, String[] headers) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Http.Response r = gateway.get(path, headers);
            if (r.status() == 200 && r.body().contains(marker)) {
                return true;
            }
            Thread.sleep(5);
        }
        System.err.println("not visible within 30 s: " + path);
        return false;
    }

    // ---- agency ingestion through Kafka --------------------------------------------------------------------------

    /** The organisation whose agency topic the ingestion measurement writes to (deploy/bench/run names the topic). */
    static final String INGEST_ORGANISATION_CODE = "BENCHTRUST";
    static final String INGEST_ORGANISATION_NAME = "Bench Academy Trust";

    private void ingest() throws Exception {
        String[] ids = realIds();
        int count = intArg("events", 10_000);
        int run = intArg("run", 1);
        Path file = out.resolve("ingest-" + run + ".txt");
        String nonce = Long.toString(System.currentTimeMillis(), 36);
        // An agency writes only to its own organisation's topic and may submit only for that organisation, so the
        // measured feed is one multi-academy trust's MIS recording its schools' pupils (SCHOOL, the trust's code),
        // for children not used by an earlier run.
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            int written = 0;
            for (int i = (run - 1) * count; written < count; i++) {
                int child = i % ids.length;
                String cp = ids[child];
                if (cp == null || cp.isEmpty()) {
                    continue;
                }
                // A new id every time: the same submission id again is (rightly) ignored as a duplicate.
                String submission = "{\"submissionId\":\"ingest-" + nonce + "-" + i
                        + "\",\"contactPointId\":\"" + cp + "\",\"serviceType\":\"SCHOOL\",\"organisation\":{\"name\":"
                        + Json.str(INGEST_ORGANISATION_NAME) + ",\"code\":" + Json.str(INGEST_ORGANISATION_CODE)
                        + "},\"contact\":{\"phone\":\"020 7946 0"
                        + (100 + child % 900) + "\"},\"startDate\":\"2025-09-01\",\"leadProfessional\":false,"
                        + "\"cafHeld\":false}";
                w.write("ce_type:involvement.agency-submission.submitted.v1,ce_source:bench-agency-hub,ce_id:"
                        + UUID.randomUUID() + "\t" + cp + "\t" + submission + "\n");
                written++;
            }
        }
        TableCount gatewayCount = TableCount.of(this, "gateway-count");
        TableCount serviceCount = TableCount.of(this, "service-count");
        long start = System.nanoTime();
        Process producer = new ProcessBuilder("bash", "-c", arg("produce") + " < " + file)
                .redirectErrorStream(true).redirectOutput(out.resolve("producer.log").toFile()).start();
        double servedAt = -1;
        long seen = 0;
        long lastChange = System.nanoTime();
        try (MemorySampler memory = new MemorySampler()) {
            double maxSeconds = Double.parseDouble(args.getOrDefault("max-seconds", "1e9"));
            while (seen < count && (System.nanoTime() - start) / 1e9 < maxSeconds) {
                Thread.sleep(200);
                long now = gatewayCount.added(count);
                if (servedAt < 0 && serviceCount.added(count) >= count) {
                    servedAt = (System.nanoTime() - start) / 1e9;
                }
                if (now != seen) {
                    seen = now;
                    lastChange = System.nanoTime();
                }
                bar("gateway involvements", (int) seen, count, start);
                if (System.nanoTime() - lastChange > 120e9) {
                    throw new IllegalStateException("ingestion stalled at " + seen + " of " + count
                            + "; producer log " + out.resolve("producer.log"));
                }
            }
            System.err.println();
            double seconds = (System.nanoTime() - start) / 1e9;
            long visible = gatewayCount.addedExactly();
            long recorded = serviceCount.addedExactly();
            if (servedAt < 0) {
                servedAt = seconds;
            } else {
                recorded = count;
            }
            producer.destroy();
            // Within the time limit not everything may have arrived: the rate is what arrived in the time taken.
            result("metric", "ingest", "run", run, "events", count, "visible", visible, "service_s", servedAt,
                    "gateway_s", seconds, "service_per_s", recorded / servedAt, "gateway_per_s", visible / seconds,
                    "load1", loadAverage());
            memory.record("ingest");
        }
    }
}
