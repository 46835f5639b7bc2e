package org.contactpoint.identity.domain.matching;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MatchKeysTest {

    private static final Pattern DATED = Pattern.compile("^d[gf]:(\\d{4}-\\d{2}-\\d{2}):");
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

    private static boolean after(String key, LocalDate today) {
        Matcher dated = DATED.matcher(key);
        if (dated.find()) {
            return LocalDate.parse(dated.group(1)).isAfter(today);
        }
        Matcher year = YEAR.matcher(key);
        return year.find() && Integer.parseInt(year.group(1)) > today.getYear();
    }
}
