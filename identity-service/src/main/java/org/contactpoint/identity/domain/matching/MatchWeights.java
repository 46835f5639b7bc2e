package org.contactpoint.identity.domain.matching;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The m and u probabilities of every comparison level, one version of them: version 0 is the estimate built into the
 * code (used until the register has been estimated from), later versions are estimated from the register's own data
 * ({@link WeightEstimation}) and stored, so every decision can name the weights it was made with.
 *
 * @param version 0 for the built-in estimate, then 1, 2, ... as re-estimated
 * @param levels  {@code field.LEVEL} (e.g. {@code dateOfBirth.EXACT}) to its probabilities; a level missing here
 *                takes the built-in one
 */
public record MatchWeights(long version, Map<String, Probabilities> levels) {

    /** The chance of a level among pairs that are the same child (m) and pairs that are not (u). */
    public record Probabilities(double m, double u) {

        public double weight() {
            return Math.log(m / u) / Math.log(2);
        }
    }

    /** Every field compared, with the levels weights are kept for (a field not compared adds nothing). */
    public static final Map<String, List<String>> FIELDS = fields();

    /** The estimate before any data: u from the spread of names, birthdays and postcodes, m from typical errors. */
    public static final MatchWeights BUILT_IN = builtIn();

    public MatchWeights {
        levels = Map.copyOf(levels);
    }

    public Probabilities probabilities(String field, String level) {
        Probabilities found = levels.get(field + "." + level);
        return found != null ? found : BUILT_IN.levels.get(field + "." + level);
    }

    double weight(String field, String level) {
        return probabilities(field, level).weight();
    }

    /** An exact name agreement: m from these weights, u from how common the name is. */
    double weight(String field, String level, double share) {
        return new Probabilities(probabilities(field, level).m(), share).weight();
    }

    private static Map<String, List<String>> fields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("givenNames", List.of("EXACT", "NICKNAME", "SIMILAR", "PHONETIC", "ROUGHLY", "DIFFERENT",
                "SWAPPED_WITH_FAMILY_NAME", "MIDDLE_NAME"));
        fields.put("familyName", List.of("EXACT", "SIMILAR", "PHONETIC", "ROUGHLY", "DIFFERENT",
                "SWAPPED_WITH_GIVEN_NAMES"));
        fields.put("dateOfBirth", List.of("EXACT", "DAY_MONTH_TRANSPOSED", "ONE_DIGIT", "OFF_BY_ONE", "DIFFERENT"));
        fields.put("gender", List.of("EXACT", "DIFFERENT"));
        fields.put("postcode", List.of("EXACT", "SAME_SECTOR", "SAME_DISTRICT", "DIFFERENT"));
        fields.put("carers", List.of("SAME_CARERS", "SAME_CARER", "SAME_GIVEN_NAME", "DIFFERENT", "MOTHER_DIFFERENT",
                "FATHER_DIFFERENT", "OTHER_ROLES", "SAME_CARER_MOTHER_DIFFERENT", "SAME_CARER_FATHER_DIFFERENT"));
        fields.put("nhsNumber", List.of("EXACT", "DIFFERENT"));
        return Collections.unmodifiableMap(fields);
    }

    /** Two independent comparisons as one level: the chance of both, among one child's pairs and two children's. */
    private static Probabilities product(Probabilities a, Probabilities b) {
        return new Probabilities(a.m() * b.m(), a.u() * b.u());
    }

    /** The record's source holds another record of the candidate: see {@link #builtIn()}. */
    static final String SOURCE_ANOTHER_RECORD = "source.ANOTHER_RECORD";

    /** m of two carers in common: see {@link #builtIn()}. */
    private static final double SAME_CARERS_M = 0.08;

    private static MatchWeights builtIn() {
        Map<String, Probabilities> p = new LinkedHashMap<>();
        // u of an exact name is the name's share of the register (TermFrequencies); this u is the typical share.
        p.put("givenNames.EXACT", new Probabilities(0.86, 0.01));
        p.put("givenNames.NICKNAME", new Probabilities(0.04, 0.002));
        p.put("givenNames.SIMILAR", new Probabilities(0.04, 0.003));
        p.put("givenNames.PHONETIC", new Probabilities(0.02, 0.005));
        p.put("givenNames.ROUGHLY", new Probabilities(0.02, 0.03));
        p.put("givenNames.DIFFERENT", new Probabilities(0.003, 0.95));
        p.put("givenNames.SWAPPED_WITH_FAMILY_NAME", new Probabilities(0.01, 0.0005));
        // The first name of one record only among the other's middle names (session 15): a child known by a middle
        // name in one source (m 0.03, assumed: DenseBirthdays' second records never do it); two children by chance
        // when one has a middle name (1 in 5) that is the other's first name (a typical share, 0.01), either way
        // round: u 0.004. +2.9 bits, where it counted as the same first name (+6 to +8.5).
        p.put("givenNames.MIDDLE_NAME", new Probabilities(0.03, 0.004));
        p.put("familyName.EXACT", new Probabilities(0.84, 0.002));
        p.put("familyName.SIMILAR", new Probabilities(0.05, 0.003));
        p.put("familyName.PHONETIC", new Probabilities(0.02, 0.004));
        p.put("familyName.ROUGHLY", new Probabilities(0.01, 0.03));
        // Family names change (adoption, a parent's marriage) far more often than given names do.
        p.put("familyName.DIFFERENT", new Probabilities(0.07, 0.96));
        p.put("familyName.SWAPPED_WITH_GIVEN_NAMES", new Probabilities(0.01, 0.0005));
        // About 1 in 6,600 children of 0-17 share a date of birth with another.
        p.put("dateOfBirth.EXACT", new Probabilities(0.92, 0.00015));
        p.put("dateOfBirth.DAY_MONTH_TRANSPOSED", new Probabilities(0.02, 0.0004));
        p.put("dateOfBirth.ONE_DIGIT", new Probabilities(0.03, 0.004));
        p.put("dateOfBirth.OFF_BY_ONE", new Probabilities(0.015, 0.004));
        p.put("dateOfBirth.DIFFERENT", new Probabilities(0.015, 0.99));
        p.put("gender.EXACT", new Probabilities(0.97, 0.5));
        p.put("gender.DIFFERENT", new Probabilities(0.03, 0.5));
        // u of the same full postcode: England has about 1.4 million residential postcodes for 11 million children,
        // so two different children share one about once in a million pairs; the pairs that reach the thresholds
        // share a name and a birthday, and namesakes' communities cluster in some towns, so u is taken a hundred
        // times higher, at 1 in 10,000 (it was 0.002, 1 in 500: a district's share, not a postcode's, which left a
        // child with a new family name at the same address, birthday and mother below the link). The children a
        // postcode does hold by design, twins and siblings, are the household's cap (FellegiSunterMatcher).
        p.put("postcode.EXACT", new Probabilities(0.6, 0.0001));
        p.put("postcode.SAME_SECTOR", new Probabilities(0.1, 0.01));
        p.put("postcode.SAME_DISTRICT", new Probabilities(0.08, 0.05));
        // Families move: a different postcode is only weak evidence against.
        p.put("postcode.DIFFERENT", new Probabilities(0.22, 0.94));
        // Parents and carers (issue 18: what tells a moved child from a namesake born the same day). u: two
        // different children compared here almost always share the family name (blocking and the link threshold
        // see to that), and so do most of their parents; a parent's full name then agrees about when the parents'
        // given names do (the commonest mother's name has 3-8 % of a community's mothers, one or two parents a
        // side). Counted on DenseBirthdays' pairs of different children with the same family name and birthday (40
        // birthdays): 0.007 share a carer's full name, by community up to 0.016 (Eastern European; South Asian
        // 0.012), 0.004 a given name only, 0.989 nobody. The pairs where carers decide are namesakes of the commonest
        // names, from the communities whose names concentrate most, so u is taken at 0.02, above every community's;
        // the register's own count (cx: keys, TermFrequencies.carerShare) raises it for a name common in a family
        // name (Aisha among the Khans), never lowers it. m: a health record names the mother, a school or council
        // one or two contacts (the mother first three times in four); one child's two sources (seed 18) name a person
        // in common 739 times in 876 (0.84), share only a given name (a mother's changed family name) 45 times
        // (0.05), and name nobody in common 92 times (0.11).
        // Two people in common (the mother and the father), issue 18 session 14: of the 739 pairs above naming a
        // person in common, 68 name two (0.08 of 876; SAME_CARER keeps the other 0.76). Both records name two people
        // in 73 of seed 18's pairs, and both agree in 68 of them (FellegiSunterMatcher.SECOND_CARER_AGREES, 0.93).
        // u: of the pairs in which both records name two people (m / 0.93 of them), two children's agree on both by
        // chance as each carer's name does, one after the other: the product of the two carers' u's, at least
        // 0.02 x 0.02 (FellegiSunterMatcher, with the register's counts): about +11.2 bits against +5.2 for one.
        p.put("carers.SAME_CARERS", new Probabilities(SAME_CARERS_M,
                SAME_CARERS_M / FellegiSunterMatcher.SECOND_CARER_AGREES * 0.02 * 0.02));
        p.put("carers.SAME_CARER", new Probabilities(0.84 - SAME_CARERS_M, 0.02));
        p.put("carers.SAME_GIVEN_NAME", new Probabilities(0.05, 0.004));
        p.put("carers.DIFFERENT", new Probabilities(0.11, 0.985));
        // Both records name a mother (or a father) and her given name is another (nicknames, spellings and a changed
        // family name forgiven): two children's records do so whenever their parents differ, about 0.97 of the pairs
        // that name the role on both (the rest share a common name: Sarah, Fatima); one child's records only when one
        // source named a step-parent, a foster or kinship carer in the role, or a wrong person. DenseBirthdays'
        // second records never do it, so the set cannot measure m. Until session 17 one m, 0.01, was assumed for
        // either role; the roles differ sixfold: 9 % of England's children lived in a stepfamily in 2011, 85 % of
        // stepfamilies with the woman's children (a step-father), 11 % with the man's, 4 % with both (ONS,
        // Stepfamilies in 2011): some 8 % of children live with a step-father, 1.4 % with a step-mother. At the old
        // assumption's scale (a source names a step-parent in the parent's role about a third of the time, a wrong
        // person about 1 in 1,000): m 0.005 for a mother (-7.6 bits), 0.025 for a father (-5.3 bits).
        p.put("carers.MOTHER_DIFFERENT", new Probabilities(0.005, 0.97));
        p.put("carers.FATHER_DIFFERENT", new Probabilities(0.025, 0.97));
        // A person in common (the mother) beside a parent named otherwise (the father), session 18: one child's
        // records when one source names a step-father (85 % of stepfamilies are the mother's children, so the mother
        // in common tells nothing of whether a step-father is there); two children's when their mothers share a
        // name by chance and their fathers do not. The two parts independent, so m and u are the products of
        // SAME_CARER's and the role's: -5.3 bits for the father beside the mother's +5.2 (about nothing left), -7.6
        // for another mother beside a father in common. Until session 18 the person in common hid the disagreement:
        // Ismail Amir Khan, mother Aisha Khan on both records and fathers of other names, linked to a namesake born
        // the same day in his district (the names counted on a large register, session 16's diagnostic).
        p.put("carers.SAME_CARER_MOTHER_DIFFERENT", product(p.get("carers.SAME_CARER"),
                p.get("carers.MOTHER_DIFFERENT")));
        p.put("carers.SAME_CARER_FATHER_DIFFERENT", product(p.get("carers.SAME_CARER"),
                p.get("carers.FATHER_DIFFERENT")));
        // Both records state roles and name none in common (the mother in one, the father in the other): seed 18's
        // second records 91 times in 939 (0.097), its pairs of different children with the same family name and
        // birthday 335 times in 3,437 (0.097). Which parent a source names says nothing of which child: no weight.
        p.put("carers.OTHER_ROLES", new Probabilities(0.1, 0.1));
        // Two valid NHS numbers: the same child's records carry the same one but for a number superseded or issued
        // twice (about 1 in 1,000, taken generously); different children's never do.
        p.put("nhsNumber.EXACT", new Probabilities(0.999, 0.0000001));
        p.put("nhsNumber.DIFFERENT", new Probabilities(0.001, 0.9999999));
        // The record's source already knows the candidate by another record id of its own (session 19). m: one
        // child's record sent again by its source under a new id (the source's own duplicate, or a school's record
        // after a move to another school), taken at 0.05; the set's and the bench's second records never do it. u:
        // two different children who reach the thresholds (namesakes, twins) both known to the record's source, as
        // nearly every child is to a national feed and twins are to their family's GP and school: 0.9. -4.2 bits.
        // Not estimated (not in FIELDS, so every version takes this one): it has one level, compared only when it
        // holds, so expectation-maximisation would take its m to 1 and turn the evidence round.
        p.put(SOURCE_ANOTHER_RECORD, new Probabilities(0.05, 0.9));
        return new MatchWeights(0, p);
    }
}
