package org.contactpoint.identity.application;

import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.identity.domain.matching.FellegiSunterMatcher;
import org.contactpoint.identity.domain.matching.MatchKeys;
import org.contactpoint.identity.domain.matching.MatchRecord;
import org.contactpoint.identity.domain.matching.TermFrequencies;
import org.contactpoint.testing.population.DenseBirthdays;
import org.contactpoint.testing.population.DenseBirthdays.SourceRecord;

import java.util.*;

/**
 * A diagnostic, not a test (surefire does not pick it up): scores {@link DenseBirthdays}' set offline with the same
 * keys, matcher and rules, and prints each missed second record beside its best candidates' per-field weights, so
 * the reason for a miss can be read per kind. {@code NationalDensityMatchingTest} measures through the real service;
 * this only explains. Run its main with identity-service's and test-support's classes on the class path
 * ({@code -Dprobe.kind=MOVED -Dprobe.show=20 -Dprobe.arrivals=true}).
 */
class DensityScoringProbe {

    public static void main(String[] args) {
        new DensityScoringProbe().probe();
    }

    void probe() {
        DenseBirthdays.Evaluation evaluation = DenseBirthdays.generate(18, DenseBirthdays.birthdays(2),
                DenseBirthdays.NATIONAL_DENSITY, 0.3, "ND18");
        List<SourceRecord> children = evaluation.newChildren();
        Map<String, Long> counts = new HashMap<>();
        Map<String, List<SourceRecord>> index = new HashMap<>();
        Map<String, SourceRecord> byKey = new HashMap<>();
        for (SourceRecord c : children) {
            byKey.put(c.child(), c);
            MatchRecord r = record(c);
            for (String key : MatchKeys.of(r)) {
                if (MatchKeys.isFrequencyKey(key)) {
                    counts.merge(key, 1L, Long::sum);
                } else {
                    index.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
                }
            }
        }
        TermFrequencies tf = new TermFrequencies(counts, children.size());
        IdentityConfig.Matching config = config();
        FellegiSunterMatcher matcher = new FellegiSunterMatcher();
        Map<String, Map<String, Integer>> byKind = new TreeMap<>();
        int right = 0, wrong = 0;
        double expectedWrong = 0;
        int shown = 0;
        // -Dprobe.compound=true: the records with two faults at once instead of the set's second records.
        List<SourceRecord> seconds = Boolean.getBoolean("probe.compound")
                ? DenseBirthdays.compoundSecondRecords(evaluation, 18, 0.1, "ND18") : evaluation.duplicates();
        for (SourceRecord d : seconds) {
            MatchRecord r = record(d);
            if (d.nhsNumber() != null && d.nhsNumber().equals(byKey.get(d.child()).nhsNumber())) {
                right++;
                byKind.computeIfAbsent(d.kind(), k -> new TreeMap<>()).merge("NHS", 1, Integer::sum);
                continue;
            }
            Set<SourceRecord> found = new LinkedHashSet<>();
            for (String key : MatchKeys.probe(r)) {
                found.addAll(index.getOrDefault(key, List.of()));
            }
            List<MatchRules.Candidate> cands = found.stream().map(c -> new MatchRules.Candidate(c.child(),
                    false, false, record(c))).toList();
            List<ScoredCandidate> scored = MatchRules.score(matcher, r, cands, "PROBABILISTIC", tf, config);
            MatchRules.Verdict verdict = MatchRules.decide(scored, config);
            boolean offered = found.stream().anyMatch(c -> c.child().equals(d.child()));
            String outcome = verdict.name();
            if (verdict == MatchRules.Verdict.LINK) {
                if (scored.get(0).contactPointId().equals(d.child())) { right++; } else { wrong++; outcome = "WRONG"; }
                expectedWrong += 1 - scored.get(0).probability();
            }
            if (!offered) outcome += "_NOTOFFERED";
            byKind.computeIfAbsent(d.kind(), k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
            if (verdict != MatchRules.Verdict.LINK && shown < Integer.getInteger("probe.show", 40)
                    && (System.getProperty("probe.kind") == null || System.getProperty("probe.kind").equals(d.kind()))) {
                shown++;
                System.out.println("MISS " + d.kind() + " " + d.givenNames() + " " + d.familyName() + " " + d.gender()
                        + " " + d.postcode() + " truth=" + byKey.get(d.child()).givenNames() + " "
                        + byKey.get(d.child()).familyName() + " " + byKey.get(d.child()).gender() + " "
                        + byKey.get(d.child()).postcode());
                for (ScoredCandidate s : scored.subList(0, Math.min(3, scored.size()))) {
                    System.out.println("   " + (s.contactPointId().equals(d.child()) ? "*" : " ") + " p="
                            + s.probability() + " s=" + s.score() + " " + s.caution() + " " + s.comparisons());
                }
            }
        }
        System.out.println("BYKIND " + byKind);
        // What the model itself expects: the sum over automatic links of the chance each is another child.
        System.out.println("RIGHT " + right + " WRONG " + wrong + " of " + seconds.size()
                + " EXPECTED_WRONG " + Math.round(expectedWrong * 100) / 100.0);
        // Arriving new children: the last tenth against the first nine tenths.
        int split = children.size() * 9 / 10;
        Map<String, Integer> arriving = new TreeMap<>();
        for (SourceRecord a : children.subList(split, children.size())) {
            MatchRecord r = record(a);
            Set<SourceRecord> found = new LinkedHashSet<>();
            for (String key : MatchKeys.probe(r)) {
                for (SourceRecord c : index.getOrDefault(key, List.of())) {
                    if (children.indexOf(c) < children.indexOf(a)) found.add(c);
                }
            }
            List<ScoredCandidate> scored = MatchRules.score(matcher, r, found.stream().map(c ->
                    new MatchRules.Candidate(c.child(), false, false, record(c))).toList(), "PROBABILISTIC", tf, config);
            MatchRules.Verdict verdict = MatchRules.decide(scored, config);
            arriving.merge(a.kind() + ":" + verdict, 1, Integer::sum);
            if (verdict == MatchRules.Verdict.REVIEW && Boolean.getBoolean("probe.arrivals")) {
                System.out.println("NEWREVIEW " + a.kind() + " " + a.givenNames() + " " + a.familyName() + " " + a.postcode());
                for (ScoredCandidate s : scored.subList(0, Math.min(2, scored.size()))) {
                    System.out.println("     p=" + s.probability() + " s=" + s.score() + " " + s.comparisons());
                }
            }
        }
        System.out.println("ARRIVING " + arriving);
        // The carers comparison's m and u as this set has them: m from each second record against its own child,
        // u from pairs of different children with the same family name born the same day.
        Map<String, Integer> m = new TreeMap<>();
        Map<String, Integer> bothNameTwo = new TreeMap<>();
        for (SourceRecord d : evaluation.duplicates()) {
            String level = matcher.compare(record(d), record(byKey.get(d.child()))).levels().get("carers");
            m.merge(level, 1, Integer::sum);
            if (d.carers().size() >= 2 && byKey.get(d.child()).carers().size() >= 2) {
                bothNameTwo.merge(level, 1, Integer::sum);
            }
        }
        System.out.println("CARERS of the same child's pairs in which both records name two people: " + bothNameTwo);
        Map<String, Integer> u = new TreeMap<>();
        Map<String, List<SourceRecord>> byFamilyAndDay = new HashMap<>();
        for (SourceRecord c : children) {
            byFamilyAndDay.computeIfAbsent(c.familyName() + c.dateOfBirth(), k -> new ArrayList<>()).add(c);
        }
        Map<String, Integer> twins = new TreeMap<>();
        Map<String, Integer> namesakes = new TreeMap<>();
        for (List<SourceRecord> group : byFamilyAndDay.values()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    SourceRecord a = group.get(i), b = group.get(j);
                    boolean household = "TWIN".equals(a.kind()) || "TWIN".equals(b.kind());
                    String level = matcher.compare(record(a), record(b)).levels().get("carers");
                    (household ? twins : u).merge(level, 1, Integer::sum);
                    if (!household && a.givenNames().equals(b.givenNames())) {
                        namesakes.merge(level, 1, Integer::sum);
                    }
                }
            }
        }
        System.out.println("CARERS m (same child) " + m + "; u (same family name and birthday, not twins) " + u
                + "; of them namesakes (the same given names too) " + namesakes + "; twins " + twins);
    }

    /**
     * A record as the single-record path reads it ({@code -Dprobe.roles=true}: the carers' roles and the NHS number
     * too) or as the batch path's candidate read does today (names only, no NHS number).
     */
    static MatchRecord record(SourceRecord s) {
        MatchRecord names = new MatchRecord(s.givenNames(), s.familyName(), null, List.of(), s.dateOfBirth(),
                Gender.valueOf(s.gender()), s.postcode(), s.carers().stream().map(DenseBirthdays.Carer::name).toList());
        if (!Boolean.getBoolean("probe.roles")) {
            return names;
        }
        return names.withParentsAndNhsNumber(s.carers().stream().map(c -> new MatchRecord.Parent(
                MatchRecord.Role.of(c.relationship()), c.name())).toList(), s.nhsNumber());
    }

    static IdentityConfig.Matching config() {
        return new IdentityConfig.Matching() {
            public double linkProbability() { return Double.parseDouble(System.getProperty("probe.link", "0.999")); }
            public double reviewProbability() { return Double.parseDouble(System.getProperty("probe.review", "0.1")); }
            public long priorRegisterFloor() { return 11_000_000; }
            public double shieldedReviewThreshold() { return 0; }
            public double sealedReviewThreshold() { return 0; }
            public int maxCandidates() { return 200; }
        };
    }
}
