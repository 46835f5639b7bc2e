package org.contactpoint.identity.domain.matching;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.contactpoint.identity.domain.Gender;

import java.util.List;
import java.util.Set;

/**
 * Probabilistic record linkage after Fellegi and Sunter, as Splink does it: each field is compared to a level, each
 * level has an m probability (the chance of that level when both records are the same child) and a u probability
 * (the chance when they are different children), and the score is the sum of log2(m/u) over the fields. Exact name
 * agreements take u from how common the name is ({@link TermFrequencies}).
 * <p>
 * The m and u values below are estimates for records about children in England (u from the spread of dates of birth
 * over 18 years, of postcodes and of names; m from the error rates typical of registration data). They are fixed in
 * code, documented in the README, and checked by the matching-quality test; the thresholds that turn a score into
 * link, review or create are configuration.
 */
public final class FellegiSunterMatcher {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final double CLOSE = 0.92;
    private static final double ROUGH = 0.80;

    /** Typical share of children with a given first name / family name when the register does not know it. */
    private static final double TYPICAL_GIVEN_U = 0.01;
    private static final double TYPICAL_FAMILY_U = 0.002;

    private enum NameLevel { EXACT, NICKNAME, SIMILAR, PHONETIC, ROUGHLY, DIFFERENT, MISSING }

    public MatchScore score(MatchRecord record, MatchRecord candidate, TermFrequencies frequencies) {
        // A first name against any given name either way round: children go by a middle name, but twins sharing
        // a middle name must not look alike.
        NameLevel given = better(
                compareNames(Set.copyOf(record.firstGivenNames()), candidate.allGivenNames(), true),
                compareNames(record.allGivenNames(), Set.copyOf(candidate.firstGivenNames()), true));
        NameLevel family = compareNames(record.allFamilyNames(), candidate.allFamilyNames(), false);
        boolean swapped = false;
        if (weak(given) && weak(family)) {
            NameLevel givenAsFamily = compareNames(Set.of(Names.compact(record.givenNames())),
                    candidate.allFamilyNames(), false);
            NameLevel familyAsGiven = compareNames(record.allFamilyNames(), candidate.allGivenNames(), true);
            swapped = strong(givenAsFamily) && strong(familyAsGiven);
        }

        FieldComparison givenComparison;
        FieldComparison familyComparison;
        if (swapped) {
            givenComparison = new FieldComparison("givenNames", "SWAPPED_WITH_FAMILY_NAME", weight(0.01, 0.0005));
            familyComparison = new FieldComparison("familyName", "SWAPPED_WITH_GIVEN_NAMES", weight(0.01, 0.0005));
        } else {
            givenComparison = new FieldComparison("givenNames", given.name(), givenWeight(given,
                    frequencies.share(MatchKeys.givenFrequencyKey(Names.formal(record.firstGivenName())),
                            TYPICAL_GIVEN_U)));
            familyComparison = new FieldComparison("familyName", familyLevelName(family, record, candidate),
                    familyWeight(family, frequencies.share(
                            MatchKeys.familyFrequencyKey(Names.compact(record.familyName())), TYPICAL_FAMILY_U)));
        }
        DateOfBirthComparison.Level dob = DateOfBirthComparison.compare(record.dateOfBirth(),
                candidate.dateOfBirth());
        List<FieldComparison> comparisons = List.of(givenComparison, familyComparison,
                new FieldComparison("dateOfBirth", dob.name(), dobWeight(dob)),
                genderComparison(record.gender(), candidate.gender()),
                postcodeComparison(record.postcode(), candidate.postcode()));
        double score = comparisons.stream().mapToDouble(FieldComparison::weight).sum();
        // Fellegi–Sunter assumes fields disagree independently; twins break that, so they always go to a person:
        // same family name, birthday and postcode, and first names that are not the same name (Léa and Louie sound
        // alike, Isaac and Isla are close in spelling) or a different sex (Alexander and Alexandra).
        boolean sameHousehold = family == NameLevel.EXACT && dob == DateOfBirthComparison.Level.EXACT
                && "EXACT".equals(comparisons.get(4).level());
        boolean possibleTwin = !swapped && sameHousehold
                && (!strong(given) || "DIFFERENT".equals(comparisons.get(3).level()));
        return new MatchScore(Math.round(score * 100) / 100.0, comparisons,
                possibleTwin ? MatchScore.POSSIBLE_TWIN : null);
    }

    private static NameLevel better(NameLevel a, NameLevel b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    private static boolean weak(NameLevel level) {
        return level == NameLevel.DIFFERENT || level == NameLevel.ROUGHLY;
    }

    private static boolean strong(NameLevel level) {
        return level == NameLevel.EXACT || level == NameLevel.SIMILAR || level == NameLevel.NICKNAME;
    }

    /** The best agreement between any name of one record and any name of the other. */
    private static NameLevel compareNames(Set<String> names, Set<String> candidates, boolean nicknames) {
        if (names.isEmpty() || candidates.isEmpty()) {
            return NameLevel.MISSING;
        }
        NameLevel best = NameLevel.DIFFERENT;
        for (String a : names) {
            for (String b : candidates) {
                NameLevel level = compareName(a, b, nicknames);
                if (level.ordinal() < best.ordinal()) {
                    best = level;
                }
            }
        }
        return best;
    }

    private static NameLevel compareName(String a, String b, boolean nicknames) {
        if (a.equals(b)) {
            return NameLevel.EXACT;
        }
        if (nicknames && Names.sameFormalName(a, b)) {
            return NameLevel.NICKNAME;
        }
        double similarity = JARO_WINKLER.apply(a, b);
        if (similarity >= CLOSE) {
            return NameLevel.SIMILAR;
        }
        if (Names.soundAlike(a, b)) {
            return NameLevel.PHONETIC;
        }
        return similarity >= ROUGH ? NameLevel.ROUGHLY : NameLevel.DIFFERENT;
    }

    private static String familyLevelName(NameLevel level, MatchRecord record, MatchRecord candidate) {
        if (level == NameLevel.EXACT && !Names.compact(record.familyName()).equals(Names.compact(candidate.familyName()))) {
            return "EXACT_FORMER_NAME";
        }
        return level.name();
    }

    private static double givenWeight(NameLevel level, double nameShare) {
        return switch (level) {
            case EXACT -> weight(0.86, nameShare);
            case NICKNAME -> weight(0.04, 0.002);
            case SIMILAR -> weight(0.04, 0.003);
            case PHONETIC -> weight(0.02, 0.005);
            case ROUGHLY -> weight(0.02, 0.03);
            case DIFFERENT -> weight(0.003, 0.95);
            case MISSING -> 0;
        };
    }

    private static double familyWeight(NameLevel level, double nameShare) {
        return switch (level) {
            case EXACT -> weight(0.84, nameShare);
            case NICKNAME, SIMILAR -> weight(0.05, 0.003);
            case PHONETIC -> weight(0.02, 0.004);
            case ROUGHLY -> weight(0.01, 0.03);
            // Family names change (adoption, a parent's marriage) far more often than given names do.
            case DIFFERENT -> weight(0.07, 0.96);
            case MISSING -> 0;
        };
    }

    private static double dobWeight(DateOfBirthComparison.Level level) {
        return switch (level) {
            // About 1 in 6,600 children of 0-17 share a date of birth with another.
            case EXACT -> weight(0.92, 0.00015);
            case DAY_MONTH_TRANSPOSED -> weight(0.02, 0.0004);
            case ONE_DIGIT -> weight(0.03, 0.004);
            case OFF_BY_ONE -> weight(0.015, 0.004);
            case DIFFERENT -> weight(0.015, 0.99);
        };
    }

    private static FieldComparison genderComparison(Gender a, Gender b) {
        if (a == null || b == null || a == Gender.NOT_SPECIFIED || b == Gender.NOT_SPECIFIED) {
            return new FieldComparison("gender", "NOT_COMPARED", 0);
        }
        return a == b ? new FieldComparison("gender", "EXACT", weight(0.97, 0.5))
                : new FieldComparison("gender", "DIFFERENT", weight(0.03, 0.5));
    }

    private static FieldComparison postcodeComparison(String a, String b) {
        if (a == null || b == null) {
            return new FieldComparison("postcode", "NOT_COMPARED", 0);
        }
        String x = a.replace(" ", "");
        String y = b.replace(" ", "");
        if (x.equals(y)) {
            return new FieldComparison("postcode", "EXACT", weight(0.6, 0.002));
        }
        if (x.length() < 5 || y.length() < 5) {
            // Part of a postcode (older stored data): no sector or district to compare.
            return new FieldComparison("postcode", "DIFFERENT", weight(0.22, 0.94));
        }
        String outwardX = x.substring(0, x.length() - 3);
        String outwardY = y.substring(0, y.length() - 3);
        if (outwardX.equals(outwardY) && x.charAt(x.length() - 3) == y.charAt(y.length() - 3)) {
            return new FieldComparison("postcode", "SAME_SECTOR", weight(0.1, 0.01));
        }
        if (outwardX.equals(outwardY)) {
            return new FieldComparison("postcode", "SAME_DISTRICT", weight(0.08, 0.05));
        }
        // Families move: a different postcode is only weak evidence against.
        return new FieldComparison("postcode", "DIFFERENT", weight(0.22, 0.94));
    }

    private static double weight(double m, double u) {
        return Math.log(m / u) / Math.log(2);
    }
}
