package org.contactpoint.gateway.domain;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search's folding and date slips are computed without a parser's exceptions or regular expressions (they run on
 * every hit a search grades); these pin that the cheap forms give what the plain forms gave.
 */
class CheapFoldingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @Test
    void aDateSlipsToTheSameDatesAsAParserWouldFind() {
        for (LocalDate day = LocalDate.of(2012, 1, 1); day.isBefore(LocalDate.of(2016, 1, 1)); day = day.plusDays(1)) {
            SearchCriteria typed = new SearchCriteria("Okafor", null, day, day, true, null, null);
            assertThat(typed.nearBirthdays(TODAY)).as("slips of %s", day).containsExactlyInAnyOrderElementsOf(parsed(day));
        }
    }

    @Test
    void aDateOneDigitOutIsNamedSoAndTwoDigitsOutIsNot() {
        assertThat(SearchCriteria.dateVariation(LocalDate.of(2016, 3, 14), LocalDate.of(2016, 3, 19)))
                .contains(MatchGrade.Variation.DATE_DIGIT_WRONG);
        assertThat(SearchCriteria.dateVariation(LocalDate.of(2016, 3, 14), LocalDate.of(2018, 3, 14)))
                .contains(MatchGrade.Variation.DATE_DIGIT_WRONG);
        assertThat(SearchCriteria.dateVariation(LocalDate.of(2016, 3, 14), LocalDate.of(2016, 3, 27))).isEmpty();
    }

    @Test
    void anAsciiNameFoldsAsTheGeneralFormFoldsIt() {
        for (String name : List.of("Okafor", "okafor", "O'Brien", "Smith-Jones", "  Li ", "MACDONALD", "d'Arcy 3rd",
                "Ng", "", "-", "van der Berg", "Anne-Marie", "ZOE", "Zoë", "Łukasz", "Иванов")) {
            assertThat(Names.fold(name)).as(name).isEqualTo(Normalizer.normalize(name, Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "").toLowerCase().replaceAll("[^a-z]", ""));
        }
    }

    @Test
    void twoLettersTypedTheWrongWayRoundAreOneSlip() {
        assertThat(Names.typos("emma", "emam")).isEqualTo(1);
        assertThat(Names.typos("khan", "kahn")).isEqualTo(1);
        assertThat(Names.typos("okafor", "okafr")).isEqualTo(1);
        assertThat(Names.typos("smith", "smyth")).isEqualTo(1);
        assertThat(Names.typos("smith", "smiht")).isEqualTo(1);
        assertThat(Names.typos("amara", "amaar")).isEqualTo(1);
        assertThat(Names.typos("jones", "jnoes")).isEqualTo(1);
        assertThat(Names.typos("stephenson", "stevenson")).isEqualTo(2);
        assertThat(Names.typos("okafor", "smith")).isEqualTo(3);
        assertThat(Names.typos("li", "lee")).isEqualTo(2);
        // A short given name swapped round is still the same child, strongly (it was ruled out as two slips).
        SearchHit emma = new SearchHit("CP1234567894", SearchEntry.Variant.CURRENT, "okafor", "Okafor",
                LocalDate.of(2016, 3, 14), List.of("emma"), List.of(), "FEMALE", "Emma", "Okafor", null, false, false);
        assertThat(Resemblance.of(new SearchCriteria("Okafor", "Emam", LocalDate.of(2016, 3, 14),
                LocalDate.of(2016, 3, 14), true, null, null), emma))
                .hasValueSatisfying(r -> assertThat(r.variations()).containsExactly(
                        MatchGrade.Variation.GIVEN_NAME_TYPO));
    }

    /** The slips as a parser finds them: every yyyymmdd a digit away, parsed strictly, a date a child can have. */
    private static Set<LocalDate> parsed(LocalDate date) {
        Set<LocalDate> near = new LinkedHashSet<>();
        near.add(date.minusDays(1));
        near.add(date.plusDays(1));
        // A calendar month or year either way: every day within reach a month (a year) from which is this date, or
        // which is a month (a year) from it.
        for (LocalDate d = date.minusYears(1).minusMonths(1); !d.isAfter(date.plusYears(1).plusMonths(1));
             d = d.plusDays(1)) {
            if (d.plusMonths(1).equals(date) || d.minusMonths(1).equals(date) || date.plusMonths(1).equals(d)
                    || date.minusMonths(1).equals(d) || d.plusYears(1).equals(date) || d.minusYears(1).equals(date)
                    || date.plusYears(1).equals(d) || date.minusYears(1).equals(d)) {
                near.add(d);
            }
        }
        String digits = String.format("%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        for (int i = 0; i < digits.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != digits.charAt(i)) {
                    String s = digits.substring(0, i) + d + digits.substring(i + 1);
                    try {
                        LocalDate t = LocalDate.of(Integer.parseInt(s.substring(0, 4)),
                                Integer.parseInt(s.substring(4, 6)), Integer.parseInt(s.substring(6, 8)));
                        if (!t.isAfter(TODAY) && (Math.abs(t.getYear() - date.getYear()) <= 30
                                || t.getYear() >= TODAY.getYear() - 30)) {
                            near.add(t);
                        }
                    } catch (DateTimeException notADate) {
                        // no such date
                    }
                }
            }
        }
        near.remove(date);
        SearchCriteria.transpositions(date).forEach(near::remove);
        return near;
    }
}
