package org.contactpoint.gateway.domain;

import org.contactpoint.events.ContactPointIds;

import org.contactpoint.gateway.service.DemoSignIn;
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
        assertThat(NhsNumber.normalise("943 476 5919")).isEqualTo("9434765919");
        assertThat(NhsNumber.normalise("9434765918")).isNull();
        assertThat(NhsNumber.normalise("94347659")).isNull();
        assertThat(Postcodes.compact(" ec1r 4sr ")).isEqualTo("EC1R4SR");
        assertThat(Postcodes.isPlausible("EC1R4SR")).isTrue();
        assertThat(Postcodes.isPlausible("NOTACODE")).isFalse();
    }

    @Test
    void demoUsersAreReadInTheLocalRunsFormat() {
        var user = org.contactpoint.gateway.security.DemoUser.parse(
                "social-worker|Ms Hannah Clarke|practitioner,child-protection|Islington Children's Social Care|LA-E09000019|E09000019")
                .orElseThrow();
        assertThat(user.roles()).containsExactly("practitioner", "child-protection");
        assertThat(user.organisationCode()).isEqualTo("LA-E09000019");
        assertThat(org.contactpoint.gateway.security.DemoUser.parse("auditor|Ms Ruth Okonkwo|auditor|ContactPoint Audit Team|CP-AUDIT|")
                .orElseThrow().localAuthority()).isNull();
        assertThat(org.contactpoint.gateway.security.DemoUser.parse("# username | display name")).isEmpty();
        assertThat(org.contactpoint.gateway.security.DemoUser.parse("   ")).isEmpty();
    }

    @Test
    void demoSignInMintsOnlyUnderTheLocalIssuerAndNeverForAdministratorsOrSealedRecords() {
        var normal = io.quarkus.runtime.LaunchMode.NORMAL;
        assertThat(DemoSignIn.issuerAllowsMinting("https://contactpoint.local", normal)).isTrue();
        assertThat(DemoSignIn.issuerAllowsMinting("https://login.contactpoint.gov.uk", normal)).isFalse();
        assertThat(DemoSignIn.issuerAllowsMinting("https://contactpoint.local/", normal)).isFalse();
        assertThat(DemoSignIn.issuerAllowsMinting(null, normal)).isFalse();
        assertThat(DemoSignIn.issuerAllowsMinting("https://login.contactpoint.gov.uk",
                io.quarkus.runtime.LaunchMode.DEVELOPMENT)).isFalse();
        assertThat(DemoSignIn.mintable(org.contactpoint.gateway.security.DemoUser.parse(
                "teacher|Ms Priya Shah|practitioner|Hillside Primary School|URN100001|E09000033").orElseThrow())).isTrue();
        assertThat(DemoSignIn.mintable(org.contactpoint.gateway.security.DemoUser.parse(
                "admin|ContactPoint Administrator|administrator|ContactPoint Service Desk|CP-ADMIN|").orElseThrow()))
                .isFalse();
        assertThat(DemoSignIn.mintable(org.contactpoint.gateway.security.DemoUser.parse(
                "sealed|Sealed Records Officer|practitioner,sealed-records|ContactPoint|CP-SEALED|").orElseThrow()))
                .isFalse();
    }

    @Test
    void scopeModesDecideWhichChildrenAreHeld() {
        assertThat(ScopeMode.UNIVERSAL.includes(java.util.List.of())).isTrue();
        assertThat(ScopeMode.TARGETED.includes(java.util.List.of())).isFalse();
        assertThat(ScopeMode.TARGETED.includes(java.util.List.of(
                org.contactpoint.events.identity.ChildEvent.Vulnerability.CHILDRENS_SOCIAL_CARE_FLAG))).isTrue();
    }
}
