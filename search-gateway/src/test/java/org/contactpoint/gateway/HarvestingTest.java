package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A script that walks dates of birth to list every child with a family name is stopped: one query cannot span more
 * than a year, and one caller walking day by day runs into the quota (429 with Retry-After). The refusals are
 * audited (see ShieldingAndMisuseTest) and audit-service turns the burst into an alert (see audit-service's
 * MisuseRulesTest and HarvestingAlertTest).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class HarvestingTest {

    @Inject
    TestClock clock;

    @Test
    void aDateOfBirthRangeWiderThanAYearIsRefused() {
        as("harvester-wide", "practitioner").queryParam("familyName", "Smith")
                .queryParam("dateOfBirthFrom", "2010-01-01").queryParam("dateOfBirthTo", "2011-01-02")
                .get("/children").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("dateOfBirthTo"));
        as("harvester-wide", "practitioner").queryParam("familyName", "Smith")
                .queryParam("dateOfBirthFrom", "2010-01-01").queryParam("dateOfBirthTo", "2011-01-01")
                .get("/children").then().statusCode(200);
    }

    @Test
    void walkingDatesOfBirthAsOneCallerRunsIntoTheQuota() {
        LocalDate day = LocalDate.of(2012, 1, 1);
        // The quota counts calendar minutes: the clock is held in one so that no boundary passes mid-walk.
        try (TestClock.Hold held = clock.hold()) {
            int answered = 0;
            int status = 200;
            while (status == 200 && answered < 70) {
                status = as("harvester-walk", "practitioner").queryParam("familyName", "Smith")
                        .queryParam("dateOfBirth", day.plusDays(answered).toString())
                        .get("/children").then().extract().statusCode();
                answered += status == 200 ? 1 : 0;
            }
            assertThat(status).isEqualTo(429);
            assertThat(answered).isEqualTo(30);
            as("harvester-walk", "practitioner").queryParam("familyName", "Smith")
                    .queryParam("dateOfBirth", day.plusDays(answered + 1).toString())
                    .get("/children").then().statusCode(429).contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
        }
    }
}
