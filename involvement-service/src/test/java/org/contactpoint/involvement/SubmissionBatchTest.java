package org.contactpoint.involvement;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;

/**
 * A REST batch is applied in one transaction with set-based statements, and answers exactly what the same submissions
 * one by one would have: created, the same submission again, parked, and each refusal with its status and field.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SubmissionBatchTest {

    private static final int CHILDREN = 20;

    /** The children of one run: known ones (with NHS numbers), one purged, and some not known yet. */
    private record Children(List<String> known, List<String> nhs, String purged, List<String> unknown) {
    }

    @Test
    void aBatchOfTwoHundredMixedSubmissionsGivesTheResultsOfTheSameSubmissionsOneByOneInOneTransaction() {
        String run = uniqueSubmissionId("run");
        Children batchChildren = children();
        Children singleChildren = children();
        String batchAgency = agency("batch-" + run);
        String singleAgency = agency("single-" + run);

        // Submissions made before, which the batch repeats (duplicates of stored involvements).
        for (int child = 0; child < CHILDREN; child++) {
            post(singleAgency, gp("pre-" + child, singleChildren.known().get(child)));
            post(batchAgency, gp("pre-" + child, batchChildren.known().get(child)));
        }

        List<String> batchItems = submissions(batchChildren);
        List<String> singleItems = submissions(singleChildren);
        assertThat(batchItems).hasSize(200);

        List<String> expected = new ArrayList<>();
        for (String item : singleItems) {
            Response answer = post(singleAgency, item);
            expected.add(summary(answer.statusCode(), answer.statusCode() < 300 ? answer.jsonPath() : null,
                    answer.statusCode() >= 300 ? answer.jsonPath() : null, ""));
        }

        JsonPath batch = given().header("Authorization", batchAgency).contentType(ContentType.JSON)
                .body("{\"submissions\":[" + String.join(",", batchItems) + "]}").post("/involvements/batch")
                .then().statusCode(200).extract().jsonPath();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String at = "results[" + i + "].";
            int status = batch.getInt(at + "status");
            actual.add(summary(status, status < 300 ? batch : null, status >= 300 ? batch : null,
                    status < 300 ? at + "involvement." : at + "problem."));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(batch.getInt("accepted")).isEqualTo(expected.stream().filter(s -> s.startsWith("2")).count());

        // The same state behind the answers: involvements, parked submissions.
        assertThat(queryLong("SELECT count(*) FROM involvement WHERE source_agency = ?", "batch-" + run))
                .isEqualTo(queryLong("SELECT count(*) FROM involvement WHERE source_agency = ?", "single-" + run));
        assertThat(queryLong("SELECT count(*) FROM parked_submission WHERE source_agency = ?", "batch-" + run))
                .isEqualTo(queryLong("SELECT count(*) FROM parked_submission WHERE source_agency = ?",
                        "single-" + run)).isEqualTo(6L);
        // One transaction for the whole batch (before: one per item).
        assertThat(queryLong("SELECT count(DISTINCT xmin::text) FROM involvement WHERE source_agency = ?"
                + " AND submission_id LIKE 'item-%'", "batch-" + run)).isEqualTo(1L);
    }

    /**
     * A batch gathers the notifications its new involvements cause and delivers them together: each organisation
     * already working with the child is told of each new service, as one submission at a time would tell it.
     */
    @Test
    void aBatchTellsTheOrganisationsAlreadyWorkingWithTheChildOfEachNewService() {
        String child = newChildId();
        knownChild(child, 1, uniqueLocalAuthority());
        Organisation school = Organisation.unique("School");
        Organisation gp = Organisation.unique("Surgery");
        NotificationInboxTest.submit(school, school.submission(uniqueSubmissionId("first"), child, "SCHOOL"));

        JsonPath batch = given().header("Authorization", gp.agency()).contentType(ContentType.JSON)
                .body("{\"submissions\":[" + gp.submission(uniqueSubmissionId("gp"), child, "GP") + ","
                        + gp.submission(uniqueSubmissionId("hv"), child, "HEALTH_VISITOR") + "]}")
                .post("/involvements/batch").then().statusCode(200).extract().jsonPath();
        assertThat(batch.getInt("accepted")).isEqualTo(2);

        List<com.fasterxml.jackson.databind.JsonNode> told = inbox(school.practitioner(), child);
        assertThat(told).hasSize(2).allSatisfy(notice -> {
            assertThat(notice.path("type").asText()).isEqualTo(NotificationInboxTest.NEW_INVOLVEMENT);
            assertThat(notice.path("newService").path("organisationCode").asText()).isEqualTo(gp.code());
        });
        assertThat(told).extracting(notice -> notice.path("newService").path("serviceType").asText())
                .containsExactlyInAnyOrder("GP", "HEALTH_VISITOR");
        assertThat(inbox(gp.practitioner(), child)).as("the newcomer is not told of itself").isEmpty();
    }

    /**
     * A batch that replaces its own organisation's lead stands the current lead down, stored and published, as one
     * submission does: the batch reads the children's active involvements read-only, and the one it changes is made
     * changeable first, or the change would be lost.
     */
    @Test
    void aBatchReplacingItsOwnLeadStandsTheCurrentLeadDown() {
        String child = newChildId();
        knownChild(child, 1, uniqueLocalAuthority());
        String agency = agency(uniqueSubmissionId("lead"));
        String first = post(agency, schoolSubmission(uniqueSubmissionId("lead-1"), child, true)).then()
                .statusCode(201).extract().path("involvementId");

        JsonPath batch = given().header("Authorization", agency).contentType(ContentType.JSON)
                .body("{\"submissions\":[" + schoolSubmission(uniqueSubmissionId("lead-2"), child, true)
                        .replace("\"leadProfessional\":true", "\"leadProfessional\":true,\"replacesLead\":true")
                        .replace("\"SCHOOL\"", "\"EDUCATION_WELFARE\"") + ","
                        + schoolSubmission(uniqueSubmissionId("lead-3"), child, false)
                        .replace("\"SCHOOL\"", "\"SCHOOL_NURSE\"") + "]}")
                .post("/involvements/batch").then().statusCode(200).extract().jsonPath();
        assertThat(batch.getInt("accepted")).isEqualTo(2);
        assertThat(batch.getBoolean("results[0].involvement.leadProfessional")).isTrue();
        // Applied as one batch: the stand-down and both new involvements in one transaction (a batch that failed as a
        // whole would have been applied item by item, a transaction each).
        assertThat(queryLong("SELECT count(DISTINCT xmin::text) FROM involvement WHERE contact_point_id = ?", child))
                .as("transactions that wrote the child's involvements last").isEqualTo(1L);

        assertThat(queryLong("SELECT count(*) FROM involvement WHERE id = ?::uuid AND NOT lead_professional"
                + " AND version = 2", first)).as("the former lead, stood down").isEqualTo(1L);
        assertThat(queryLong("SELECT count(*) FROM involvement WHERE contact_point_id = ? AND lead_professional",
                child)).as("active leads of the child").isEqualTo(1L);
        assertThat(payloads(readKey(org.contactpoint.events.Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, first,
                        read -> read.stream().anyMatch(r -> r.value() != null && r.value().contains("\"version\":2"))),
                org.contactpoint.events.involvement.InvolvementEventTypes.UPDATED))
                .anySatisfy(e -> assertThat(e.path("leadProfessional").asBoolean()).isFalse());
    }

    /** Status, outcome, the field of a refusal, and the involvement's state and lead flag: what a client acts on. */
    private static String summary(int status, JsonPath involvement, JsonPath problem, String prefix) {
        if (problem != null) {
            return status + " " + problem.getString(prefix + "errors[0].field");
        }
        return status + " " + involvement.getString(prefix + "status") + " lead="
                + involvement.getBoolean(prefix + "leadProfessional") + " child="
                + (involvement.getString(prefix + "contactPointId") == null ? "none" : "named");
    }

    /** Two hundred submissions: new, repeated, for unknown children, invalid, conflicting, for a purged child. */
    private static List<String> submissions(Children children) {
        List<String> items = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            int child = (k / 10) % CHILDREN;
            String id = children.known().get(child);
            String item = switch (k % 10) {
                case 0 -> school("item-" + k, id, false);
                case 1 -> school("item-" + (k - 1), id, false);
                case 2 -> k < 60 ? school("item-" + k, children.unknown().get(k / 10), false)
                        : school("item-" + k, id, false).replace("\"SCHOOL\"", "\"SCHOOL_NURSE\"");
                case 3 -> school("item-" + k, id, false).replace("\"cafHeld\"", "\"endDate\":\"2019-01-01\",\"cafHeld\"");
                case 4 -> school("item-" + k, id, true);
                case 5 -> school("item-" + k, id, false).replace("\"SCHOOL\"", "\"MENTAL_HEALTH\"");
                case 6 -> school("item-" + k, null, false).replace("\"contactPointId\":null",
                        "\"sourceIdentifier\":{\"scheme\":\"NHS_NUMBER\",\"value\":\"" + children.nhs().get(child)
                                + "\"}");
                case 7 -> k == 197 ? school("item-" + k, id, false).replace("Hillside Primary School", "Other School")
                        : school("item-" + k, id, true);
                case 8 -> k % 20 == 8 ? school("item-" + k, children.purged(), false)
                        : school("item-" + k, Fixtures.withBadCheckDigit(id), false);
                default -> gp("pre-" + child, id);
            };
            items.add(item);
        }
        return items;
    }

    private static String school(String submissionId, String child, boolean lead) {
        String body = schoolSubmission(submissionId, child == null ? "X" : child, lead);
        return child == null ? body.replace("\"contactPointId\":\"X\"", "\"contactPointId\":null") : body;
    }

    /** The school's own submission of a GP-like service: the agency is bound to the school. */
    private static String gp(String submissionId, String child) {
        return schoolSubmission(submissionId, child, false).replace("\"SCHOOL\"", "\"EDUCATION_WELFARE\"");
    }

    private static Children children() {
        List<String> known = new ArrayList<>();
        List<String> nhs = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            String id = newChildId();
            String number = "9" + id.substring(3);
            sendChild(id, 1, "ACTIVE", null, "E09000019", "NHS_NUMBER", number);
            known.add(id);
            nhs.add(number);
        }
        known.forEach(id -> awaitChildVersion(id, 1));
        String purged = newChildId();
        knownChild(purged, 1, "E09000019");
        purgeChild(purged);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (queryLong("SELECT count(*) FROM known_child WHERE status = 'PURGED' AND contact_point_id = ?", purged)
                == 0 && System.nanoTime() < deadline) {
            sleep(100);
        }
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            unknown.add(newChildId());
        }
        return new Children(known, nhs, purged, unknown);
    }

    private static String agency(String user) {
        return "Bearer " + TestTokens.user(user).roles("agency-system")
                .organisation("Hillside Primary School", "URN100001").sign();
    }

    private static Response post(String agency, String body) {
        return given().header("Authorization", agency).contentType(ContentType.JSON).body(body).post("/involvements");
    }
}
