import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Writes one size's section of docs/benchmarks.md from results.jsonl, between markers, leaving the rest of the file
 * (the hand-written reading of the figures, other sizes) as it is.
 */
final class Report {

    private final List<Map<String, String>> rows = new ArrayList<>();
    private final StringBuilder md = new StringBuilder();

    private Report(Path results) throws IOException {
        for (String line : Files.readAllLines(results)) {
            if (!line.isBlank()) {
                rows.add(Json.parseFlat(line));
            }
        }
    }

    static void write(Map<String, String> args) throws IOException {
        Path out = Path.of(args.get("out"));
        Report report = new Report(out.resolve("results.jsonl"));
        String size = args.get("children");
        report.build(size, Files.readString(out.resolve("machine.md")));
        Path doc = Path.of(args.get("doc"));
        String begin = "<!-- bench:" + size + " begin -->";
        String end = "<!-- bench:" + size + " end -->";
        String section = begin + "\n" + report.md + end;
        String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n\n";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b >= 0 && e > b) {
            text = text.substring(0, b) + section + text.substring(e + end.length());
        } else {
            text = text.stripTrailing() + "\n\n" + section + "\n";
        }
        Files.writeString(doc, text);
        System.err.println("wrote the " + size + " section of " + doc);
    }

    private List<Map<String, String>> where(Predicate<Map<String, String>> filter) {
        return rows.stream().filter(filter).toList();
    }

    private static Predicate<Map<String, String>> is(String key, String value) {
        return r -> value.equals(r.get(key));
    }

    private static List<Double> values(List<Map<String, String>> rows, String key) {
        List<Double> v = new ArrayList<>();
        for (Map<String, String> r : rows) {
            String s = r.get(key);
            if (s != null && !s.equals("null")) {
                v.add(Double.parseDouble(s));
            }
        }
        Collections.sort(v);
        return v;
    }

    static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static String fmt(double d) {
        if (Double.isNaN(d)) {
            return "–";
        }
        double a = Math.abs(d);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return String.format(Locale.ROOT, "%.2f", d);
    }

    /** "median (min–max, n runs)". */
    private static String spread(List<Double> v) {
        if (v.isEmpty()) {
            return "–";
        }
        if (v.size() == 1) {
            return "**" + fmt(v.get(0)) + "** (1 run)";
        }
        return "**" + fmt(median(v)) + "** (" + fmt(v.get(0)) + "–" + fmt(v.get(v.size() - 1)) + ")";
    }

    private static String pct(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * d);
    }

    private void line(String s) {
        md.append(s).append('\n');
    }

    private void build(String size, String machine) {
        int n = Integer.parseInt(size);
        line(String.format(Locale.ROOT, "## %,d children", n));
        line("");
        line(machine.strip());
        line("");
        line("Each figure is **median** (min–max) over the repeated runs; lookups and floors alternate run by run. "
                + "`load1` is the one-minute load average when a measurement ended (other work shares the machine).");
        line("");

        List<Map<String, String>> load = where(is("metric", "load"));
        if (!load.isEmpty()) {
            Map<String, String> l = load.get(load.size() - 1);
            line("### Bulk load (feed API → identity-service matching → outbox → Kafka → gateway read model)");
            line("");
            line("| records sent | of which duplicates | parallel batches × size | accepted by identity-service | "
                    + "last child searchable in the gateway | end to end |");
            line("|---|---|---|---|---|---|");
            line(String.format(Locale.ROOT, "| %,d | %,d | %s × %s | %s s (%s records/s) | %s s | **%s children/s** |",
                    (long) Double.parseDouble(l.get("records")), (long) Double.parseDouble(l.get("duplicates")),
                    l.get("parallel"), l.get("batch"), fmt(Double.parseDouble(l.get("accepted_s"))),
                    fmt(Double.parseDouble(l.get("accepted_per_s"))), fmt(Double.parseDouble(l.get("searchable_s"))),
                    fmt(Double.parseDouble(l.get("searchable_per_s")))));
            line("");
        }

        List<Map<String, String>> imports = where(is("metric", "import"));
        if (!imports.isEmpty()) {
            line("### Bulk import of the whole register (POST /source-record-imports, POST /involvement-imports → "
                    + "outboxes → Kafka → gateway read model)");
            line("");
            line("End to end: a record counts when the gateway's read model has it. The rate at 10 %, 50 % and 100 % "
                    + "is over the 5 % of the load before each mark.");
            line("");
            line("| records | lines | created | seconds | end to end /s | at 10 % | at 50 % | at 100 % | rejected | "
                    + "review / parked |");
            line("|---|---|---|---|---|---|---|---|---|---|");
            for (Map<String, String> r : imports) {
                line("| " + r.get("kind") + " | " + r.get("records") + " | " + r.get("created") + " | "
                        + fmt(num(r, "seconds")) + " | **" + fmt(num(r, "per_s")) + "** | " + fmt(num(r, "rate_10"))
                        + " | " + fmt(num(r, "rate_50")) + " | " + fmt(num(r, "rate_100")) + " | " + r.get("rejected")
                        + " | " + r.getOrDefault("review", r.getOrDefault("parked", "–")) + " |");
            }
            line("");
            for (Map<String, String> k : where(is("metric", "import-known"))) {
                line(k.get("service") + " knew " + k.get("known") + " children (from identity's events) "
                        + (num(k, "seconds") >= 0 ? fmt(num(k, "seconds")) + " s after the children's import began"
                        : "when it stopped catching up") + "; the involvements' import starts then.");
                line("");
            }
            List<Map<String, String>> importCpu = where(is("metric", "import-cpu"));
            if (!importCpu.isEmpty()) {
                line("CPU-ms per record created, by process:");
                line("");
                line("| records | process | CPU-ms per record |");
                line("|---|---|---|");
                for (Map<String, String> r : importCpu) {
                    line("| " + r.get("kind") + " | " + r.get("process") + " | " + fmt(num(r, "ms_per_record")) + " |");
                }
                line("");
            }
        }

        List<Map<String, String>> matching = where(is("metric", "matching"));
        if (!matching.isEmpty()) {
            Map<String, String> m = matching.get(matching.size() - 1);
            line("### Matching quality on the duplicate set");
            line("");
            // Four places: the target is 0.999, which two would round a miss up to.
            line(String.format(Locale.ROOT, "Precision of automatic links **%.4f**; recall (linked to the right child) "
                            + "**%.4f**; linked or queued for review **%.4f**. Right links %s, wrong links %s; while the "
                            + "register was built, %s of its own children were linked to another child (counted "
                            + "against precision); review %s, missed (new record) %s; distinct "
                            + "children sent to review %s.",
                    Double.parseDouble(m.get("precision")), Double.parseDouble(m.get("recall_linked")),
                    Double.parseDouble(m.get("recall_linked_or_review")), m.get("linked_right"),
                    m.get("linked_wrong"), m.get("originals_linked"), m.get("review"), m.get("missed"),
                    m.get("originals_review")));
            line("");
            line("| error in the duplicate | records | linked right | linked wrong | review | missed | recall |");
            line("|---|---|---|---|---|---|---|");
            for (Map<String, String> k : where(is("metric", "matching-kind"))) {
                line("| " + k.get("kind") + " | " + k.get("count") + " | " + k.get("linked_right") + " | "
                        + k.get("linked_wrong") + " | " + k.get("review") + " | " + k.get("missed") + " | "
                        + fmt(Double.parseDouble(k.get("recall_linked"))) + " |");
            }
            line("");
        }

        List<Map<String, String>> recall = where(is("metric", "recall"));
        if (!recall.isEmpty()) {
            line("### Gateway search recall (practitioner's search with the error in it)");
            line("");
            line("| probe | probes | right child in the answer (≤ 10) | ranked first | \"too many, add criteria\" |");
            line("|---|---|---|---|---|");
            for (Map<String, String> r : recall) {
                line("| " + r.get("kind") + " | " + r.get("probes") + " | "
                        + fmt(Double.parseDouble(r.get("found_top10"))) + " | "
                        + fmt(Double.parseDouble(r.get("found_first"))) + " | "
                        + fmt(Double.parseDouble(r.get("too_many"))) + " |");
            }
            line("");
        }

        List<Map<String, String>> lookups = where(is("metric", "lookup"));
        if (!lookups.isEmpty()) {
            line("### Sustained lookups through the gateway (JWT, purpose of use, quota and audit on) against the database floors");
            line("");
            line("A rate is **sustained** only if audit-service's backlog (lookups answered minus their audit records "
                    + "stored) never exceeded one second of lookups and drained to 0 after the load; \"drain\" is how "
                    + "long that took. *practitioners*: each connection a succession of users making a few lookups "
                    + "each; *system*: one case-management identity on every connection. *in*/*out*: audit-service's "
                    + "working hours put the clock inside or outside them. The floors are measured in the same run, "
                    + "after the backlog drained: the gateway's own exact probe (a record view's two reads for view), "
                    + "and the minimal exact lookup (one B-tree probe on family name + date of birth of the same "
                    + "children); the fuzzy mixes have no floor (docs/benchmarks.md says why). A *fhir-* mix sends its "
                    + "mix's probes through the FHIR facade (Patient search, or read for fhir-view) on the same data.");
            line("");
            line("| mix | users | hours | conn. | lookups/s | p50 ms | p99 ms | errors | max backlog (s of lookups) | "
                    + "drain s | sustained | floor: gateway SQL TPS | floor: minimal TPS | gateway / its SQL | load1 |");
            line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            Set<String> keys = new LinkedHashSet<>();
            for (Map<String, String> r : lookups) {
                keys.add(r.get("mix") + "|" + r.getOrDefault("users", "practitioners") + "|"
                        + r.getOrDefault("hours", "in") + "|" + r.get("threads"));
            }
            for (String key : keys) {
                String[] k = key.split("\\|");
                List<Map<String, String>> g = where(is("metric", "lookup").and(is("mix", k[0]))
                        .and(r -> k[1].equals(r.getOrDefault("users", "practitioners")))
                        .and(r -> k[2].equals(r.getOrDefault("hours", "in"))).and(is("threads", k[3])));
                List<Map<String, String>> f = where(is("metric", "floor").and(is("mix", k[0])).and(is("threads", k[3]))
                        .and(r -> "gateway".equals(r.getOrDefault("kind", "gateway"))));
                List<Map<String, String>> minimal = where(is("metric", "floor").and(is("mix", k[0]))
                        .and(is("threads", k[3])).and(is("kind", "minimal")));
                long sustained = g.stream().filter(r -> "true".equals(r.get("sustained"))).count();
                double ratio = median(values(g, "rps")) / median(values(f, "tps"));
                line("| " + k[0] + " | " + k[1] + " | " + k[2] + " | " + k[3] + " | " + spread(values(g, "rps")) + " | "
                        + spread(values(g, "p50_ms")) + " | " + spread(values(g, "p99_ms")) + " | "
                        + fmt(values(g, "errors").stream().mapToDouble(Double::doubleValue).sum()) + " | "
                        + spread(values(g, "max_backlog_s")) + " | " + spread(values(g, "drain_s")) + " | "
                        + (sustained == g.size() ? "**yes**" : sustained == 0 ? "no" : sustained + " of " + g.size())
                        + " | " + spread(values(f, "tps")) + " | " + spread(values(minimal, "tps")) + " | "
                        + pct(ratio) + " | " + spread(values(g, "load1")) + " |");
            }
            line("");
        }

        List<Map<String, String>> cpu = where(is("metric", "cpu"));
        if (!cpu.isEmpty()) {
            Set<String> processes = new TreeMap<String, String>() {{
                for (Map<String, String> r : cpu) {
                    put(r.get("process"), "");
                }
            }}.keySet();
            line("### CPU per lookup, by process (ms of CPU per answered lookup; everything shares the machine's cores)");
            line("");
            line("From the start of the load to the drained audit backlog, over every lookup answered (warm-up "
                    + "included), so each lookup's audit record is paid for inside the figure. PostgreSQL is the bench "
                    + "cluster's postmaster with all its children, those that exited included. Medians over the runs.");
            line("");
            StringBuilder head = new StringBuilder("| mix | users | hours | conn. |");
            StringBuilder rule = new StringBuilder("|---|---|---|---|");
            for (String p : processes) {
                head.append(' ').append(p).append(" |");
                rule.append("---|");
            }
            line(head.append(" total | audit-service share |").toString());
            line(rule.append("---|---|").toString());
            Set<String> keys = new LinkedHashSet<>();
            for (Map<String, String> r : cpu) {
                keys.add(r.get("mix") + "|" + r.getOrDefault("users", "practitioners") + "|"
                        + r.getOrDefault("hours", "in") + "|" + r.get("threads"));
            }
            for (String key : keys) {
                String[] k = key.split("\\|");
                StringBuilder row = new StringBuilder("| " + k[0] + " | " + k[1] + " | " + k[2] + " | " + k[3] + " |");
                double total = 0;
                double audit = Double.NaN;
                for (String p : processes) {
                    double ms = median(values(where(is("metric", "cpu").and(is("mix", k[0]))
                            .and(r -> k[1].equals(r.getOrDefault("users", "practitioners")))
                            .and(r -> k[2].equals(r.getOrDefault("hours", "in"))).and(is("threads", k[3]))
                            .and(is("process", p))), "ms_per_lookup"));
                    row.append(' ').append(fmt(ms)).append(" |");
                    if (!Double.isNaN(ms) && !p.equals("load generator")) {
                        total += ms;
                    }
                    if (p.equals("audit-service")) {
                        audit = ms;
                    }
                }
                line(row.append(' ').append(fmt(total)).append(" | ").append(pct(audit / total)).append(" |").toString());
            }
            line("");
        }

        List<Map<String, String>> fresh = where(is("metric", "freshness"));
        if (!fresh.isEmpty()) {
            line("### Freshness: accepted → visible in a gateway lookup, under background lookups");
            line("");
            line("| event | samples per run | p50 ms | p99 ms | max ms | background lookups/s |");
            line("|---|---|---|---|---|---|");
            for (String kind : List.of("child", "involvement")) {
                List<Map<String, String>> k = where(is("metric", "freshness").and(is("kind", kind)));
                line("| " + (kind.equals("child") ? "child accepted by identity-service" :
                        "involvement accepted by involvement-service") + " | " + spread(values(k, "samples")) + " | "
                        + spread(values(k, "p50_ms")) + " | " + spread(values(k, "p99_ms")) + " | "
                        + spread(values(k, "max_ms")) + " | " + spread(values(k, "background_rps")) + " |");
            }
            line("");
        }

        List<Map<String, String>> ingest = where(is("metric", "ingest"));
        if (!ingest.isEmpty()) {
            line("### Agency ingestion: `involvement.agency-submissions.BENCHTRUST.v1` (one organisation's topic) → involvement-service → gateway");
            line("");
            line("| events per run | recorded by involvement-service /s | visible in the gateway read model /s |");
            line("|---|---|---|");
            line("| " + ingest.get(0).get("events") + " | " + spread(values(ingest, "service_per_s")) + " | "
                    + spread(values(ingest, "gateway_per_s")) + " |");
            line("");
        }

        List<Map<String, String>> rss = where(is("metric", "rss"));
        List<Map<String, String>> startup = where(is("metric", "startup"));
        if (!rss.isEmpty()) {
            line("### Memory and start-up (`-Xmx256m`, resident set from /proc/PID/status)");
            line("");
            line("| service | started in (s), all four together | started alone (s) | at rest after load (MB) | "
                    + "peak during bulk load (MB) | peak during lookups (MB) | peak during ingestion (MB) |");
            line("|---|---|---|---|---|---|---|");
            Set<String> services = new TreeMap<String, String>() {{
                for (Map<String, String> r : rss) {
                    put(r.get("service"), "");
                }
            }}.keySet();
            for (String s : services) {
                List<Map<String, String>> mine = where(is("metric", "rss").and(is("service", s)));
                double rest = max(mine, r -> r.get("phase").startsWith("rest"));
                double bulk = max(mine, r -> r.get("phase").equals("bulk load") || r.get("phase").startsWith("import"));
                double lookup = max(mine, r -> r.get("phase").startsWith("lookup"));
                double ing = max(mine, r -> r.get("phase").equals("ingest"));
                List<Double> start = values(where(is("metric", "startup").and(is("service", s))), "seconds");
                List<Double> alone = values(where(is("metric", "startup-alone").and(is("service", s))), "seconds");
                line("| " + s + " | " + (start.isEmpty() ? "–" : fmt(median(start))) + " | "
                        + (alone.isEmpty() ? "–" : spread(alone)) + " | " + fmt(rest) + " | "
                        + fmt(bulk) + " | " + fmt(lookup) + " | " + fmt(ing) + " |");
            }
            line("");
        }
    }

    private static double num(Map<String, String> row, String key) {
        String v = row.get(key);
        return v == null || v.equals("null") ? Double.NaN : Double.parseDouble(v);
    }

    private static double max(List<Map<String, String>> rows, Predicate<Map<String, String>> filter) {
        return rows.stream().filter(filter).mapToDouble(r -> Double.parseDouble(r.get("rss_mb"))).max()
                .orElse(Double.NaN);
    }
}
