package org.contactpoint.identity.domain.matching;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.DAY_MONTH_TRANSPOSED;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.DIFFERENT;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.EXACT;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.OFF_BY_ONE;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.ONE_DIGIT;

class DateOfBirthComparisonTest {

    @Test
    void datesOfBirthCompareByHowTheyGoWrong() {
        LocalDate dob = LocalDate.of(2016, 3, 14);
        assertThat(DateOfBirthComparison.compare(dob, LocalDate.of(2016, 3, 14))).isEqualTo(EXACT);
        assertThat(DateOfBirthComparison.compare(LocalDate.of(2016, 3, 4), LocalDate.of(2016, 4, 3)))
                .isEqualTo(DAY_MONTH_TRANSPOSED);
        assertThat(DateOfBirthComparison.compare(dob, LocalDate.of(2016, 3, 17))).isEqualTo(ONE_DIGIT);
        assertThat(DateOfBirthComparison.compare(dob, LocalDate.of(2016, 3, 41 - 27))).isEqualTo(EXACT);
        assertThat(DateOfBirthComparison.compare(dob, LocalDate.of(2061, 3, 14))).isEqualTo(ONE_DIGIT);
        assertThat(DateOfBirthComparison.compare(LocalDate.of(2016, 3, 31), LocalDate.of(2016, 4, 1)))
                .isEqualTo(OFF_BY_ONE);
        assertThat(DateOfBirthComparison.compare(LocalDate.of(2019, 12, 5), LocalDate.of(2020, 12, 5)))
                .isEqualTo(OFF_BY_ONE);
        assertThat(DateOfBirthComparison.compare(dob, LocalDate.of(2015, 9, 2))).isEqualTo(DIFFERENT);

        // Blocking looks up every near miss, so none of them can hide a duplicate.
        for (LocalDate other : DateOfBirthComparison.nearMisses(dob)) {
            assertThat(DateOfBirthComparison.compare(dob, other)).as("%s", other).isNotEqualTo(DIFFERENT);
        }
        assertThat(DateOfBirthComparison.nearMisses(dob)).contains(LocalDate.of(2016, 3, 13),
                LocalDate.of(2016, 4, 14), LocalDate.of(2017, 3, 14), LocalDate.of(2016, 3, 41 - 27));
    }

    /**
     * The near misses are every one-digit typo and adjacent-digit swap of {@code uuuuMMdd} that a strict parser takes
     * for a date (plus the unit-out and day/month-swapped dates), now found without a parser's exceptions: the same
     * set as before, for every day of four years, a leap day among them, and the years 0 and 9999 at the edges.
     */
    @Test
    void nearMissesAreTheTyposThatSpellADate() {
        DateTimeFormatter strict = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
        for (LocalDate dob = LocalDate.of(2014, 1, 1); dob.isBefore(LocalDate.of(2018, 1, 1)); dob = dob.plusDays(1)) {
            Set<LocalDate> typos = new LinkedHashSet<>();
            String digits = strict.format(dob);
            for (int i = 0; i < digits.length(); i++) {
                for (char d = '0'; d <= '9'; d++) {
                    char[] typo = digits.toCharArray();
                    typo[i] = d;
                    parse(strict, new String(typo), typos);
                }
                if (i + 1 < digits.length()) {
                    char[] swapped = digits.toCharArray();
                    swapped[i] = digits.charAt(i + 1);
                    swapped[i + 1] = digits.charAt(i);
                    parse(strict, new String(swapped), typos);
                }
            }
            Set<LocalDate> nearMisses = DateOfBirthComparison.nearMisses(dob);
            assertThat(nearMisses).as("%s", dob).containsAll(typos);
            Set<LocalDate> rest = new LinkedHashSet<>(nearMisses);
            rest.removeAll(typos);
            for (LocalDate other : rest) {
                assertThat(DateOfBirthComparison.compare(dob, other)).as("%s ~ %s", dob, other)
                        .isIn(DAY_MONTH_TRANSPOSED, OFF_BY_ONE);
            }
        }
        assertThat(DateOfBirthComparison.nearMisses(LocalDate.of(2016, 2, 29)))
                .contains(LocalDate.of(2016, 2, 28), LocalDate.of(2016, 2, 9), LocalDate.of(2016, 2, 20))
                .doesNotContain(LocalDate.of(2017, 2, 28));
        assertThat(DateOfBirthComparison.nearMisses(LocalDate.of(2015, 6, 1))).contains(LocalDate.of(15, 6, 1),
                LocalDate.of(9015, 6, 1));
    }

    private static void parse(DateTimeFormatter strict, String digits, Set<LocalDate> dates) {
        try {
            dates.add(LocalDate.parse(digits, strict));
        } catch (DateTimeParseException notADate) {
            // not a date
        }
    }
}
