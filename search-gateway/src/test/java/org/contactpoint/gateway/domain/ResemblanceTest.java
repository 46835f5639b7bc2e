package org.contactpoint.gateway.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The grading rules of issue 19, without a database: each slip and the grade it earns. */
class ResemblanceTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    private static final LocalDate BORN = LocalDate.of(2016, 6, 14);

    @Test
    void exactWhenEverythingMatchesAsTyped() {
        Resemblance r = grade(criteria("Okafor", "Amara", BORN, null), hit("Okafor", "Amara", BORN, "FEMALE"));
        assertThat(r.grade()).isEqualTo(MatchGrade.EXACT);
        assertThat(r.variations()).isEmpty();
    }

    @Test
    void eachSlipIsNamedAndGraded() {
        SearchHit amara = hit("Okafor", "Amara", BORN, "FEMALE");
        assertThat(variations(criteria("Amara", "Okafor", BORN, null), amara))
                .containsExactly(MatchGrade.Variation.NAMES_SWAPPED);
        assertThat(grade(criteria("Okafor", "Amara", BORN.plusDays(1), null), amara).grade())
                .isEqualTo(MatchGrade.POSSIBLE);
        assertThat(variations(criteria("Okafor", "Amara", BORN.plusDays(1), null), amara))
                .containsExactly(MatchGrade.Variation.DATE_DAY_OUT);
        assertThat(variations(criteria("Okafor", "Amara", BORN.plusMonths(1), null), amara))
                .containsExactly(MatchGrade.Variation.DATE_MONTH_OUT);
        assertThat(variations(criteria("Okafor", "Amara", BORN.minusYears(1), null), amara))
                .containsExactly(MatchGrade.Variation.DATE_YEAR_OUT);
        assertThat(variations(criteria("Okafor", "Amara", LocalDate.of(2016, 6, 19), null), amara))
                .containsExactly(MatchGrade.Variation.DATE_DIGIT_WRONG);
        assertThat(variations(criteria("Okafor", "Amara", BORN, "MALE"), amara))
                .containsExactly(MatchGrade.Variation.OTHER_SEX);
        assertThat(variations(criteria("Okafr", "Amara", BORN, null), amara))
                .containsExactly(MatchGrade.Variation.FAMILY_NAME_SOUNDS_ALIKE);
        assertThat(variations(criteria(null, "Amara", BORN, null), amara))
                .containsExactly(MatchGrade.Variation.NO_FAMILY_NAME);
        // A date no slip reaches, or a given name that matches nothing, rules the child out.
        assertThat(Resemblance.of(criteria("Okafor", "Amara", LocalDate.of(2016, 11, 25), null), amara)).isEmpty();
        assertThat(Resemblance.of(criteria("Okafor", "Zebedee", BORN, null), amara)).isEmpty();
    }

    @Test
    void nicknamesBothWaysAndOtherScripts() {
        assertThat(variations(criteria("Petrov", "Sasha", BORN, null), hit("Petrov", "Alexander", BORN, "MALE")))
                .containsExactly(MatchGrade.Variation.NICKNAME);
        assertThat(variations(criteria("Petrov", "Alexandra", BORN, null), hit("Petrov", "Sasha", BORN, "FEMALE")))
                .containsExactly(MatchGrade.Variation.NICKNAME);
        Resemblance cyrillic = grade(criteria("Smirnova", "Olga", BORN, null), hit("Смирнова", "Ольга", BORN, "FEMALE"));
        assertThat(cyrillic.variations()).containsExactly(MatchGrade.Variation.TRANSLITERATED);
        assertThat(cyrillic.grade()).isEqualTo(MatchGrade.STRONG);
        assertThat(Names.key("王")).isEqualTo("wang");
    }

    @Test
    void slipsOfAFullDateIncludeADayAMonthAYearAndOneDigit() {
        SearchCriteria typed = criteria("Okafor", null, BORN, null);
        assertThat(typed.nearBirthdays(TODAY)).contains(LocalDate.of(2016, 6, 13), LocalDate.of(2016, 6, 15),
                LocalDate.of(2016, 5, 14), LocalDate.of(2016, 7, 14), LocalDate.of(2015, 6, 14),
                LocalDate.of(2017, 6, 14), LocalDate.of(2016, 6, 19), LocalDate.of(2010, 6, 14))
                .doesNotContain(BORN, LocalDate.of(1016, 6, 14));
    }

    /**
     * A slip in a year's first digits (1016 or 2076 typed for 2016) is searched as the one year a child could have
     * been born in, and the child found is graded a digit wrong; no slip into the future is searched. Before, a slip
     * was searched only within 30 years of the year typed, so neither found the child.
     */
    @Test
    void aSlipInTheFirstDigitsOfAYearFindsTheOnlyPlausibleYear() {
        for (LocalDate slipped : List.of(LocalDate.of(1016, 6, 14), LocalDate.of(2076, 6, 14))) {
            SearchCriteria typed = criteria("Okafor", null, slipped, null);
            assertThat(typed.nearBirthdays(TODAY)).as("slips of %s", slipped).contains(BORN)
                    .doesNotContain(LocalDate.of(2096, 6, 14), LocalDate.of(3016, 6, 14));
            assertThat(SearchCriteria.dateVariation(slipped, BORN)).contains(MatchGrade.Variation.DATE_DIGIT_WRONG);
        }
    }

    private static SearchCriteria criteria(String family, String given, LocalDate born, String gender) {
        return new SearchCriteria(family, given, born, born, true, gender, family == null ? "EC1R4SR" : null);
    }

    private static SearchHit hit(String family, String given, LocalDate born, String gender) {
        return new SearchHit("CP1234567894", SearchEntry.Variant.CURRENT, Names.key(family), family, born,
                Names.keys(given), List.of(), gender, given, family, null, false, false);
    }

    private static Resemblance grade(SearchCriteria criteria, SearchHit hit) {
        Optional<Resemblance> r = Resemblance.of(criteria, hit);
        assertThat(r).isPresent();
        return r.get();
    }

    private static List<MatchGrade.Variation> variations(SearchCriteria criteria, SearchHit hit) {
        return grade(criteria, hit).variations();
    }
}
