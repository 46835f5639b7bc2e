package org.contactpoint.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.identity.application.MatchingService;
import org.contactpoint.identity.application.RegisterChild;
import org.contactpoint.identity.application.Submitter;
import org.contactpoint.identity.domain.ContactPointId;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.support.security.Caller;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ChildRegistrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CASE_SYSTEM = TestTokens.bearer("case-system", "case-management");

    private final MatchingService registration;

    ChildRegistrationTest(MatchingService registration) {
        this.registration = registration;
    }

    @Test
    void registeredChildGetsAnIdAndIsPublishedWithItsAuditRecord() throws Exception {
        String id = given().header("Authorization", CASE_SYSTEM).contentType(ContentType.JSON)
                .body(child("Amara", "Okafor", "2016-03-14", "LA_CASE_SYSTEM", "ISL-1"))
                .when().post("/children")
                .then().statusCode(201).body("outcome", equalTo("CREATED"))
                .extract().path("contactPointId");
        assertThat(ContactPointId.isValid(id)).isTrue();

        List<ConsumerRecord<String, String>> events = TestKafkaClient.readUntil(Topics.IDENTITY_CHILDREN,
                Duration.ofSeconds(20), read -> read.stream().anyMatch(r -> id.equals(r.key())));
        ConsumerRecord<String, String> event = events.stream().filter(r -> id.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no event for " + id));
        assertThat(TestKafkaClient.header(event, CloudEventHeaders.TYPE)).isEqualTo("identity.child.registered.v1");
        assertThat(TestKafkaClient.header(event, CloudEventHeaders.ID)).isNotBlank();
        JsonNode payload = JSON.readTree(event.value());
        assertThat(payload.path("name").path("familyName").asText()).isEqualTo("Okafor");
        assertThat(payload.path("whereabouts").path("address").path("postcode").asText()).isEqualTo("EC1R 4SR");
        assertThat(payload.path("version").asLong()).isEqualTo(1);

        List<ConsumerRecord<String, String>> audits = TestKafkaClient.readUntil(Topics.IDENTITY_AUDIT_EVENTS,
                Duration.ofSeconds(20), read -> read.stream().anyMatch(r -> r.value().contains(id)));
        JsonNode audit = JSON.readTree(audits.stream().filter(r -> r.value().contains(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no audit event for " + id)).value());
        assertThat(audit.path("action").asText()).isEqualTo("REGISTER_CHILD");
        assertThat(audit.path("actor").path("userId").asText()).isEqualTo("case-system");
    }

    @Test
    void sameSourceRecordTwiceLinksToTheSameChild() {
        String body = child("Leo", "Marsh", "2012-07-01", "SCHOOL_CENSUS", "UPN-77");
        String first = given().header("Authorization", CASE_SYSTEM).contentType(ContentType.JSON).body(body)
                .post("/children").then().statusCode(201).extract().path("contactPointId");
        given().header("Authorization", CASE_SYSTEM).contentType(ContentType.JSON).body(body)
                .post("/children").then().statusCode(200)
                .body("outcome", equalTo("LINKED")).body("contactPointId", equalTo(first));
    }

    @Test
    void badRequestsGetProblemDetailsNotServerErrors() {
        // Callers of their own, so that their refusals can be found in the audit trail afterwards.
        String caseWorker = "case-worker-" + java.util.UUID.randomUUID();
        String teacher = "teacher-" + java.util.UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(caseWorker, "case-management")).contentType(ContentType.JSON)
                .body(child("Amara", "", "2016-03-14", null, null))
                .post("/children").then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("familyName"));
        given().header("Authorization", CASE_SYSTEM).contentType(ContentType.JSON)
                .body(child("Amara", "Okafor", "2016-13-45", null, null))
                .post("/children").then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("dateOfBirth"));
        given().header("Authorization", CASE_SYSTEM).contentType(ContentType.JSON)
                .body(child("Amara", "Okafor", "2001-01-01", null, null))
                .post("/children").then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("dateOfBirth"));
        given().header("Authorization", CASE_SYSTEM).contentType(ContentType.JSON)
                .body(child("Amara", "Okafor", "2016-03-14", null, null).replace("ec1r4sr", "NOT A CODE"))
                .post("/children").then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("address.postcode"));
        given().header("Authorization", CASE_SYSTEM).contentType(ContentType.JSON)
                .body(child("Amara", "Okafor", "2016-03-14", null, null).replace("FEMALE", "ROBOT"))
                .post("/children").then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("gender"));
        given().header("Authorization", CASE_SYSTEM).contentType(ContentType.JSON).body("{\"givenNames\": ")
                .post("/children").then().log().ifValidationFails().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(child("Amara", "Okafor", "2016-03-14", null, null))
                .post("/children").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not-a-token").contentType(ContentType.JSON)
                .body(child("Amara", "Okafor", "2016-03-14", null, null))
                .post("/children").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(teacher, "practitioner")).contentType(ContentType.JSON)
                .body(child("Amara", "Okafor", "2016-03-14", null, null))
                .post("/children").then().statusCode(403).contentType("application/problem+json");

        // Refusals of signed-in callers are in the trail: the role refusal DENIED, the invalid record REJECTED.
        JsonNode denied = Scenario.audits(teacher, "POST /children").get(0);
        assertThat(denied.path("outcome").asText()).isEqualTo("DENIED");
        assertThat(denied.path("query").path("status").asText()).isEqualTo("403");
        assertThat(denied.path("actor").path("roles").toString()).contains("practitioner");
        JsonNode rejected = Scenario.audits(caseWorker, "POST /children").get(0);
        assertThat(rejected.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("query").path("status").asText()).isEqualTo("400");
    }

    @Test
    void rolledBackRegistrationPublishesNothing() throws Exception {
        long outboxBefore = outboxRows();
        RegisterChild request = new RegisterChild("Rolled", "Back", LocalDate.of(2015, 1, 1), Gender.MALE, null, null,
                List.of(), "TEST", "RB-1", null, null, null, null, null, null);
        Caller caller = new Caller("case-system", null, Set.of("case-management"), null, null, null);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            registration.submit(request, Submitter.caller(caller), "REGISTER_CHILD");
            throw new IllegalStateException("the rest of the change failed");
        })).hasMessageContaining("the rest of the change failed");

        assertThat(outboxRows()).isEqualTo(outboxBefore);
        List<ConsumerRecord<String, String>> events = TestKafkaClient.readUntil(Topics.IDENTITY_CHILDREN,
                Duration.ofSeconds(3), read -> false);
        assertThat(events).noneMatch(r -> r.value() != null && r.value().contains("\"Rolled\""));
    }

    private static long outboxRows() throws Exception {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String child(String given, String family, String dob, String source, String sourceId) {
        return """
                {"givenNames":"%s","familyName":"%s","dateOfBirth":"%s","gender":"FEMALE",
                 "address":{"lines":["12 Rosebery Avenue"],"town":"London","postcode":"ec1r4sr"},
                 "responsibleLocalAuthority":"E09000019",
                 "parentsCarers":[{"name":"Grace Okafor","relationship":"MOTHER","parentalResponsibility":true,
                                   "phone":"020 7946 0001","email":"grace@example.org"}]%s}
                """.formatted(given, family, dob,
                source == null ? "" : ",\"source\":\"" + source + "\",\"sourceId\":\"" + sourceId + "\"");
    }
}
