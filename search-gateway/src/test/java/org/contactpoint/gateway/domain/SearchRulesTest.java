package org.contactpoint.gateway.domain;

import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.NhsNumbers;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.domain.MatchGrade.Level.EQUIVALENT;
import static org.contactpoint.gateway.domain.MatchGrade.Level.EXACT;
import static org.contactpoint.gateway.domain.MatchGrade.Level.LOOSE;
import static org.contactpoint.gateway.domain.MatchGrade.Level.NOT_GIVEN;

/** The pure rules behind a search: grades, name parts, nicknames, identifiers' check digits. */
class SearchRulesTest {

    @Test
    void gradesSayHowSureTheMatchIs() {
        assertThat(MatchGrade.of(EXACT, EXACT, true, true)).isEqualTo(MatchGrade.EXACT);
        assertThat(MatchGrade.of(EXACT, NOT_GIVEN, true, true)).isEqualTo(MatchGrade.EXACT);
        assertThat(MatchGrade.of(EXACT, NOT_GIVEN, false, false)).isEqualTo(MatchGrade.EXACT);
        // A month or a range of birthdays can never make an exact match.
        assertThat(MatchGrade.of(EXACT, EXACT, false, true)).isEqualTo(MatchGrade.STRONG);
        assertThat(MatchGrade.of(EQUIVALENT, EXACT, true, true)).isEqualTo(MatchGrade.STRONG);
        assertThat(MatchGrade.of(EXACT, EQUIVALENT, true, true)).isEqualTo(MatchGrade.STRONG);
        assertThat(MatchGrade.of(LOOSE, EXACT, true, true)).isEqualTo(MatchGrade.POSSIBLE);
        assertThat(MatchGrade.of(EXACT, LOOSE, true, true)).isEqualTo(MatchGrade.POSSIBLE);
    }

    @Test
    void aFullDateOfBirthIsAlsoTriedTransposed() {
        assertThat(SearchCriteria.transpositions(LocalDate.of(2016, 5, 3)))
                .containsExactly(LocalDate.of(2016, 3, 5), LocalDate.of(2016, 5, 30));
        assertThat(SearchCriteria.transpositions(LocalDate.of(2016, 5, 12)))
                .containsExactly(LocalDate.of(2016, 12, 5), LocalDate.of(2016, 5, 21));
        // No 41st of March, no 13th month; the 11th of November reads the same either way.
        assertThat(SearchCriteria.transpositions(LocalDate.of(2016, 3, 14))).isEmpty();
        assertThat(SearchCriteria.transpositions(LocalDate.of(2016, 11, 11))).isEmpty();
        assertThat(SearchCriteria.transpositions(LocalDate.of(2016, 2, 13))).isEmpty();
        assertThat(SearchCriteria.transpositions(LocalDate.of(2016, 1, 13))).containsExactly(LocalDate.of(2016, 1, 31));
        // Only a full date: a month or a year of birthdays is not transposed.
        assertThat(new SearchCriteria("Okafor", null, LocalDate.of(2016, 5, 1), LocalDate.of(2016, 5, 31), false,
                null, null).transposedBirthdays()).isEmpty();
    }

    @Test
    void namesSplitIntoPartsAndNicknamesGoBothWays() {
        assertThat(Names.parts("Smith-Jones")).containsExactly("Smith", "Jones");
        assertThat(Names.parts(" van  der Berg ")).containsExactly("van", "der", "Berg");
        assertThat(Names.parts("O'Brien")).containsExactly("O'Brien");
        assertThat(Names.fold("Siobhán")).isEqualTo("siobhan");
        assertThat(Names.fold("Nguyễn")).isEqualTo("nguyen");
        assertThat(Names.alternatives("Bill")).contains("william").doesNotContain("bill");
        assertThat(Names.alternatives("William")).contains("bill", "liam");
        assertThat(Names.alternatives("Zebedee")).isEmpty();
    }

    @Test
    void identifiersAreCheckedBeforeTheyAreLookedUp() {
        assertThat(ContactPointIds.isValid("CP1234567894")).isTrue();
        assertThat(ContactPointIds.isValid("CP1234567895")).isFalse();
        assertThat(ContactPointIds.isValid("CP2134567894")).isFalse();
        assertThat(ContactPointIds.isValid("cp1234567894")).isFalse();
        assertThat(ContactPointIds.isValid(null)).isFalse();
        assertThat(NhsNumbers.normalise("943 476 5919")).isEqualTo("9434765919");
        assertThat(NhsNumbers.normalise("9434765918")).isNull();
        assertThat(NhsNumbers.normalise("94347659")).isNull();
        assertThat(Postcodes.compact(" ec1r 4sr ")).isEqualTo("EC1R4SR");
        assertThat(Postcodes.isPlausible("EC1R4SR")).isTrue();
        assertThat(Postcodes.isPlausible("NOTACODE")).isFalse();
    }
}
