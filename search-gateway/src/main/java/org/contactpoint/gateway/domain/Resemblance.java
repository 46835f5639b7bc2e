package org.contactpoint.gateway.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a child found by a probe resembles the search: the grade and the variations that explain it, or nothing when the
 * child does not meet the search (a given name that matches nothing rules a child out; so does a date of birth no
 * slip of the one typed leads to). The rules forgive where people err, each named by a {@link MatchGrade.Variation}.
 *
 * @param birthdayAsGiven born on the date typed (or within the month, year or range typed; true when none was)
 */
public record Resemblance(SearchHit hit, MatchGrade grade, List<MatchGrade.Variation> variations,
                          MatchGrade.Level family, MatchGrade.Level given, boolean birthdayAsGiven) {

    /** Best first: born on the date given, then the grade, then how the names matched, then fewest variations. */
    public static final Comparator<Resemblance> BEST_FIRST = Comparator
            .comparing((Resemblance r) -> !r.birthdayAsGiven())
            .thenComparing(Resemblance::grade)
            .thenComparing(Resemblance::family, Comparator.reverseOrder())
            .thenComparing(Resemblance::given, Comparator.reverseOrder())
            .thenComparingInt(r -> r.variations().size())
            .thenComparing(r -> r.hit().contactPointId());

    /** A name this short has too few letters for a slip in it to be told from another name. */
    private static final int SHORT_NAME = 3;
    private static final Set<String> SEXES = Set.of("MALE", "FEMALE");

    /**
     * What was typed, read once per search: its keys, scripts and nicknames are the same for every child the probes
     * find (a common family name on a date and its transpositions finds dozens), so they are not worked out per child.
     * Used by one search on one thread.
     */
    public static final class Typed {

        private final SearchCriteria criteria;
        private final String familyKey;
        private final List<String> familyKeys;
        private final boolean familyNonLatin;
        private final boolean givenTyped;
        private final String givenKey;
        private final List<String> givenKeys;
        private final boolean givenNonLatin;
        private Set<String> nicknames;

        private Typed(SearchCriteria criteria) {
            this.criteria = criteria;
            String family = criteria.familyName();
            this.familyKey = family == null ? null : Names.key(family);
            this.familyKeys = family == null ? List.of() : Names.keys(family);
            this.familyNonLatin = Names.nonLatin(family);
            String given = criteria.givenNames();
            this.givenTyped = given != null && !given.isBlank();
            this.givenKey = givenTyped ? Names.key(given) : null;
            this.givenKeys = givenTyped ? Names.keys(given) : List.of();
            this.givenNonLatin = Names.nonLatin(given);
        }

        private Set<String> nicknames() {
            if (nicknames == null) {
                nicknames = Names.alternatives(criteria.givenNames());
            }
            return nicknames;
        }
    }

    public static Typed typed(SearchCriteria criteria) {
        return new Typed(criteria);
    }

    public static Optional<Resemblance> of(SearchCriteria criteria, SearchHit hit) {
        return of(typed(criteria), hit);
    }

    public static Optional<Resemblance> of(Typed typed, SearchHit hit) {
        SearchCriteria criteria = typed.criteria;
        Set<MatchGrade.Variation> variations = new LinkedHashSet<>();
        MatchGrade.Level family;
        MatchGrade.Level given;
        if (criteria.familyName() == null) {
            family = MatchGrade.Level.EQUIVALENT;
            variations.add(MatchGrade.Variation.NO_FAMILY_NAME);
            given = given(typed, hit, variations);
        } else {
            family = family(typed, hit, variations);
            given = given(typed, hit, variations);
            if (family == MatchGrade.Level.NONE || given == MatchGrade.Level.NONE) {
                if (!swapped(typed, hit)) {
                    return Optional.empty();
                }
                variations.clear();
                variations.add(MatchGrade.Variation.NAMES_SWAPPED);
                family = MatchGrade.Level.EQUIVALENT;
                given = MatchGrade.Level.EQUIVALENT;
            }
        }
        if (given == MatchGrade.Level.NONE) {
            return Optional.empty();
        }
        boolean birthdayAsGiven = true;
        if (criteria.exactBirthday()) {
            Optional<MatchGrade.Variation> slip = SearchCriteria.dateVariation(criteria.dateOfBirthFrom(),
                    hit.dateOfBirth());
            if (slip.isPresent()) {
                variations.add(slip.get());
                birthdayAsGiven = false;
            } else if (!criteria.dateOfBirthFrom().equals(hit.dateOfBirth())) {
                return Optional.empty();
            }
        } else if (criteria.dateGiven() && (hit.dateOfBirth() == null
                || hit.dateOfBirth().isBefore(criteria.dateOfBirthFrom())
                || hit.dateOfBirth().isAfter(criteria.dateOfBirthTo()))) {
            return Optional.empty();
        }
        if (criteria.gender() != null && SEXES.contains(criteria.gender()) && SEXES.contains(hit.gender())
                && !criteria.gender().equals(hit.gender())) {
            variations.add(MatchGrade.Variation.OTHER_SEX);
        }
        MatchGrade grade = MatchGrade.of(family, given, criteria.exactBirthday() && birthdayAsGiven,
                criteria.dateGiven());
        if (variations.stream().anyMatch(v -> !v.strong())) {
            grade = MatchGrade.POSSIBLE;
        } else if (!variations.isEmpty() && grade == MatchGrade.EXACT) {
            grade = MatchGrade.STRONG;
        }
        return Optional.of(new Resemblance(hit, grade, List.copyOf(variations), family, given, birthdayAsGiven));
    }

    private static MatchGrade.Level family(Typed typed, SearchHit hit, Set<MatchGrade.Variation> variations) {
        String key = typed.familyKey;
        String held = hit.familyKey();
        if (key.equals(held)) {
            MatchGrade.Level level = MatchGrade.Level.EXACT;
            if (hit.variant() == SearchEntry.Variant.FORMER) {
                variations.add(MatchGrade.Variation.FORMER_NAME);
                level = MatchGrade.Level.EQUIVALENT;
            } else if (hit.variant() == SearchEntry.Variant.PART) {
                variations.add(MatchGrade.Variation.NAME_PART);
                level = MatchGrade.Level.EQUIVALENT;
            }
            if (typed.familyNonLatin != Names.nonLatin(hit.variantName())) {
                variations.add(MatchGrade.Variation.TRANSLITERATED);
                level = MatchGrade.Level.EQUIVALENT;
            }
            return level;
        }
        if (typed.familyKeys.contains(held)) {
            variations.add(MatchGrade.Variation.NAME_PART);
            return MatchGrade.Level.EQUIVALENT;
        }
        if (Names.soundAlike(key, held)) {
            variations.add(MatchGrade.Variation.FAMILY_NAME_SOUNDS_ALIKE);
            return MatchGrade.Level.EQUIVALENT;
        }
        return typo(key, held, MatchGrade.Variation.FAMILY_NAME_TYPO, variations);
    }

    /**
     * The key of the child's first given name, the word before the first space ("Ellie" of "Ellie Oluwaseun"; a
     * hyphenated name stays whole). A practitioner who types a child's first name and leaves the middle names out has
     * typed it as held: graded exact, so the forgiving probes are not run for one child in eight (those with a middle
     * name), as they were when only the whole of the given names counted.
     */
    private static String firstGivenName(SearchHit hit) {
        String given = hit.givenNames();
        if (given == null) {
            return "";
        }
        String[] words = given.trim().split("\\s+", 2);
        return words.length < 2 ? "" : Names.key(words[0]);
    }

    private static MatchGrade.Level given(Typed typed, SearchHit hit, Set<MatchGrade.Variation> variations) {
        if (!typed.givenTyped) {
            return MatchGrade.Level.NOT_GIVEN;
        }
        String key = typed.givenKey;
        List<String> typedKeys = typed.givenKeys;
        List<String> held = new ArrayList<>(hit.givenKeys());
        held.addAll(hit.otherGivenKeys());
        boolean otherScript = typed.givenNonLatin != Names.nonLatin(hit.givenNames());
        if (!hit.givenKeys().isEmpty() && (hit.givenKeys().get(0).equals(key) || firstGivenName(hit).equals(key))) {
            if (otherScript) {
                variations.add(MatchGrade.Variation.TRANSLITERATED);
                return MatchGrade.Level.EQUIVALENT;
            }
            return MatchGrade.Level.EXACT;
        }
        if (typedKeys.stream().anyMatch(held::contains)) {
            variations.add(otherScript ? MatchGrade.Variation.TRANSLITERATED : MatchGrade.Variation.OTHER_GIVEN_NAME);
            return MatchGrade.Level.EQUIVALENT;
        }
        Set<String> nicknames = typed.nicknames();
        if (held.stream().anyMatch(nicknames::contains)) {
            variations.add(MatchGrade.Variation.NICKNAME);
            return MatchGrade.Level.EQUIVALENT;
        }
        if (held.stream().anyMatch(h -> Names.soundAlike(key, h))) {
            variations.add(MatchGrade.Variation.GIVEN_NAME_SOUNDS_ALIKE);
            return MatchGrade.Level.EQUIVALENT;
        }
        MatchGrade.Level best = MatchGrade.Level.NONE;
        for (String h : held) {
            Set<MatchGrade.Variation> found = new LinkedHashSet<>();
            MatchGrade.Level level = typo(key, h, MatchGrade.Variation.GIVEN_NAME_TYPO, found);
            if (level.compareTo(best) > 0) {
                best = level;
            }
        }
        if (best != MatchGrade.Level.NONE) {
            variations.add(MatchGrade.Variation.GIVEN_NAME_TYPO);
        }
        return best;
    }

    /** One letter out is strong; two letters out in a longer name possible; a short name is only ever one letter out. */
    private static MatchGrade.Level typo(String typed, String held, MatchGrade.Variation kind,
                                         Set<MatchGrade.Variation> variations) {
        int typos = Names.typos(typed, held);
        int shorter = Math.min(typed.length(), held.length());
        MatchGrade.Level level = MatchGrade.Level.NONE;
        if (typos == 1 && shorter > SHORT_NAME) {
            level = MatchGrade.Level.EQUIVALENT;
        } else if ((typos == 1 && shorter > 1) || (typos == 2 && shorter > 2 * SHORT_NAME - 1)) {
            level = MatchGrade.Level.LOOSE;
        }
        if (level != MatchGrade.Level.NONE) {
            variations.add(kind);
        }
        return level;
    }

    /** The family name typed is a given name held and the given name typed is the family name held. */
    private static boolean swapped(Typed typed, SearchHit hit) {
        if (!typed.givenTyped) {
            return false;
        }
        List<String> held = new ArrayList<>(hit.givenKeys());
        held.addAll(hit.otherGivenKeys());
        return typed.givenKeys.contains(hit.familyKey())
                && typed.familyKeys.stream().anyMatch(held::contains);
    }
}
