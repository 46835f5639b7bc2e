package org.contactpoint.identity.domain.matching;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MatchKeysTest {

    private static final Pattern DATED = Pattern.compile("^d[gfn]:(\\d{4}-\\d{2}-\\d{2}):");
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
     * The work per record does not grow with how many children share a birthday: a near-miss date is looked up only
     * with both names' sounds, never with one name alone (which found every child born that day with a name alike:
     * some 25 per key at England's density, times 59 near misses). A child born on a near miss with both names is
     * still found; so is one with the right date and one name.
     */
    @Test
    void aMistypedDateIsLookedUpWithBothNamesOnly() {
        LocalDate today = LocalDate.of(2026, 12, 6);
        LocalDate dob = LocalDate.of(2015, 3, 14);
        Set<String> probe = MatchKeys.probe(born(dob), today);

        for (LocalDate nearMiss : DateOfBirthComparison.nearMisses(dob)) {
            if (nearMiss.isAfter(today)) {
                continue;
            }
            // Both names, near-miss date: found.
            assertThat(probe).containsAnyElementsOf(nonFrequency(new MatchRecord("Olivia", "Smith", null, List.of(),
                    nearMiss, null, null)));
            if (Math.abs(nearMiss.getYear() - dob.getYear()) > 1) {
                // One name, near-miss date, other year, no shared postcode: nothing to find it by.
                assertThat(probe).doesNotContainAnyElementsOf(nonFrequency(new MatchRecord("Olivia", "Whitmore",
                        null, List.of(), nearMiss, null, null)));
            }
        }
        // The right date with one name still finds the child (a changed family name, a nickname).
        assertThat(probe).containsAnyElementsOf(nonFrequency(new MatchRecord("Olivia", "Whitmore", null, List.of(),
                dob, null, null)));
        assertThat(probe).containsAnyElementsOf(nonFrequency(new MatchRecord("Zofia", "Smith", null, List.of(),
                dob, null, null)));
        // Names entered the wrong way round, on a near miss.
        assertThat(probe).containsAnyElementsOf(nonFrequency(new MatchRecord("Smith", "Olivia", null, List.of(),
                LocalDate.of(2015, 3, 15), null, null)));
        // Before: 138 keys a record, most of them a near-miss date with one name.
        assertThat(probe).hasSizeLessThan(70);
        assertThat(probe).noneMatch(key -> DATED.matcher(key).find() && !key.startsWith("dn:")
                && !key.contains(dob.toString()));
    }

    private static List<String> nonFrequency(MatchRecord stored) {
        return MatchKeys.of(stored).stream().filter(key -> !MatchKeys.isFrequencyKey(key)).toList();
    }

    private static boolean after(String key, LocalDate today) {
        Matcher dated = DATED.matcher(key);
        if (dated.find()) {
            return LocalDate.parse(dated.group(1)).isAfter(today);
        }
        Matcher year = YEAR.matcher(key);
        return year.find() && Integer.parseInt(year.group(1)) > today.getYear();
    }
}
