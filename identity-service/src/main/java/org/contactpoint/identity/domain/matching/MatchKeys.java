package org.contactpoint.identity.domain.matching;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Blocking: the keys a child is indexed under, and the keys an incoming record looks up. A candidate shares at least
 * one key with the record, so matching reads a handful of children by index instead of scanning them all.
 * <ul>
 *   <li>{@code dg:} date of birth + sound of the first given name (catches a changed family name)</li>
 *   <li>{@code df:} date of birth + sound of the family name (catches a nickname or a mistyped given name)</li>
 *   <li>{@code gf:} sound of given and family name + birth year (catches a wrong date of birth)</li>
 *   <li>{@code pg:} postcode + sound of the given name (catches a wrong date of birth and a changed family name)</li>
 *   <li>{@code dn:} date of birth + sounds of both names (catches a mistyped date of birth)</li>
 *   <li>{@code dp:} date of birth + postcode (catches both names changed at once: a nickname and a mistyped family
 *   name, names swapped with a middle name, a new family name beside a mistyped given name; at England's density a
 *   postcode holds some seven children, so a birthday and postcode hold one child, or twins)</li>
 * </ul>
 * The probe side expands the date of birth to its near misses and also tries given and family names swapped. Only
 * the dates a slip most often gives (the date itself, a day, a month or a year out, day and month swapped) are probed
 * with {@code dg:} and {@code df:}, which allow one name to differ; the other near misses (a digit mistyped) are
 * probed with {@code dn:}, which asks both names to sound the same. At England's density a {@code dg:}
 * key holds about nine children, and probing it for all some sixty near misses made a thousand candidate rows per
 * record, nine in ten from those dates; a {@code dn:} key holds one child or none. What is given up is a record with
 * two faults at once, a distant date typo and a name that no longer sounds the same, unless its postcode and given
 * name ({@code pg:}) or its names and birth year ({@code gf:}) still find it.
 * {@code fx:} and {@code gx:} keys only count how common a name is, {@code bx:} how many children share a date of
 * birth, {@code cx:} how many children of a family name name a carer of a given name (term frequencies).
 */
public final class MatchKeys {

    private MatchKeys() {
    }

    /** The keys a stored child is indexed under. */
    public static Set<String> of(MatchRecord child) {
        Set<String> keys = new LinkedHashSet<>();
        addBlockingKeys(keys, List.of(child.dateOfBirth()), List.of(child.dateOfBirth()),
                Set.of(child.dateOfBirth().getYear()), givenSounds(child), familySounds(child), child.postcode());
        keys.add(familyFrequencyKey(Names.compact(child.familyName())));
        keys.add(givenFrequencyKey(Names.formal(child.firstGivenName())));
        keys.add(dateOfBirthFrequencyKey(child.dateOfBirth()));
        keys.addAll(carerFrequencyKeys(child));
        return keys;
    }

    /**
     * The given names of the carers a record names, each counted under the child's family name ({@code
     * cx:okafor:ngozi}): how many children of that family name name a parent or carer so called, the u of two
     * different children of one family name naming the same carer; a carer whose family name is not the child's
     * also in full ({@code cx:okafor:ngozi eze}).
     */
    public static Set<String> carerFrequencyKeys(MatchRecord record) {
        Set<String> keys = new LinkedHashSet<>();
        String family = Names.compact(record.familyName());
        for (String carer : record.carers()) {
            List<String> tokens = Names.tokens(carer);
            if (tokens.size() >= 2 && !family.isEmpty()) {
                keys.add(carerFrequencyKey(family, Names.formal(tokens.get(0))));
                // A carer of another family name is counted in full too (cx:okafor:ngozi eze): how common she is
                // among the children of that family name, a full name agreeing being rarer than a given name.
                // From the words the matcher compares (titles dropped), so the count is found under the key it asks.
                List<String> named = Names.withoutTitle(carer);
                String carerFamily = named.size() < 2 ? family : String.join("", named.subList(1, named.size()));
                if (!carerFamily.equals(family)) {
                    keys.add(carerFrequencyKey(family, Names.formal(named.get(0)) + " " + carerFamily));
                }
            }
        }
        return keys;
    }

    public static String carerFrequencyKey(String compactFamilyName, String formalCarerGivenName) {
        String key = "cx:" + compactFamilyName + ":" + formalCarerGivenName;
        return key.length() > 160 ? key.substring(0, 160) : key;
    }

    /** The keys to look up for an incoming record. */
    public static Set<String> probe(MatchRecord record) {
        return probe(record, LocalDate.MAX);
    }

    /**
     * The keys to look up for an incoming record, leaving out the near misses born after {@code latestBirth}: no
     * stored child can carry them (a date of birth is never in the future when it is stored), so the candidates are
     * the same, but the typos of a birth year into the future (2015 -> 2915) no longer cost two fifths of its probes.
     */
    public static Set<String> probe(MatchRecord record, LocalDate latestBirth) {
        Set<String> keys = new LinkedHashSet<>();
        LocalDate dob = record.dateOfBirth();
        Set<Integer> years = new LinkedHashSet<>();
        for (int year = dob.getYear() - 1; year <= dob.getYear() + 1; year++) {
            if (year <= latestBirth.getYear()) {
                years.add(year);
            }
        }
        List<LocalDate> dates = DateOfBirthComparison.nearMisses(dob).stream()
                .filter(date -> !date.isAfter(latestBirth)).toList();
        List<LocalDate> closest = dates.stream().filter(date -> isClosest(dob, date)).toList();
        Set<String> givens = givenSounds(record);
        Set<String> families = familySounds(record);
        addBlockingKeys(keys, closest, dates, years, givens, families, record.postcode());
        // Given and family name entered the wrong way round: the name in the family field is then a given name,
        // stored under its formal form's sound (Alfie under Alfred's).
        Set<String> familiesAsGiven = new LinkedHashSet<>(families);
        record.allFamilyNames().forEach(family -> familiesAsGiven.add(Names.phonetic(Names.formal(family))));
        // A child with a middle name swapped whole: the family field holds "Oliver James", the first of them is the
        // first given name the child is stored under.
        List<String> familyWords = Names.tokens(record.familyName());
        if (familyWords.size() > 1) {
            familiesAsGiven.add(Names.phonetic(Names.formal(familyWords.get(0))));
        }
        addBlockingKeys(keys, closest, dates, years, familiesAsGiven, givens, record.postcode());
        return keys;
    }

    public static String familyFrequencyKey(String compactFamilyName) {
        return "fx:" + compactFamilyName;
    }

    public static String givenFrequencyKey(String formalGivenName) {
        return "gx:" + formalGivenName;
    }

    public static String dateOfBirthFrequencyKey(LocalDate dateOfBirth) {
        return "bx:" + dateOfBirth;
    }

    /** Whether a key only counts children (a term frequency) rather than finding candidates. */
    public static boolean isFrequencyKey(String key) {
        return key.startsWith("fx:") || key.startsWith("gx:") || key.startsWith("bx:") || key.startsWith("cx:");
    }

    /**
     * The near misses probed allowing one name to differ: the date itself, a day, a month or a year out, day and
     * month swapped.
     */
    private static boolean isClosest(LocalDate dob, LocalDate date) {
        return date.equals(dob) || date.equals(dob.plusDays(1)) || date.equals(dob.minusDays(1))
                || date.equals(dob.plusMonths(1)) || date.equals(dob.minusMonths(1))
                || date.equals(dob.plusYears(1)) || date.equals(dob.minusYears(1))
                || DateOfBirthComparison.compare(dob, date) == DateOfBirthComparison.Level.DAY_MONTH_TRANSPOSED;
    }

    /**
     * @param oneNameDates the dates keyed by date and one name ({@code dg:}, {@code df:})
     * @param bothNameDates the dates keyed by date and both names ({@code dn:})
     */
    private static void addBlockingKeys(Set<String> keys, List<LocalDate> oneNameDates, List<LocalDate> bothNameDates,
                                        Set<Integer> years, Set<String> givens, Set<String> families,
                                        String postcode) {
        for (LocalDate date : oneNameDates) {
            if (postcode != null) {
                keys.add("dp:" + date + ":" + postcode.replace(" ", ""));
            }
            for (String given : givens) {
                keys.add("dg:" + date + ":" + given);
            }
            for (String family : families) {
                keys.add("df:" + date + ":" + family);
            }
        }
        for (LocalDate date : bothNameDates) {
            for (String given : givens) {
                for (String family : families) {
                    keys.add("dn:" + date + ":" + given + ":" + family);
                }
            }
        }
        for (String given : givens) {
            for (String family : families) {
                for (int year : years) {
                    keys.add("gf:" + given + ":" + family + ":" + year);
                }
            }
            if (postcode != null) {
                keys.add("pg:" + postcode.replace(" ", "") + ":" + given);
            }
        }
    }

    private static Set<String> givenSounds(MatchRecord record) {
        Set<String> sounds = new LinkedHashSet<>();
        for (String given : record.firstGivenNames()) {
            sounds.add(Names.phonetic(Names.formal(given)));
        }
        return sounds;
    }

    private static Set<String> familySounds(MatchRecord record) {
        Set<String> sounds = new LinkedHashSet<>();
        for (String family : record.allFamilyNames()) {
            sounds.add(Names.phonetic(family));
        }
        return sounds;
    }
}
