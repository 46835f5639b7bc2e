package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.contactpoint.gateway.GatewayFixtures.as;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;
import static org.contactpoint.gateway.GatewayFixtures.sendChild;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Forgiving where people err (issue 19): each slip still finds the child, graded so the practitioner sees why. The
 * children arrive through Kafka and the projection; the searches go through the REST API.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ForgivingSearchTest {

    @Test
    void swappedNamesFindTheChild() {
        LocalDate dob = LocalDate.of(2012, 3, 14);
        String family = GatewayFixtures.uniqueFamilyName("Adebayo");
        String child = registered("Tobenna", family, dob, ChildEvent.Gender.MALE);
        search(Map.of("familyName", "Tobenna", "givenNames", family, "dateOfBirth", dob.toString()))
                .body("matches.contactPointId", contains(child)).body("matches[0].grade", equalTo("STRONG"))
                .body("matches[0].variations", contains("NAMES_SWAPPED"));
    }

    @Test
    void aDateOfBirthADayAMonthOrAYearOutOrWithOneDigitWrongFindsTheChildAsAPossibleMatch() {
        LocalDate dob = LocalDate.of(2013, 6, 14);
        String family = GatewayFixtures.uniqueFamilyName("Ashworth");
        String child = registered("Maisie", family, dob, ChildEvent.Gender.FEMALE);
        Map<String, String> slips = Map.of("2013-06-15", "DATE_DAY_OUT", "2013-07-14", "DATE_MONTH_OUT",
                "2012-06-14", "DATE_YEAR_OUT", "2013-06-19", "DATE_DIGIT_WRONG");
        slips.forEach((typed, kind) -> search(Map.of("familyName", family, "givenNames", "Maisie",
                "dateOfBirth", typed))
                .body("matches.contactPointId", contains(child)).body("matches[0].grade", equalTo("POSSIBLE"))
                .body("matches[0].variations", contains(kind)));
    }

    /**
     * A month out is a calendar month (issue 19; the bench's dob-month-out probes of children born on the 31st and on
     * 30 January all missed): the end of the month before or after finds a child born on the 31st, and a date across
     * the turn of a year finds a child born in December, each graded a month out.
     */
    @Test
    void aMonthOutFromTheEndOfAMonthOrAcrossTheTurnOfAYearFindsTheChild() {
        LocalDate lastOfOctober = LocalDate.of(2013, 10, 31);
        String family = GatewayFixtures.uniqueFamilyName("Fairbrook");
        String october = registered("Isla", family, lastOfOctober, ChildEvent.Gender.FEMALE);
        LocalDate december = LocalDate.of(2013, 12, 16);
        String winter = registered("Jude", family, december, ChildEvent.Gender.MALE);
        Map<String, String> slips = Map.of("2013-09-30", october, "2013-11-30", october, "2014-01-16", winter);
        slips.forEach((typed, child) -> search(Map.of("familyName", family,
                "givenNames", child.equals(october) ? "Isla" : "Jude", "dateOfBirth", typed))
                .body("matches.contactPointId", contains(child)).body("matches[0].grade", equalTo("POSSIBLE"))
                .body("matches[0].variations", contains("DATE_MONTH_OUT")));
    }

    @Test
    void nicknamesWorkBothWays() {
        LocalDate dob = LocalDate.of(2014, 2, 9);
        String family = GatewayFixtures.uniqueFamilyName("Petrova");
        String alexandra = registered("Alexandra", family, dob, ChildEvent.Gender.FEMALE);
        String sasha = registered("Sasha", family, dob, ChildEvent.Gender.MALE);
        // Sasha is short for Alexandra and for Alexander; and a child held as Sasha is found by the formal names.
        search(Map.of("familyName", family, "givenNames", "Sasha", "dateOfBirth", dob.toString()))
                .body("matches.contactPointId", contains(sasha, alexandra))
                .body("matches[1].grade", equalTo("STRONG")).body("matches[1].variations", contains("NICKNAME"));
        search(Map.of("familyName", family, "givenNames", "Alexander", "dateOfBirth", dob.toString()))
                .body("matches.contactPointId", hasItem(sasha));
    }

    @Test
    void aGivenNameDateOfBirthAndPostcodeFindTheChildWithoutAFamilyName() {
        LocalDate dob = LocalDate.of(2011, 10, 27);
        String family = GatewayFixtures.uniqueFamilyName("Wojcik");
        String child = registered("Zuzanna", family, dob, ChildEvent.Gender.FEMALE);
        search(Map.of("givenNames", "Zuzanna", "dateOfBirth", dob.toString(), "postcode", "ec1r 4sr"))
                .body("matches.contactPointId", contains(child)).body("matches[0].grade", equalTo("STRONG"))
                .body("matches[0].variations", contains("NO_FAMILY_NAME"));
    }

    @Test
    void aChildHeldWithTheOtherSexIsGradedLowerNotExcluded() {
        LocalDate dob = LocalDate.of(2015, 1, 22);
        String family = GatewayFixtures.uniqueFamilyName("Hallett");
        String child = registered("Robin", family, dob, ChildEvent.Gender.FEMALE);
        search(Map.of("familyName", family, "givenNames", "Robin", "dateOfBirth", dob.toString(), "gender", "MALE"))
                .body("matches.contactPointId", contains(child)).body("matches[0].grade", equalTo("POSSIBLE"))
                .body("matches[0].variations", contains("OTHER_SEX"));
    }

    @Test
    void namesInOtherScriptsAreFoundByTheirLatinSpelling() {
        LocalDate dob = LocalDate.of(2010, 8, 3);
        String cyrillic = registered("Ольга", "Смирнова", dob, ChildEvent.Gender.FEMALE);
        String chinese = registered("小明", "王", dob, ChildEvent.Gender.MALE);
        search(Map.of("familyName", "Smirnova", "givenNames", "Olga", "dateOfBirth", dob.toString()))
                .body("matches.contactPointId", contains(cyrillic)).body("matches[0].grade", equalTo("STRONG"))
                .body("matches[0].variations", contains("TRANSLITERATED"))
                .body("matches[0].familyName", equalTo("Смирнова"));
        search(Map.of("familyName", "Wang", "givenNames", "Xiaoming", "dateOfBirth", dob.toString()))
                .body("matches.contactPointId", contains(chinese));
        // The spelling an English document carries (BGN/PCGN), not ICU's Kuznecov: transliterated, and found with a
        // date a year out as any name typed as held is.
        String kuznetsov = registered("Сергей", "Кузнецов", dob, ChildEvent.Gender.MALE);
        search(Map.of("familyName", "Kuznetsov", "givenNames", "Sergey", "dateOfBirth", dob.toString()))
                .body("matches.contactPointId", contains(kuznetsov)).body("matches[0].grade", equalTo("STRONG"))
                .body("matches[0].variations", contains("TRANSLITERATED"));
        search(Map.of("familyName", "Kuznetsov", "givenNames", "Sergey", "dateOfBirth", dob.plusYears(1).toString()))
                .body("matches.contactPointId", contains(kuznetsov))
                .body("matches[0].variations", contains("TRANSLITERATED", "DATE_YEAR_OUT"));
    }

    /**
     * A family name with two letters swapped, or a short one a letter out, is one slip however few trigrams it
     * shares with the name held (the bench's typo probes missed Wislon, Hlil, Wsod and Wst at national density).
     */
    @Test
    void aFamilyNameWithTwoLettersSwappedOrAShortOneALetterOutFindsTheChild() {
        LocalDate dob = LocalDate.of(1992, 5, 20);
        Map<String, String> typedForHeld = Map.of("Wislon", "Wilson", "Hlil", "Hill", "Wsod", "Wood", "Wst", "West");
        typedForHeld.forEach((typed, held) -> {
            String child = registered("Tunde", held, dob, ChildEvent.Gender.MALE);
            search(Map.of("familyName", typed, "givenNames", "Tunde", "dateOfBirth", dob.toString()))
                    .body("matches.contactPointId", hasItem(child))
                    .body("matches.find { it.contactPointId == '" + child + "' }.variations",
                            contains("FAMILY_NAME_TYPO"));
        });
    }

    @Test
    void aVeryShortFamilyNameIsNotDrownedByTooMany() {
        LocalDate dob = LocalDate.of(2016, 11, 5);
        String li = registered("Wei", "Li", dob, ChildEvent.Gender.MALE);
        // A dozen names one letter from Li, born the same day: before issue 19 they made the answer "too many".
        List<String> alike = new ArrayList<>();
        for (String family : List.of("Lu", "Ly", "Le", "La", "Lo", "Liu", "Lai", "Lin", "Xi", "Yi", "Ni", "Qi")) {
            alike.add(registered("Wei", family, dob, ChildEvent.Gender.MALE));
        }
        alike.forEach(id -> await("child " + id, () -> heldVersion(id) == 1));
        search(Map.of("familyName", "Li", "dateOfBirth", dob.toString()))
                .body("tooManyMatches", equalTo(false))
                .body("matches.contactPointId", contains(li)).body("matches[0].grade", equalTo("EXACT"));
        // A nickname-free slip in the given name runs the forgiving probes too: Li still leads, within the cap.
        search(Map.of("familyName", "Li", "givenNames", "Wie", "dateOfBirth", dob.toString()))
                .body("tooManyMatches", equalTo(false)).body("matches[0].contactPointId", equalTo(li));
    }

    private static String registered(String given, String family, LocalDate dob, ChildEvent.Gender gender) {
        String id = newContactPointId();
        ChildEvent base = GatewayFixtures.child(id, 1, given, family, dob);
        sendChild(new ChildEvent(id, 1, ChildEvent.ChildStatus.ACTIVE, null, base.name(), List.of(), null, dob,
                gender, null, base.whereabouts(), base.parentsCarers(), List.of(), "E09000019", null, List.of(),
                Instant.now()), ChildEventTypes.REGISTERED);
        await("child " + id, () -> heldVersion(id) == 1);
        return id;
    }

    private static ValidatableResponse search(Map<String, String> query) {
        return as("teacher-forgiving-" + query.hashCode(), "practitioner").queryParams(query).get("/children")
                .then().log().ifValidationFails().statusCode(200);
    }
}
