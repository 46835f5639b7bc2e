package org.contactpoint.identity.domain.matching;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.contactpoint.identity.domain.Gender;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Probabilistic record linkage after Fellegi and Sunter, as Splink does it: each field is compared to a level, each
 * level has an m probability (the chance of that level when both records are the same child) and a u probability
 * (the chance when they are different children), and the score is the sum of log2(m/u) over the fields. Exact name
 * agreements take u from how common the name is ({@link TermFrequencies}).
 * <p>
 * The m and u values are a {@link MatchWeights} version: the built-in estimate, or one estimated from the register
 * ({@link WeightEstimation}). What a score means depends on how many children it could have matched by chance:
 * {@link MatchProbability} turns it into a probability with the register's size as the prior.
 */
public final class FellegiSunterMatcher {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance ONE_EDIT = new LevenshteinDistance(1);
    private static final double CLOSE = 0.92;
    private static final double ROUGH = 0.80;

    /** Typical share of children with a given first name / family name when the register does not know it. */
    private static final double TYPICAL_GIVEN_U = 0.01;
    private static final double TYPICAL_FAMILY_U = 0.002;
    /** Share of children born on a given day in England: 1,650 of 11 million. */
    private static final double TYPICAL_BIRTHDAY_U = 0.00015;

    /** The fields a household shares: what twins agree on (their parents too). */
    private static final Set<String> HOUSEHOLD_FIELDS = Set.of("familyName", "dateOfBirth", "postcode", "carers");
    /**
     * log2(m / u) of a household's agreement when the given names differ: m about 0.5 (a record of the same child
     * with the same family name, birthday and postcode), u the chance that a child has a twin, about 1 in 60.
     */
    private static final double TWIN_HOUSEHOLD_BITS = Math.log(0.5 * 60) / Math.log(2);

    /**
     * When both records of one child name two people, how often both agree (a given name shortened or a mother's
     * changed family name makes the rest): counted on DenseBirthdays, see {@link MatchWeights}.
     */
    static final double SECOND_CARER_AGREES = 0.93;

    /**
     * Of two children of one family name whose carers share a given name, the share whose carer also has the same
     * other family name (neither child's), when the register has not counted that full name: at most one in 20.
     * DenseBirthdays' commonest other family name of a community's mothers (Khan among South Asian mothers) is about
     * 4 % of them by the generator's weights; where mothers' own names concentrate further (Begum, Kaur) the register's count of the full
     * name ({@link MatchKeys#carerFrequencyKeys}) raises the share, never lowers it below this.
     */
    static final double OTHER_FAMILY_NAME_SHARE = 0.05;

    /**
     * Starts the levels of a person in common beside a parent named otherwise ({@code SAME_CARER_FATHER_DIFFERENT},
     * {@code SAME_CARER_MOTHER_DIFFERENT}): each part weighs as it does alone (see {@link MatchWeights}).
     */
    static final String SAME_CARER_BESIDE = "SAME_CARER_";

    /** A name one child in this many is given, or more, is a real name, not a slip ({@link #givenToChildren}). */
    private static final long CHILDREN_PER_GIVEN_NAME = 100_000;

    /** Share of pairs of different children with the same first name whose recorded sex differs (unisex names). */
    private static final double SEX_DIFFERS_FOR_SAME_NAME = 0.05;

    private enum NameLevel { EXACT, NICKNAME, SIMILAR, PHONETIC, ROUGHLY, DIFFERENT, MISSING }

    private final MatchWeights weights;

    /** A matcher with the built-in weights (version 0). */
    public FellegiSunterMatcher() {
        this(MatchWeights.BUILT_IN);
    }

    public FellegiSunterMatcher(MatchWeights weights) {
        this.weights = weights;
    }

    public MatchWeights weights() {
        return weights;
    }

    /**
     * How each field of the two records compares, as levels only (no weights): what weights are estimated from.
     *
     * @param levels       field to level, in the order of {@link MatchWeights#FIELDS}; {@code MISSING} or
     *                     {@code NOT_COMPARED} when a record lacks the field
     * @param possibleTwin what twins look like (see {@link #score})
     */
    public record Comparison(Map<String, String> levels, boolean possibleTwin) {
    }

    public Comparison compare(MatchRecord record, MatchRecord candidate) {
        return compare(record, candidate, TermFrequencies.none());
    }

    /**
     * @param frequencies the register's counts: whether the record's first name is one children are given ({@link
     *                    #givenToChildren}) tells two real names close in spelling from a slip of the keys
     */
    private Comparison compare(MatchRecord record, MatchRecord candidate, TermFrequencies frequencies) {
        // A first name against any given name either way round: children go by a middle name, but twins sharing
        // a middle name must not look alike.
        NameLevel given = better(
                compareNames(Set.copyOf(record.firstGivenNames()), candidate.allGivenNames(), true),
                compareNames(record.allGivenNames(), Set.copyOf(candidate.firstGivenNames()), true));
        NameLevel family = compareNames(record.allFamilyNames(), candidate.allFamilyNames(), false);
        if (family.ordinal() > NameLevel.SIMILAR.ordinal()
                && partOfDoubleBarrelled(record.familyName(), candidate.familyName())) {
            family = NameLevel.SIMILAR;
        }
        boolean swapped = false;
        if (weak(given) && weak(family)) {
            NameLevel givenAsFamily = compareNames(Set.of(Names.compact(record.givenNames())),
                    candidate.allFamilyNames(), false);
            // The family field may hold every given name swapped in ("Oliver James"): its words, each a given name.
            NameLevel familyAsGiven = better(compareNames(record.allFamilyNames(), candidate.allGivenNames(), true),
                    compareNames(Set.copyOf(Names.tokens(record.familyName())),
                            Set.copyOf(candidate.firstGivenNames()), true));
            swapped = strong(givenAsFamily) && strong(familyAsGiven);
        }
        Map<String, String> levels = new LinkedHashMap<>();
        // The first name of one only among the other's middle names (Karilie Chukwuemeka and Chukwuemeka): a child
        // known by a middle name in one source, or two children who share a name in different places. Weighed as
        // EXACT it took the first name's rarity (Karilie's) for the agreement on Chukwuemeka, and sent an arriving
        // child to review beside a namesake of his middle name.
        // So is a first name alike only to one of the other's middle names (a slip of Oliver against Arthur Oliver,
        // the twin of Oliver: session 19), when the first names themselves are not alike.
        boolean middleOnly = !swapped && (given == NameLevel.EXACT
                ? java.util.Collections.disjoint(record.firstGivenNames(), candidate.firstGivenNames())
                : strong(given) && !strong(compareNames(Set.copyOf(record.firstGivenNames()),
                        Set.copyOf(candidate.firstGivenNames()), true)));
        levels.put("givenNames", swapped ? "SWAPPED_WITH_FAMILY_NAME" : middleOnly ? "MIDDLE_NAME" : given.name());
        levels.put("familyName", swapped ? "SWAPPED_WITH_GIVEN_NAMES" : familyLevelName(family, record, candidate));
        DateOfBirthComparison.Level dob = DateOfBirthComparison.compare(record.dateOfBirth(),
                candidate.dateOfBirth());
        levels.put("dateOfBirth", dob.name());
        levels.put("gender", genderLevel(record.gender(), candidate.gender()));
        levels.put("postcode", postcodeLevel(record.postcode(), candidate.postcode()));
        String carers = carersLevel(record.carers(), candidate.carers());
        // Both records name a mother (or a father) and she is someone else: different children, unless one of
        // them recorded a step-parent or a foster carer in the role. Given names only, nicknames and spellings
        // forgiven: a mother's family name changes (a marriage, her own name kept) far more often than her name.
        // The mother's role first: a step-mother is some six times rarer than a step-father (MatchWeights).
        // A person in common (the mother) beside a parent named otherwise (the father) keeps both: until session 18
        // the person in common hid the other parent's disagreement, and two namesakes born the same day whose
        // mothers share a common name (Aisha Khan) linked though their fathers were two men.
        MatchRecord.Role disagreeing = "SAME_CARERS".equals(carers) ? null
                : roleInDisagreement(record.parents(), candidate.parents());
        if (disagreeing != null) {
            String role = disagreeing == MatchRecord.Role.MOTHER ? "MOTHER_DIFFERENT" : "FATHER_DIFFERENT";
            carers = "SAME_CARER".equals(carers) ? SAME_CARER_BESIDE + role : role;
        } else if ("DIFFERENT".equals(carers) && noRoleInCommon(record.parents(), candidate.parents())) {
            // One names the mother, the other the father: nobody in common is then what one child's two records
            // look like as often as two children's, not the evidence against that "DIFFERENT" (the same people
            // could have been named, and were not) is.
            carers = "OTHER_ROLES";
        }
        // Siblings share their carers and are born on different days: a carer in common beside a birthday that is no
        // slip of the other's says "the same family", not "the same child" (on the bench's national-density register
        // it linked brothers named Freddie and Frederick, born ten years apart), so it counts only when the birthdays
        // agree or nearly. Carers with nobody in common still count against.
        if (dob == DateOfBirthComparison.Level.DIFFERENT) {
            if (carers.startsWith(SAME_CARER_BESIDE)) {
                carers = carers.substring(SAME_CARER_BESIDE.length());
            } else if (!"DIFFERENT".equals(carers) && !carers.endsWith("_DIFFERENT") && !"OTHER_ROLES".equals(carers)) {
                carers = "NOT_COMPARED";
            }
        }
        levels.put("carers", carers);
        // Two valid NHS numbers that differ: two children, practically always (NHS England issues one per child,
        // and the check digit catches a mistyped digit or two swapped). Compared only when both records carry one.
        if (record.nhsNumber() != null && candidate.nhsNumber() != null) {
            levels.put("nhsNumber", record.nhsNumber().equals(candidate.nhsNumber()) ? "EXACT" : "DIFFERENT");
        }
        // The record's source already knows the candidate by another record id of its own (the same id would have
        // been the same child before any scoring): the source holds two records, which it does for two children far
        // more often than for one (session 19: every one of the 92 children the 1 M bench linked to another while
        // the register was built, twins and namesakes, came from the one health feed under another id).
        if (!record.sources().isEmpty() && !java.util.Collections.disjoint(record.sources(), candidate.sources())) {
            levels.put("source", "ANOTHER_RECORD");
        }
        // Fellegi–Sunter assumes fields disagree independently; twins break that: two children of one household
        // born the same day agree on everything but the given name as a rule, not by chance. The household: the
        // same family name and birthday, and the same postcode or a parent in common (a twin recorded without, or
        // at another, address). A first name that is not the very same name is then no evidence of one child:
        // not the same name at all (Léa and Louie sound alike, Isaac and Isla are close in spelling), one's first
        // name only among the other's middle names (Muhammad; Leo Muhammad), two real names close in spelling (Luca
        // and Lucas; a slip of the keys makes a name nobody is given), a different sex (Alexander and Alexandra),
        // or a name of the child's own while the record's source keeps the two apart (Amy and Amelia from the same
        // health feed under two ids: twins; from a school after the health feed: one child's short name). A slip of
        // the keys stays a slip whatever the source: a source's second record of one child under a new id (a school's
        // after a move) with a mistyped first name is no twin (DenseBirthdays' records with two faults).
        boolean sameHousehold = family == NameLevel.EXACT && dob == DateOfBirthComparison.Level.EXACT
                && ("EXACT".equals(levels.get("postcode")) || levels.get("carers").startsWith("SAME_CARER"));
        boolean sameName = given == NameLevel.EXACT && !middleOnly;
        // The same first name with the other sex is a sex recorded wrongly: twins are never given the same name.
        boolean possibleTwin = !swapped && sameHousehold && !sameName
                && (!strong(given) || middleOnly || "DIFFERENT".equals(levels.get("gender"))
                || given == NameLevel.SIMILAR && givenToChildren(record.firstGivenName(), frequencies)
                || levels.containsKey("source") && given != NameLevel.SIMILAR);
        return new Comparison(levels, possibleTwin);
    }

    /**
     * Whether children are given this name on the register, two at least and one in {@link
     * #CHILDREN_PER_GIVEN_NAME}: a real name, where a slip of the keys (Olivai, Eosie) makes one nobody else is given.
     */
    private static boolean givenToChildren(String firstName, TermFrequencies frequencies) {
        long count = frequencies.count(MatchKeys.givenFrequencyKey(Names.formal(firstName)));
        return count >= Math.max(2, frequencies.children() / CHILDREN_PER_GIVEN_NAME);
    }

    public MatchScore score(MatchRecord record, MatchRecord candidate, TermFrequencies frequencies) {
        Comparison comparison = compare(record, candidate, frequencies);
        List<FieldComparison> comparisons = new ArrayList<>(comparison.levels().size());
        boolean sameGivenName = "EXACT".equals(comparison.levels().get("givenNames"));
        comparison.levels().forEach((field, level) -> comparisons.add(new FieldComparison(field, level,
                "gender".equals(field) && sameGivenName ? genderGivenTheName(level)
                        : weight(field, level, record, candidate, frequencies))));
        if (household(comparison)) {
            comparisons.add(householdAgreement(comparisons, comparison.possibleTwin()
                    || "EXACT".equals(comparison.levels().get("dateOfBirth"))));
        }
        double score = comparisons.stream().mapToDouble(FieldComparison::weight).sum();
        return new MatchScore(Math.round(score * 100) / 100.0, List.copyOf(comparisons),
                comparison.possibleTwin() ? MatchScore.POSSIBLE_TWIN : null);
    }

    /**
     * Two children of one household born the same day are twins, not a coincidence of independent fields: about 1
     * child in 60 has a twin, so family name, birthday and postcode agreeing while the given names are different is
     * at most {@link #TWIN_HOUSEHOLD_BITS} of evidence, whatever the product of their u's says. Without this every
     * twin registered after the other scores as a likely duplicate and waits for a person.
     * <p>
     * The same holds for a brother or sister ({@code SAME_HOUSEHOLD}, see {@link #household}): the family name, the
     * postcode and the parents agreeing beside a given name that is not the same name say "the same family", not
     * "the same child", so they count no more than for a twin (the birthday counts on top, unless it is the same: a
     * twin recorded elsewhere). Without it a full postcode's weight made a sibling at the same address, and both
     * parents in common a twin recorded without an address, look like one child with another first name.
     */
    private static FieldComparison householdAgreement(List<FieldComparison> comparisons, boolean sameBirthday) {
        double household = comparisons.stream()
                .filter(c -> HOUSEHOLD_FIELDS.contains(c.field()) && (sameBirthday || !"dateOfBirth".equals(c.field())))
                .mapToDouble(FieldComparison::weight).sum();
        return new FieldComparison("household", sameBirthday ? "POSSIBLE_TWIN" : "SAME_HOUSEHOLD",
                Math.min(0, TWIN_HOUSEHOLD_BITS - household));
    }

    /**
     * Whether the two records look like two children of one household: twins at one address with different first
     * names; a brother or sister at the same address born on days no slip of each other (any names), or with the
     * family name the same and first names not the same name; another household at the same address (neither name agrees); or a
     * child named with the same family name and the same parents as the other under a different first name (a twin
     * or a sibling recorded without, or at another, address).
     */
    private static boolean household(Comparison comparison) {
        Map<String, String> levels = comparison.levels();
        String given = levels.get("givenNames");
        if (comparison.possibleTwin()) {
            // Two valid NHS numbers that differ beside a household's agreement: twins, each with a number of their
            // own, whatever their names (Léa and Louie). Capped, the pair is created, not queued for a person
            // to tell what the numbers already tell. So is a pair the record's own source keeps as two records.
            return "DIFFERENT".equals(given) || "DIFFERENT".equals(levels.get("nhsNumber"))
                    || levels.containsKey("source");
        }
        boolean sameAddress = "EXACT".equals(levels.get("postcode"));
        Set<String> notTheSameName = Set.of("DIFFERENT", "ROUGHLY", "PHONETIC");
        if (sameAddress && "DIFFERENT".equals(levels.get("familyName")) && notTheSameName.contains(given)) {
            // Neither name agrees: another household at the address (a shared house, a children's home, a maternity
            // unit's postcode for the babies born there that day), not one child renamed twice.
            return true;
        }
        if (sameAddress && "DIFFERENT".equals(levels.get("dateOfBirth"))) {
            // Born on days no slip of each other: a brother or sister (a half- or step-sibling under another family
            // name too), whatever the first names (a generated register draws a sibling's name as freely as any
            // child's; the carers are not compared for the same reason).
            return true;
        }
        if (!"EXACT".equals(levels.get("familyName"))) {
            return false;
        }
        boolean sameParents = levels.getOrDefault("carers", "").startsWith("SAME_CARER");
        return sameAddress && notTheSameName.contains(given) || sameParents && "DIFFERENT".equals(given);
    }

    /**
     * The sex recorded, when the first names already agree: the name all but says the sex, so two different children
     * with the same first name almost always have the same sex too (u of a disagreement about {@link
     * #SEX_DIFFERS_FOR_SAME_NAME}, the unisex names: Charlie, Alex, Jo), and agreeing adds nothing the name's
     * weight has not counted. Weighing it as if independent of the name counted the name twice: a sex recorded
     * wrongly cost 4 bits (a sixteenth of the odds) and sent nearly every such record to review.
     */
    private double genderGivenTheName(String level) {
        if ("DIFFERENT".equals(level)) {
            return new MatchWeights.Probabilities(weights.probabilities("gender", "DIFFERENT").m(),
                    SEX_DIFFERS_FOR_SAME_NAME).weight();
        }
        return 0;
    }

    private double weight(String field, String level, MatchRecord record, MatchRecord candidate,
                          TermFrequencies frequencies) {
        if ("MISSING".equals(level) || "NOT_COMPARED".equals(level)) {
            return 0;
        }
        if ("givenNames".equals(field) && "EXACT".equals(level)) {
            return weights.weight(field, level, frequencies.share(
                    MatchKeys.givenFrequencyKey(Names.formal(record.firstGivenName())), TYPICAL_GIVEN_U));
        }
        if ("familyName".equals(field) && level.startsWith("EXACT")) {
            return weights.weight(field, "EXACT", frequencies.share(
                    MatchKeys.familyFrequencyKey(Names.compact(record.familyName())), TYPICAL_FAMILY_U));
        }
        if ("dateOfBirth".equals(field) && "EXACT".equals(level)) {
            // At national density 1,650 children share a birthday: the date's own count, not a typical one.
            return weights.weight(field, level, frequencies.birthdayShare(
                    MatchKeys.dateOfBirthFrequencyKey(record.dateOfBirth()), TYPICAL_BIRTHDAY_U));
        }
        if ("carers".equals(field) && "SAME_CARERS".equals(level)) {
            // Two people in common (the mother and the father). Of the pairs in which both records name two people
            // (m / SECOND_CARER_AGREES of them, the same share for one child's records and for two children's: how
            // many carers a source names says nothing of which child), one child's agree on both SECOND_CARER_AGREES
            // of the time; two children's by chance as often as each carer's name agrees among children of that
            // family name, one after the other (a child's parents choose each other, not each other's names): the
            // product of the two carers' u's, each counted as for one carer and never below the built-in one.
            MatchWeights.Probabilities built = weights.probabilities(field, level);
            double typical = Math.max(MatchWeights.BUILT_IN.probabilities(field, "SAME_CARER").u(),
                    weights.probabilities(field, "SAME_CARER").u());
            double u = built.m() / SECOND_CARER_AGREES;
            for (String given : agreedCarerGivenNames(record.carers(), candidate.carers()).stream().distinct()
                    .limit(2).toList()) {
                u *= frequencies.carerShare(MatchKeys.carerFrequencyKey(Names.compact(record.familyName()), given),
                        MatchKeys.familyFrequencyKey(Names.compact(record.familyName())), typical);
            }
            return new MatchWeights.Probabilities(built.m(), Math.max(u, built.u())).weight();
        }
        if ("carers".equals(field) && level.startsWith(SAME_CARER_BESIDE)) {
            // The person in common weighs as SAME_CARER does (her name's count included); the other parent named
            // otherwise as the weights in force weigh that role's disagreement alone (the two independent: a
            // step-father is as likely beside the mother named by both as beside any). Until session 19 the
            // disagreement was read as this level's weight less SAME_CARER's: built in, that is the role's weight, but
            // an estimated version's u of both levels comes from random pairs, who practically never name a person in
            // common (beside another parent or not), so the difference was whatever the pseudo-pairs and a handful of
            // random pairs made of it, and a version estimated before session 18 has no such level at all (the
            // built-in one less its own SAME_CARER).
            return weight(field, "SAME_CARER", record, candidate, frequencies)
                    + weights.weight(field, level.substring(SAME_CARER_BESIDE.length()));
        }
        if ("carers".equals(field) && ("SAME_CARER".equals(level) || "SAME_GIVEN_NAME".equals(level))) {
            // u of a carer in common: how often children of this family name name a carer so called.
            // Never below the built-in u: an estimated version takes u from random pairs, who rarely share a family
            // name, let alone a carer's; the pairs carers decide share the family name (see MatchWeights).
            String given = agreedCarerGivenName(record.carers(), candidate.carers());
            MatchWeights.Probabilities built = weights.probabilities(field, level);
            double typical = Math.max(built.u(), MatchWeights.BUILT_IN.probabilities(field, level).u());
            // A carer's given name alone agreeing between children of different family names: their mothers share
            // no family name either, so it is as common as two mothers sharing a given name (a common mother's
            // name's share, SAME_CARER's u), not the 0.004 of two children of one family name, whose mothers mostly
            // carry it and so rarely agree on the given name alone. Session 17: an arriving Orla Weserhurst went to
            // review beside Orla Cranford on their mothers both being Niamh.
            if ("SAME_GIVEN_NAME".equals(level)
                    && java.util.Collections.disjoint(record.allFamilyNames(), candidate.allFamilyNames())
                    && !partOfDoubleBarrelled(record.familyName(), candidate.familyName())) {
                typical = Math.max(typical, MatchWeights.BUILT_IN.probabilities(field, "SAME_CARER").u());
            }
            String familyKey = MatchKeys.familyFrequencyKey(Names.compact(record.familyName()));
            double u = given == null ? typical : frequencies.carerShare(
                    MatchKeys.carerFrequencyKey(Names.compact(record.familyName()), given), familyKey, typical);
            String otherFamily = "SAME_CARER".equals(level)
                    ? agreedCarerOtherFamilyName(record, candidate) : null;
            if (otherFamily != null) {
                // The person both name has a family name that is neither child's (a mother who kept her own or took
                // another): two children of one family name agree on her given name (u above) and on that family
                // name too, as often as the children of that family name name a carer so called in full (cx: of the
                // full name, counted since session 15), never less than one in OTHER_FAMILY_NAME_SHARE of those
                // agreeing on the given name. Without it a mother named in full counted as her given name alone.
                // Only a counted full name weighs more: no child is counted under it on a register indexed before
                // session 15 (its children get the key when next indexed), and an uncounted name read as the floor
                // would give every such pair up to 4.3 bits towards a link, the unsafe direction.
                String fullKey = MatchKeys.carerFrequencyKey(Names.compact(record.familyName()),
                        given + " " + otherFamily);
                if (frequencies.counted(fullKey)) {
                    u = Math.min(u, frequencies.carerShare(fullKey, familyKey, u * OTHER_FAMILY_NAME_SHARE));
                }
            }
            return new MatchWeights.Probabilities(built.m(), u).weight();
        }
        if ("familyName".equals(field) && "NICKNAME".equals(level)) {
            return weights.weight(field, "SIMILAR");
        }
        return weights.weight(field, level);
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
        if (nicknames && Names.oneNameInTwoForms(a, b)) {
            return NameLevel.NICKNAME;
        }
        double similarity = JARO_WINKLER.apply(a, b);
        // Jaro–Winkler rewards a shared beginning, so a mistyped first letter (Eosie for Rosie) falls below CLOSE.
        if (similarity >= CLOSE || oneKeystrokeApart(a, b)) {
            return NameLevel.SIMILAR;
        }
        if (Names.soundAlike(a, b)) {
            return NameLevel.PHONETIC;
        }
        return similarity >= ROUGH ? NameLevel.ROUGHLY : NameLevel.DIFFERENT;
    }

    /**
     * One letter replaced, added or dropped, or two neighbours swapped, in names of four letters or more: how a name
     * is mistyped (Rosie and Eosie, Aisha and Aysha). Twins' names are not that close (Isaac and Isla, Léa and
     * Louie are further apart), so such a pair in one household is a typing error, not a possible twin.
     */
    static boolean oneKeystrokeApart(String a, String b) {
        if (a.length() < 4 || b.length() < 4 || a.equals(b)) {
            return false;
        }
        if (ONE_EDIT.apply(a, b) == 1) {
            return true;
        }
        if (a.length() != b.length()) {
            return false;
        }
        int first = -1;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (first >= 0) {
                    return i == first + 1 && a.charAt(first) == b.charAt(i) && a.charAt(i) == b.charAt(first)
                            && a.substring(i + 1).equals(b.substring(i + 1));
                }
                first = i;
            }
        }
        return false;
    }

    /**
     * One part of a double-barrelled or hyphenated family name recorded alone (White for White-Hartley): as strong as
     * a close spelling, not an exact agreement (the part alone is a commoner name than the whole).
     */
    private static boolean partOfDoubleBarrelled(String a, String b) {
        List<String> partsA = Names.tokens(a);
        List<String> partsB = Names.tokens(b);
        if (partsA.size() == partsB.size()) {
            return false;
        }
        List<String> longer = partsA.size() > partsB.size() ? partsA : partsB;
        List<String> shorter = partsA.size() > partsB.size() ? partsB : partsA;
        return shorter.size() == 1 && longer.contains(shorter.get(0));
    }

    private static String familyLevelName(NameLevel level, MatchRecord record, MatchRecord candidate) {
        if (level == NameLevel.EXACT && !Names.compact(record.familyName()).equals(Names.compact(candidate.familyName()))) {
            return "EXACT_FORMER_NAME";
        }
        return level.name();
    }

    /**
     * The parents and carers the two records name. {@code SAME_CARER}: a person named by both, the given name the same
     * (or a nickname of it: Liz for Elizabeth) and the family name the same; {@code SAME_GIVEN_NAME}: a carer's given
     * name agrees but not the family name (a mother's new married name, or her own name kept in one source);
     * {@code DIFFERENT}: both name carers and none of their given names agree; {@code NOT_COMPARED} when either
     * names none. Twins and siblings share their parents, so agreement here never tells twins apart: it is a
     * household field, capped with the others when the given names differ.
     */
    /** The formal given name of the carer both records name (the same person before a namesake); null if none. */
    private static String agreedCarerGivenName(List<String> a, List<String> b) {
        String sameGiven = null;
        List<List<String>> bs = comparable(b);
        for (List<String> xs : comparable(a)) {
            for (List<String> ys : bs) {
                String common = Names.commonFormalName(xs.get(0), ys.get(0));
                if (common == null) {
                    continue;
                }
                String familyX = String.join("", xs.subList(1, xs.size()));
                if (!familyX.isEmpty() && familyX.equals(String.join("", ys.subList(1, ys.size())))) {
                    return common;
                }
                if (sameGiven == null) {
                    sameGiven = common;
                }
            }
        }
        return sameGiven;
    }

    /**
     * The family name (one word) of the person both records name in full when it is neither child's family name;
     * null when none is, or when the person shares a child's family name.
     */
    private static String agreedCarerOtherFamilyName(MatchRecord record, MatchRecord candidate) {
        Set<String> childFamilies = new java.util.HashSet<>(record.allFamilyNames());
        childFamilies.addAll(candidate.allFamilyNames());
        List<List<String>> candidateCarers = comparable(candidate.carers());
        for (List<String> xs : comparable(record.carers())) {
            for (List<String> ys : candidateCarers) {
                if (sameCarer(xs, ys)) {
                    String family = String.join("", xs.subList(1, xs.size()));
                    return childFamilies.contains(family) ? null : family;
                }
            }
        }
        return null;
    }

    /**
     * The formal given names of the distinct people both records name in full (the same given name or a nickname of
     * it, and the same family name), each carer of either record counted once.
     */
    private static List<String> agreedCarerGivenNames(List<String> a, List<String> b) {
        List<List<String>> as = comparable(a);
        List<List<String>> bs = comparable(b);
        List<String> agreed = new ArrayList<>();
        for (List<String> xs : as) {
            for (int i = 0; i < bs.size(); i++) {
                List<String> ys = bs.get(i);
                if (sameCarer(xs, ys)) {
                    agreed.add(Names.commonFormalName(xs.get(0), ys.get(0)));
                    bs.remove(i);
                    break;
                }
            }
        }
        return agreed;
    }

    /** The same person: the same given name (or a nickname of it) and the same family name. */
    private static boolean sameCarer(List<String> xs, List<String> ys) {
        if (Names.commonFormalName(xs.get(0), ys.get(0)) == null) {
            return false;
        }
        String familyX = String.join("", xs.subList(1, xs.size()));
        return !familyX.isEmpty() && familyX.equals(String.join("", ys.subList(1, ys.size())));
    }

    /**
     * Whether both records name a parent in the same role (a mother, a father) and no parent of that role on one
     * agrees with one on the other by given name: the same name, a nickname of it (Liz, Elizabeth), a close spelling
     * or one that sounds alike (Aisha, Ayesha). Family names are not compared: a mother's changes.
     */
    static boolean parentsDisagree(List<MatchRecord.Parent> a, List<MatchRecord.Parent> b) {
        return roleInDisagreement(a, b) != null;
    }

    /** The role ({@link #parentsDisagree}) in which the two records name different parents, the mother's first. */
    static MatchRecord.Role roleInDisagreement(List<MatchRecord.Parent> a, List<MatchRecord.Parent> b) {
        for (MatchRecord.Role role : MatchRecord.Role.values()) {
            List<String> xs = parentGivenNames(a, role);
            List<String> ys = parentGivenNames(b, role);
            if (xs.isEmpty() || ys.isEmpty()) {
                continue;
            }
            boolean agree = xs.stream().anyMatch(x -> ys.stream().anyMatch(y -> sameGivenName(x, y)));
            if (!agree) {
                return role;
            }
        }
        return null;
    }

    /** Whether both records name their parents' roles and no role is named by both. */
    static boolean noRoleInCommon(List<MatchRecord.Parent> a, List<MatchRecord.Parent> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        return a.stream().noneMatch(x -> b.stream().anyMatch(y -> x.role() == y.role()));
    }

    /** The given names of the parents in a role, of those named with a given and a family name (titles dropped). */
    private static List<String> parentGivenNames(List<MatchRecord.Parent> parents, MatchRecord.Role role) {
        List<String> names = new ArrayList<>();
        for (MatchRecord.Parent parent : parents) {
            if (parent.role() != role) {
                continue;
            }
            List<String> tokens = withoutTitle(parent.name());
            if (tokens.size() >= 2) {
                names.add(tokens.get(0));
            }
        }
        return names;
    }

    private static boolean sameGivenName(String a, String b) {
        return a.equals(b) || Names.commonFormalName(a, b) != null || JARO_WINKLER.apply(a, b) >= CLOSE
                || oneKeystrokeApart(a, b) || Names.soundAlike(a, b);
    }

    static String carersLevel(List<String> a, List<String> b) {
        List<List<String>> as = comparable(a);
        List<List<String>> bs = comparable(b);
        if (as.isEmpty() || bs.isEmpty()) {
            return "NOT_COMPARED";
        }
        if (agreedCarerGivenNames(a, b).stream().distinct().count() >= 2) {
            // Two different people in common (the mother and the father): two carers' names agreeing by chance.
            return "SAME_CARERS";
        }
        boolean sameGivenName = false;
        for (List<String> xs : as) {
            for (List<String> ys : bs) {
                if (Names.commonFormalName(xs.get(0), ys.get(0)) == null) {
                    continue;
                }
                String familyX = String.join("", xs.subList(1, xs.size()));
                String familyY = String.join("", ys.subList(1, ys.size()));
                if (!familyX.isEmpty() && familyX.equals(familyY)) {
                    return "SAME_CARER";
                }
                sameGivenName = true;
            }
        }
        return sameGivenName ? "SAME_GIVEN_NAME" : "DIFFERENT";
    }

    /**
     * The carers' names that can be compared, as words: a given name and a family name at least. A name of one word
     * ("Mum", a placeholder) says neither who the person is nor which family, so it is not compared.
     */
    private static List<List<String>> comparable(List<String> carers) {
        // A loop, not a stream: called several times for every pair of records scored.
        List<List<String>> names = new ArrayList<>(carers.size());
        for (String carer : carers) {
            List<String> tokens = withoutTitle(carer);
            if (tokens.size() >= 2) {
                names.add(tokens);
            }
        }
        return names;
    }

    private static List<String> withoutTitle(String name) {
        return Names.withoutTitle(name);
    }

    private static String genderLevel(Gender a, Gender b) {
        if (a == null || b == null || a == Gender.NOT_SPECIFIED || b == Gender.NOT_SPECIFIED) {
            return "NOT_COMPARED";
        }
        return a == b ? "EXACT" : "DIFFERENT";
    }

    private static String postcodeLevel(String a, String b) {
        if (a == null || b == null) {
            return "NOT_COMPARED";
        }
        String x = a.replace(" ", "");
        String y = b.replace(" ", "");
        if (x.equals(y)) {
            return "EXACT";
        }
        if (x.length() < 5 || y.length() < 5) {
            // Part of a postcode (older stored data): no sector or district to compare.
            return "DIFFERENT";
        }
        String outwardX = x.substring(0, x.length() - 3);
        String outwardY = y.substring(0, y.length() - 3);
        if (outwardX.equals(outwardY) && x.charAt(x.length() - 3) == y.charAt(y.length() - 3)) {
            return "SAME_SECTOR";
        }
        return outwardX.equals(outwardY) ? "SAME_DISTRICT" : "DIFFERENT";
    }
}
