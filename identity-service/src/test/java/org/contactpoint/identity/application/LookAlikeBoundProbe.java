package org.contactpoint.identity.application;

import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.identity.domain.matching.FellegiSunterMatcher;
import org.contactpoint.identity.domain.matching.MatchKeys;
import org.contactpoint.identity.domain.matching.MatchRecord;
import org.contactpoint.identity.domain.matching.Names;
import org.contactpoint.identity.domain.matching.TermFrequencies;
import org.contactpoint.testing.population.DenseBirthdays;
import org.contactpoint.testing.population.DenseBirthdays.Carer;
import org.contactpoint.testing.population.DenseBirthdays.SourceRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A diagnostic, not a test (surefire's default pattern does not pick it up; run it with
 * {@code -Dtest=LookAlikeBoundProbe}): the honest bound on recall at precision 0.999 for issue 18's evaluation set
 * ({@link DenseBirthdays}, seed 18, 2 birthdays at 1,650, as {@code NationalDensityMatchingTest} generates it).
 * <p>
 * For every second record it looks for <em>look-alikes</em>: other children of the set who agree with the record at
 * least as well as its own child does on every piece of evidence the record carries, field by field (first given
 * name and family name as the matcher compares them, each middle name, date of birth, sex when given, postcode when
 * given to the sector and district, each carer it names in their role, the NHS number when carried). Where one
 * exists, the record says nothing that prefers its child over the look-alike, so no matcher can link it at 0.999
 * without linking a look-alike's record as often; where none exists, there is headroom. The records without a
 * look-alike are the oracle's recall: what a matcher that used every piece of evidence perfectly could at best link.
 * <p>
 * A second, stricter bound ({@link #patternBound}) asks the same of pairs: a matcher that links on some evidence
 * links any pair with at least as much, so a record is linkable at precision 1.000 on this set only if no pair of
 * different children agrees at least as well on every field, for a name held by no more children of the set.
 * <p>
 * The register is every child's first record (3,300), the arriving tenth included (the second records arrive after
 * them): the look-alikes a second record meets. It also replays the service's decisions offline (the same keys,
 * matcher and rules, the carers' roles and the NHS numbers read; the register built in order, a first record sent to
 * review is no candidate), so each record is counted linked / review / created as the service would, within about
 * one per cent (the service ranks and cuts candidates at {@code max-candidates}; this does not).
 */
class LookAlikeBoundProbe {

    /** The same diagnostic without Maven (several seeds at once): {@code java -cp <test classpath> ...}. */
    public static void main(String[] args) {
        new LookAlikeBoundProbe().bound();
    }

    @Test
    void bound() {
        long seed = Long.getLong("contactpoint.evaluation.seed", 18);
        DenseBirthdays.Evaluation evaluation = DenseBirthdays.generate(seed, DenseBirthdays.birthdays(2),
                DenseBirthdays.NATIONAL_DENSITY, 0.3, "ND" + seed);
        List<SourceRecord> children = evaluation.newChildren();
        Map<String, SourceRecord> firstOf = new HashMap<>();
        Map<java.time.LocalDate, List<SourceRecord>> byBirthday = new HashMap<>();
        Map<String, Integer> nameCount = new HashMap<>();
        for (SourceRecord c : children) {
            firstOf.put(c.child(), c);
            byBirthday.computeIfAbsent(c.dateOfBirth(), d -> new ArrayList<>()).add(c);
            nameCount.merge(nameKey(c), 1, Integer::sum);
        }
        FellegiSunterMatcher matcher = new FellegiSunterMatcher();

        // The service's decisions, replayed: register (nine tenths), arriving children, second records.
        Replay replay = new Replay(matcher);
        // -Dcontactpoint.evaluation.background=N: the names of N other birthdays' children counted as well (not
        // registered, not candidates), so the term frequencies are those of a larger register of the same population:
        // how much of the gap is the slice's counts (names counted among 3,300 children) rather than the matcher.
        int background = Integer.getInteger("contactpoint.evaluation.background", 0);
        if (background > 0) {
            List<java.time.LocalDate> days = DenseBirthdays.birthdays(2 + background).subList(2, 2 + background);
            replay.countBackground(DenseBirthdays.generate(seed * 1000 + 1, days, DenseBirthdays.NATIONAL_DENSITY,
                    0, "BG" + seed).newChildren());
        }
        int split = children.size() * 9 / 10;
        Map<String, Integer> build = new TreeMap<>();
        for (SourceRecord c : children.subList(0, split)) {
            String explained = replay.explainNew(c);
            String verdict = replay.registerNew(c);
            build.merge(c.kind() + ":" + verdict, 1, Integer::sum);
            if ("LINKED".equals(verdict)) {
                // Every child of the build is new: a link is a wrong one.
                System.out.println("BUILD-WRONG-LINK " + c.kind() + " " + describe(c) + " " + explained);
            }
        }
        Map<String, Integer> arriving = new TreeMap<>();
        List<SourceRecord> arrivingReviewed = new ArrayList<>();
        for (SourceRecord c : children.subList(split, children.size())) {
            String verdict = replay.registerNew(c);
            arriving.merge(c.kind() + ":" + verdict, 1, Integer::sum);
            if ("REVIEW".equals(verdict)) {
                arrivingReviewed.add(c);
            }
        }

        Map<String, Map<String, Integer>> table = new TreeMap<>();
        int linked = 0;
        int noLookAlike = 0;
        int linkedWithLookAlike = 0;
        int wrong = 0;
        List<String> headroom = new ArrayList<>();
        for (SourceRecord d : evaluation.duplicates()) {
            SourceRecord truth = firstOf.get(d.child());
            String outcome = replay.decideSecond(d);
            if ("WRONG".equals(outcome)) {
                wrong++;
            }
            int[] own = evidence(matcher, d, truth);
            List<SourceRecord> lookAlikes = new ArrayList<>();
            for (SourceRecord c : byBirthday.get(d.dateOfBirth())) {
                if (!c.child().equals(d.child()) && atLeastAsGood(evidence(matcher, d, c), own)) {
                    lookAlikes.add(c);
                }
            }
            Map<String, Integer> row = table.computeIfAbsent(d.kind(), k -> new TreeMap<>());
            row.merge("records", 1, Integer::sum);
            row.merge(outcome, 1, Integer::sum);
            boolean isLinked = "LINKED".equals(outcome);
            if (isLinked) {
                linked++;
            }
            if (lookAlikes.isEmpty()) {
                noLookAlike++;
                row.merge("oracle", 1, Integer::sum);
                if (!isLinked) {
                    String beyond = beyondNameAndBirthday(own);
                    row.merge("headroom", 1, Integer::sum);
                    row.merge("headroom:" + beyond, 1, Integer::sum);
                    if (!replay.registered(d.child())) {
                        row.merge("headroom:child-in-review", 1, Integer::sum);
                    }
                    double p = replay.trueProbability(d);
                    row.merge(p >= 0.99 ? "p>=0.99" : p >= 0.95 ? "p0.95-0.99" : p >= 0.5 ? "p0.5-0.95" : "p<0.5",
                            1, Integer::sum);
                    headroom.add(String.format("HEADROOM %s %s [%s] beyond=%s name-held-by=%d own=%s %s",
                            d.kind(), describe(d), describe(truth), beyond, nameCount.get(nameKey(truth)),
                            java.util.Arrays.toString(own), replay.explain(d)));
                }
            } else {
                row.merge("lookalike", 1, Integer::sum);
                if (isLinked) {
                    linkedWithLookAlike++;
                }
            }
        }
        headroom.forEach(System.out::println);
        for (SourceRecord a : arrivingReviewed) {
            System.out.println("ARRIVING-REVIEW " + a.kind() + " " + describe(a) + " " + replay.explainNew(a));
        }
        System.out.println("REGISTER BUILD " + build);
        System.out.println("TURING (children's worth of a name held once) " + replay.turing());
        System.out.println("ARRIVING " + arriving);
        System.out.printf("%-26s %7s %7s %7s %7s %9s %7s %9s  %s%n", "kind", "records", "linked", "review",
                "created", "lookalike", "oracle", "headroom", "headroom by evidence beyond name + birthday");
        table.forEach((kind, row) -> {
            Map<String, Integer> why = new TreeMap<>();
            row.forEach((k, v) -> {
                if (k.startsWith("headroom:")) {
                    why.put(k.substring(9), v);
                } else if (k.startsWith("p")) {
                    why.put(k, v);
                }
            });
            System.out.printf("%-26s %7d %7d %7d %7d %9d %7d %9d  %s%n", kind, row.get("records"),
                    row.getOrDefault("LINKED", 0), row.getOrDefault("REVIEW", 0), row.getOrDefault("CREATED", 0),
                    row.getOrDefault("lookalike", 0), row.getOrDefault("oracle", 0), row.getOrDefault("headroom", 0),
                    why);
        });
        int n = evaluation.duplicates().size();
        System.out.printf("BOUND second records %d: linked (replay) %d = %.3f, wrong %d; no look-alike (oracle) %d = "
                        + "%.3f; linked although a look-alike exists %d; arriving to review %d of %d = %.4f%n", n,
                linked, (double) linked / n, wrong, noLookAlike, (double) noLookAlike / n, linkedWithLookAlike,
                arrivingReviewed.size(), children.size() - split,
                (double) arrivingReviewed.size() / (children.size() - split));
        patternBound(matcher, evaluation, firstOf, nameCount);
    }

    /**
     * The bound that counts what a matcher cannot know: whether a namesake it has not met exists. A matcher decides
     * from the evidence a pair carries (each field's agreement, the name's frequency); one that links a pair on some
     * evidence links any pair with at least as much (more agreement never makes a link less likely). So a second
     * record can be linked at precision 1.000 on this set only if no pair of <em>different</em> children in the set
     * (each child's first record against every other child blocking offers it, and each second record against the
     * children other than its own) agrees at least as well, field by field, on a name at least as rare. The records
     * that pass are the best recall any such matcher reaches on this set.
     */
    private static void patternBound(FellegiSunterMatcher matcher, DenseBirthdays.Evaluation evaluation,
                                     Map<String, SourceRecord> firstOf, Map<String, Integer> nameCount) {
        List<SourceRecord> children = evaluation.newChildren();
        Map<String, List<SourceRecord>> index = new HashMap<>();
        for (SourceRecord c : children) {
            for (String key : MatchKeys.of(record(c))) {
                if (!MatchKeys.isFrequencyKey(key)) {
                    index.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
                }
            }
        }
        Map<String, String> negatives = new HashMap<>();
        List<SourceRecord> probes = new ArrayList<>(children);
        probes.addAll(evaluation.duplicates());
        for (SourceRecord x : probes) {
            Set<SourceRecord> found = new LinkedHashSet<>();
            for (String key : MatchKeys.probe(record(x))) {
                found.addAll(index.getOrDefault(key, List.of()));
            }
            for (SourceRecord y : found) {
                if (!y.child().equals(x.child())) {
                    negatives.putIfAbsent(java.util.Arrays.toString(pairEvidence(matcher, x, y, nameCount)),
                            x.kind() + " " + describe(x) + " AGAINST " + y.kind() + " " + describe(y));
                }
            }
        }
        List<int[]> frontier = new ArrayList<>();
        for (String v : negatives.keySet()) {
            frontier.add(parse(v));
        }
        Map<String, Map<String, Integer>> table = new TreeMap<>();
        int linkable = 0;
        int shown = 0;
        for (SourceRecord d : evaluation.duplicates()) {
            int[] own = pairEvidence(matcher, d, firstOf.get(d.child()), nameCount);
            int[] by = null;
            for (int[] negative : frontier) {
                if (atLeastAsGood(negative, own)) {
                    by = negative;
                    break;
                }
            }
            Map<String, Integer> row = table.computeIfAbsent(d.kind(), k -> new TreeMap<>());
            row.merge("records", 1, Integer::sum);
            if (by == null) {
                linkable++;
                row.merge("linkable", 1, Integer::sum);
            } else if (shown++ < Integer.getInteger("probe.show", 30)) {
                System.out.println("MET-BY-DIFFERENT-CHILDREN " + d.kind() + " " + describe(d) + " own="
                        + java.util.Arrays.toString(own) + " by=" + java.util.Arrays.toString(by) + " "
                        + negatives.get(java.util.Arrays.toString(by)));
            }
        }
        System.out.println("PATTERN BOUND (evidence: given, family, birthday, sex, postcode, NHS number, middle "
                + "names, carers, -children holding the name; " + negatives.size() + " distinct vectors of pairs of "
                + "different children)");
        table.forEach((kind, row) -> System.out.printf("%-26s %7d %9d%n", kind, row.get("records"),
                row.getOrDefault("linkable", 0)));
        System.out.printf("PATTERN BOUND %d of %d = %.3f%n", linkable, evaluation.duplicates().size(),
                (double) linkable / evaluation.duplicates().size());
    }

    /**
     * A pair's evidence in one space for every pair: given (the first given names the same above one found among
     * the other's middle names), family, birthday, sex (agrees 2, not given 1, differs 0),
     * postcode (same 4, sector 3, district 2, not given 1, other 0), NHS number (same 2, one lacks it 1, differs 0),
     * middle names (one in common 2, one lacks them 1, both have others 0), the carers' level, and minus the number
     * of children of the set holding the candidate's first given name and family name (rarer weighs more).
     */
    static int[] pairEvidence(FellegiSunterMatcher matcher, SourceRecord record, SourceRecord child,
                              Map<String, Integer> nameCount) {
        Map<String, String> levels = matcher.compare(record(record), record(child)).levels();
        int sex = switch (levels.get("gender")) {
            case "EXACT" -> 2;
            case "NOT_COMPARED" -> 1;
            default -> 0;
        };
        int postcode = switch (levels.get("postcode")) {
            case "EXACT" -> 4;
            case "SAME_SECTOR" -> 3;
            case "SAME_DISTRICT" -> 2;
            case "NOT_COMPARED" -> 1;
            default -> 0;
        };
        String nhs = levels.getOrDefault("nhsNumber", "");
        int carers = switch (levels.get("carers")) {
            case "SAME_CARERS" -> 6;
            case "SAME_CARER" -> 5;
            case "SAME_GIVEN_NAME" -> 4;
            case "NOT_COMPARED", "OTHER_ROLES" -> 3;
            case "DIFFERENT", "SAME_CARER_FATHER_DIFFERENT", "SAME_CARER_MOTHER_DIFFERENT" -> 2;
            default -> 1;
        };
        List<String> a = Names.tokens(record.givenNames());
        List<String> b = Names.tokens(child.givenNames());
        int middle = a.size() < 2 || b.size() < 2 ? 1
                : a.subList(1, a.size()).stream().anyMatch(m -> b.subList(1, b.size()).contains(m)) ? 2 : 0;
        // The first given names the same is more than a first name found among the other's middle names (Lily
        // Alexandra and Alexandra), which the matcher also calls EXACT.
        int given = 2 * nameRank(levels.get("givenNames"))
                - ("EXACT".equals(levels.get("givenNames")) && !a.isEmpty() && !b.isEmpty()
                && !a.get(0).equals(b.get(0)) ? 1 : 0);
        return new int[] {given, nameRank(levels.get("familyName")),
                4 - org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level
                        .valueOf(levels.get("dateOfBirth")).ordinal(), sex, postcode,
                "EXACT".equals(nhs) ? 2 : "DIFFERENT".equals(nhs) ? 0 : 1, middle, carers,
                -nameCount.get(nameKey(child))};
    }

    private static int[] parse(String vector) {
        String[] parts = vector.substring(1, vector.length() - 1).split(", ");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i]);
        }
        return values;
    }

    // ----- the evidence, field by field: a rank per field, higher agrees better ---------------------------------

    /** Fields: given (first), family, date of birth, sex, postcode, NHS number, middle names, then each carer. */
    static int[] evidence(FellegiSunterMatcher matcher, SourceRecord record, SourceRecord child) {
        Map<String, String> levels = matcher.compare(record(record), record(child)).levels();
        List<Integer> ranks = new ArrayList<>();
        ranks.add(nameRank(levels.get("givenNames")));
        ranks.add(nameRank(levels.get("familyName")));
        ranks.add(4 - org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level
                .valueOf(levels.get("dateOfBirth")).ordinal());
        ranks.add("NOT_SPECIFIED".equals(record.gender()) ? 0 : record.gender().equals(child.gender()) ? 1 : 0);
        ranks.add(postcodeRank(record.postcode(), child.postcode()));
        ranks.add(record.nhsNumber() == null ? 0 : child.nhsNumber() == null ? 1
                : record.nhsNumber().equals(child.nhsNumber()) ? 2 : 0);
        ranks.add(middleRank(record.givenNames(), child.givenNames()));
        for (Carer carer : record.carers()) {
            ranks.add(carerRank(carer, child.carers()));
        }
        return ranks.stream().mapToInt(Integer::intValue).toArray();
    }

    static boolean atLeastAsGood(int[] other, int[] own) {
        for (int i = 0; i < own.length; i++) {
            if (other[i] < own[i]) {
                return false;
            }
        }
        return true;
    }

    /** What the record agrees with its own child on besides names, birthday and sex. */
    static String beyondNameAndBirthday(int[] own) {
        List<String> more = new ArrayList<>();
        if (own[5] == 2) {
            more.add("nhs");
        }
        if (own[4] == 3) {
            more.add("postcode");
        } else if (own[4] == 2) {
            more.add("sector");
        } else if (own[4] == 1) {
            more.add("district");
        }
        if (own[6] == 2) {
            more.add("middle");
        }
        int carers = 0;
        int carerGiven = 0;
        for (int i = 7; i < own.length; i++) {
            carers += own[i] == 3 ? 1 : 0;
            carerGiven += own[i] == 2 ? 1 : 0;
        }
        if (carers > 0) {
            more.add(carers + "carer");
        }
        if (carerGiven > 0) {
            more.add("carer-given");
        }
        return more.isEmpty() ? "nothing" : String.join("+", more);
    }

    private static int nameRank(String level) {
        return switch (level) {
            case "EXACT", "EXACT_FORMER_NAME" -> 6;
            case "NICKNAME", "SWAPPED_WITH_FAMILY_NAME", "SWAPPED_WITH_GIVEN_NAMES", "MIDDLE_NAME" -> 5;
            case "SIMILAR" -> 4;
            case "PHONETIC" -> 3;
            case "ROUGHLY" -> 2;
            case "DIFFERENT" -> 1;
            default -> 0;
        };
    }

    private static int postcodeRank(String a, String b) {
        if (a == null) {
            return 0;
        }
        if (b == null) {
            return 0;
        }
        String x = a.replace(" ", "");
        String y = b.replace(" ", "");
        if (x.equals(y)) {
            return 3;
        }
        String ox = a.substring(0, a.indexOf(' '));
        String oy = b.substring(0, b.indexOf(' '));
        if (ox.equals(oy) && x.charAt(x.length() - 3) == y.charAt(y.length() - 3)) {
            return 2;
        }
        return ox.equals(oy) ? 1 : 0;
    }

    /** The record's middle names: 2 one of them is the child's too, 1 the child has none, 0 another; none: 0. */
    private static int middleRank(String record, String child) {
        List<String> mine = Names.tokens(record);
        if (mine.size() < 2) {
            return 0;
        }
        List<String> theirs = Names.tokens(child);
        if (theirs.size() < 2) {
            return 1;
        }
        for (String middle : mine.subList(1, mine.size())) {
            if (theirs.subList(1, theirs.size()).contains(middle)) {
                return 2;
            }
        }
        return 0;
    }

    /**
     * A carer the record names, against the child's: 3 the same person in the same role (the given name or a
     * nickname of it, the same family name), 2 the same given name in that role under another family name, 1 the
     * child's record names nobody in that role, 0 someone else.
     */
    private static int carerRank(Carer carer, List<Carer> theirs) {
        int best = 1;
        boolean roleNamed = false;
        for (Carer other : theirs) {
            if (!other.relationship().equals(carer.relationship())) {
                continue;
            }
            roleNamed = true;
            String a = Names.normalise(carer.givenName());
            String b = Names.normalise(other.givenName());
            if (Names.commonFormalName(a, b) != null) {
                best = Math.max(best, Names.compact(carer.familyName()).equals(Names.compact(other.familyName()))
                        ? 3 : 2);
            }
        }
        return roleNamed && best == 1 ? 0 : best;
    }

    private static String nameKey(SourceRecord c) {
        return Names.tokens(c.givenNames()).get(0) + " " + Names.compact(c.familyName());
    }

    static String describe(SourceRecord r) {
        return r.givenNames() + " " + r.familyName() + " " + r.dateOfBirth() + " " + r.gender() + " " + r.postcode()
                + " " + r.source() + (r.nhsNumber() == null ? "" : " nhs") + " carers "
                + r.carers().stream().map(c -> c.relationship() + ":" + c.name()).toList();
    }

    /** A record as both of the service's paths read it: the carers' roles and the NHS number too. */
    static MatchRecord record(SourceRecord s) {
        return new MatchRecord(s.givenNames(), s.familyName(), null, List.of(), s.dateOfBirth(),
                Gender.valueOf(s.gender()), s.postcode(), s.carers().stream().map(Carer::name).toList())
                .withParentsAndNhsNumber(s.carers().stream().map(c -> new MatchRecord.Parent(
                        MatchRecord.Role.of(c.relationship()), c.name())).toList(), s.nhsNumber());
    }

    // ----- the service's decisions, offline -----------------------------------------------------------------------

    /** The register as the service builds it: blocking keys, term frequencies, identifiers, the rules. */
    static final class Replay {
        private final FellegiSunterMatcher matcher;
        private final Map<String, Long> counts = new HashMap<>();
        /** Names held by r children, as the service counts them with the register's size (keys gx:1, fx:2, ...). */
        private final Map<String, Long> namesHeld = new HashMap<>();
        private final Map<String, List<SourceRecord>> index = new HashMap<>();
        private final Map<String, SourceRecord> byNhs = new HashMap<>();
        private final Map<String, SourceRecord> registered = new HashMap<>();
        private final IdentityConfig.Matching config = DensityScoringProbe.config();

        private long backgroundChildren;
        /**
         * -Dcontactpoint.evaluation.turing=false: the names' shares as before session 18, for a before/after;
         * {@code gx:} or {@code fx:} Turing's estimate for that kind of name only.
         */
        private final String turing = System.getProperty("contactpoint.evaluation.turing", "true");

        Replay(FellegiSunterMatcher matcher) {
            this.matcher = matcher;
        }

        /** Children counted in the names' frequencies only: a larger register's counts (see the test). */
        void countBackground(List<SourceRecord> others) {
            for (SourceRecord c : others) {
                for (String key : MatchKeys.of(record(c))) {
                    if (MatchKeys.isFrequencyKey(key) && !key.startsWith("bx:")) {
                        count(key);
                    }
                }
            }
            backgroundChildren = others.size();
        }

        /** One more child under a frequency key, and the names held by one, two, three children kept with it. */
        private void count(String key) {
            long now = counts.merge(key, 1L, Long::sum);
            if (key.startsWith("gx:") || key.startsWith("fx:")) {
                String kind = key.substring(0, 3);
                namesHeld.computeIfPresent(TermFrequencies.NamesHeld.key(kind, now - 1), (k, v) -> v - 1);
                namesHeld.merge(TermFrequencies.NamesHeld.key(kind, now), 1L, Long::sum);
            }
        }

        private TermFrequencies.NamesHeld namesHeldForTuring() {
            if ("false".equals(turing)) {
                return TermFrequencies.NamesHeld.NONE;
            }
            Map<String, Long> held = new HashMap<>(namesHeld);
            if (!"true".equals(turing)) {
                held.keySet().removeIf(key -> !key.startsWith(turing));
            }
            return new TermFrequencies.NamesHeld(held);
        }

        /** Turing's estimate of a name held once, in children, per kind (the register as it is now). */
        String turing() {
            return String.format("given %.2f (%d held once, %d twice), family %.2f (%d, %d)",
                    2.0 * namesHeld.getOrDefault("gx:2", 0L) / namesHeld.getOrDefault("gx:1", 1L),
                    namesHeld.getOrDefault("gx:1", 0L), namesHeld.getOrDefault("gx:2", 0L),
                    2.0 * namesHeld.getOrDefault("fx:2", 0L) / namesHeld.getOrDefault("fx:1", 1L),
                    namesHeld.getOrDefault("fx:1", 0L), namesHeld.getOrDefault("fx:2", 0L));
        }

        boolean registered(String child) {
            return registered.containsKey(child);
        }

        /** A new child's record: CREATED (on the register from now on), REVIEW, or LINKED (to another child). */
        String registerNew(SourceRecord c) {
            MatchRules.Verdict verdict = c.nhsNumber() != null && byNhs.containsKey(c.nhsNumber())
                    ? MatchRules.Verdict.LINK : MatchRules.decide(scored(c), config);
            if (verdict == MatchRules.Verdict.CREATE) {
                registered.put(c.child(), c);
                if (c.nhsNumber() != null) {
                    byNhs.put(c.nhsNumber(), c);
                }
                for (String key : MatchKeys.of(record(c))) {
                    if (MatchKeys.isFrequencyKey(key)) {
                        count(key);
                    } else {
                        index.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
                    }
                }
                return "CREATED";
            }
            return verdict == MatchRules.Verdict.LINK ? "LINKED" : "REVIEW";
        }

        /** A second record: LINKED (to its child), WRONG (to another), REVIEW or CREATED; the register unchanged. */
        String decideSecond(SourceRecord d) {
            if (d.nhsNumber() != null && byNhs.containsKey(d.nhsNumber())) {
                return byNhs.get(d.nhsNumber()).child().equals(d.child()) ? "LINKED" : "WRONG";
            }
            List<ScoredCandidate> scored = scored(d);
            MatchRules.Verdict verdict = MatchRules.decide(scored, config);
            if (verdict == MatchRules.Verdict.LINK) {
                return scored.get(0).contactPointId().equals(d.child()) ? "LINKED" : "WRONG";
            }
            return verdict == MatchRules.Verdict.CREATE ? "CREATED" : "REVIEW";
        }

        String explain(SourceRecord d) {
            StringBuilder line = new StringBuilder();
            List<ScoredCandidate> scored = scored(d);
            for (int i = 0; i < Math.min(3, scored.size()); i++) {
                ScoredCandidate s = scored.get(i);
                line.append(String.format("| %s p=%.4f s=%.1f%s {%s} ", s.contactPointId().equals(d.child()) ? "TRUE"
                        : "other", s.probability(), s.score(), s.caution() == null ? "" : " " + s.caution(),
                        describe(registered.get(s.contactPointId()))));
                s.comparisons().forEach(f -> line.append(String.format("%s:%s:%.1f ", f.field(), f.level(),
                        f.weight())));
            }
            return line.toString();
        }

        /** The probability the rules give the record's own child (0 when blocking does not offer it). */
        double trueProbability(SourceRecord d) {
            return scored(d).stream().filter(s -> s.contactPointId().equals(d.child()))
                    .mapToDouble(ScoredCandidate::probability).findFirst().orElse(0);
        }

        String explainNew(SourceRecord c) {
            return explain(c);
        }

        private List<ScoredCandidate> scored(SourceRecord c) {
            MatchRecord r = record(c);
            Set<SourceRecord> found = new LinkedHashSet<>();
            for (String key : MatchKeys.probe(r)) {
                found.addAll(index.getOrDefault(key, List.of()));
            }
            List<MatchRules.Candidate> candidates = found.stream()
                    .map(x -> new MatchRules.Candidate(x.child(), false, false, record(x))).toList();
            return MatchRules.score(matcher, r, candidates, "PROBABILISTIC",
                    new TermFrequencies(counts, registered.size() + backgroundChildren,
                            namesHeldForTuring()),
                    config);
        }
    }
}
