package org.contactpoint.identity.domain.matching;

import org.contactpoint.identity.domain.FormerName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MatchKeysTest {

    private static final Pattern DATED = Pattern.compile("^d[gfnp]:(\\d{4}-\\d{2}-\\d{2}):");
    private static final Pattern YEAR = Pattern.compile("^gf:.*:(\\d+)$");

    private static MatchRecord born(LocalDate dob) {
        return new MatchRecord("Olivia", "Smith", null, List.of(), dob, null, "M1 1AE");
    }

    /**
     * A record's near misses born after the latest possible birth date are not looked up (no stored child can be
     * indexed under them), and nothing else is dropped. Before: 2015's typos 2915, 3015 ... 9015 were all probed.
     */
    @Test
    void probesLeaveOutBirthDatesNoStoredChildCanHave() {
        LocalDate today = LocalDate.of(2026, 12, 6);
        LocalDate dob = LocalDate.of(2025, 12, 31);
        Set<String> all = MatchKeys.probe(born(dob));
        Set<String> bounded = MatchKeys.probe(born(dob), today);

        assertThat(all).anyMatch(key -> after(key, today));
        assertThat(bounded).noneMatch(key -> after(key, today));
        assertThat(bounded).containsAll(all.stream().filter(key -> !after(key, today)).toList());
        assertThat(all).containsAll(bounded);
        // The stored child's own keys are all still probed.
        assertThat(bounded).containsAll(MatchKeys.of(born(dob)).stream()
                .filter(key -> !MatchKeys.isFrequencyKey(key)).toList());
        assertThat(bounded.size()).isLessThan(all.size() * 4 / 5);
    }

    /**
     * A stored child's both-names keys are exactly the pairs of its date + given-name and date + family-name keys:
     * V40 gives the children indexed before them their keys that way, so the two must never drift apart.
     */
    @Test
    void bothNamesKeysArePairsOfTheOneNameKeys() {
        MatchRecord child = new MatchRecord("Alfie James", "Okafor-Smith", "Alf",
                List.of(new FormerName("Alfred", "Brown", FormerName.Kind.FORMER)), LocalDate.of(2015, 3, 4),
                null, "M1 1AE");
        Set<String> keys = MatchKeys.of(child);
        Set<String> pairs = new TreeSet<>();
        for (String given : keys) {
            for (String family : keys) {
                if (given.startsWith("dg:") && family.startsWith("df:")
                        && given.split(":")[1].equals(family.split(":")[1])) {
                    pairs.add("dn:" + given.substring(3) + ":" + family.split(":")[2]);
                }
            }
        }
        assertThat(pairs).isNotEmpty();
        assertThat(new TreeSet<>(keys.stream().filter(key -> key.startsWith("dn:")).toList())).isEqualTo(pairs);
    }

    /**
     * A stored child's date + postcode key is its date + given-name key's date beside its postcode + given-name key's
     * postcode: V41 gives the children indexed before it their key that way.
     */
    @Test
    void datePostcodeKeysArePairsOfTheDateAndPostcodeKeys() {
        MatchRecord child = new MatchRecord("Alfie James", "Okafor-Smith", "Alf",
                List.of(new FormerName("Alfred", "Brown", FormerName.Kind.FORMER)), LocalDate.of(2015, 3, 4),
                null, "M1 1AE");
        Set<String> keys = MatchKeys.of(child);
        Set<String> pairs = new TreeSet<>();
        for (String given : keys) {
            for (String postcode : keys) {
                if (given.startsWith("dg:") && postcode.startsWith("pg:")) {
                    pairs.add("dp:" + given.split(":")[1] + ":" + postcode.split(":")[1]);
                }
            }
        }
        assertThat(pairs).containsExactly("dp:2015-03-04:M11AE");
        assertThat(new TreeSet<>(keys.stream().filter(key -> key.startsWith("dp:")).toList())).isEqualTo(pairs);
    }

    /**
     * A mistyped digit in the date of birth is looked up with both names only; the date itself and a day, month or
     * year out still allow one name to differ (a changed family name, a nickname not on the list).
     */
    @Test
    void distantNearMissesAskForBothNames() {
        LocalDate dob = LocalDate.of(2015, 3, 4);
        Set<String> probe = MatchKeys.probe(born(dob));
        for (LocalDate close : List.of(dob, dob.plusDays(1), dob.minusMonths(1), dob.plusYears(1),
                LocalDate.of(2015, 4, 3))) {
            assertThat(probe).anyMatch(key -> key.startsWith("dg:" + close + ":"))
                    .anyMatch(key -> key.startsWith("df:" + close + ":"));
        }
        LocalDate digitTypo = LocalDate.of(2013, 3, 4);
        assertThat(probe).noneMatch(key -> key.startsWith("dg:" + digitTypo) || key.startsWith("df:" + digitTypo))
                .anyMatch(key -> key.startsWith("dn:" + digitTypo + ":"));
        // A stored child under the mistyped date with both names alike is still found.
        assertThat(probe).containsAnyElementsOf(MatchKeys.of(born(digitTypo)));
    }

    private static boolean after(String key, LocalDate today) {
        Matcher dated = DATED.matcher(key);
        if (dated.find()) {
            return LocalDate.parse(dated.group(1)).isAfter(today);
        }
        Matcher year = YEAR.matcher(key);
        return year.find() && Integer.parseInt(year.group(1)) > today.getYear();
    }

    @Test
    void aRecordWithBothNamesChangedFindsTheChildAtItsAddressBornThatDay() {
        MatchRecord stored = new MatchRecord("Oliver", "Smith", null, java.util.List.of(),
                java.time.LocalDate.of(2016, 3, 14), org.contactpoint.identity.domain.Gender.MALE, "LS1 4AP");
        // A nickname the list lacks and a mistyped family name: neither name keeps its sound.
        MatchRecord both = new MatchRecord("Olly", "Smyht", null, java.util.List.of(),
                java.time.LocalDate.of(2016, 3, 14), org.contactpoint.identity.domain.Gender.MALE, "LS1 4AP");
        assertThat(MatchKeys.of(stored)).contains("dp:2016-03-14:LS14AP");
        assertThat(MatchKeys.probe(both)).contains("dp:2016-03-14:LS14AP");
        // A day out is probed too; a digit typo's dates are not (about fifty, each a key of its own).
        assertThat(MatchKeys.probe(both)).contains("dp:2016-03-15:LS14AP");
        // No address, no key.
        assertThat(MatchKeys.of(new MatchRecord("Oliver", "Smith", null, java.util.List.of(),
                java.time.LocalDate.of(2016, 3, 14), org.contactpoint.identity.domain.Gender.MALE, null)))
                .noneMatch(key -> key.startsWith("dp:"));
    }
}
