package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.audit.Fixtures.WORKING_HOURS;

/**
 * The trail as FHIR AuditEvents over plain HTTP (the wire format), on real PostgreSQL and Kafka; every resource checked
 * with HAPI's instance validator ({@link R4Validation}).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class FhirAuditEventTest {

    private static final String FHIR_JSON = "application/fhir+json";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String AUDITOR = TestTokens.bearer("fhir-auditor", "auditor");

    @TestHTTPResource("/fhir/")
    URI fhir;

    @Test
    void auditorsSearchAndReadTheTrailAsAuditEventsAndEachReadIsAudited() {
        String child = Fixtures.newChildId();
        String user = "fhir-teacher-" + UUID.randomUUID();
        AuditEvent search = Fixtures.search(user, "Ms Teacher", "Okafor", WORKING_HOURS, child);
        AuditEvent view = Fixtures.view(user, "Ms Teacher", WORKING_HOURS.plusSeconds(60), child, true, null,
                List.of());
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, search);
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, view);
        // Only the two accesses of that day: the auditor's own reads name the child too, with today's date.
        String query = "AuditEvent?patient=Patient/" + child + "&date=ge2026-11-18&date=le2026-11-18";
        Fixtures.await("both records", Duration.ofSeconds(30),
                () -> get(query, AUDITOR).resource(Bundle.class).getTotal() == 2);

        Reply found = get(query + "&_count=1", AUDITOR);
        assertThat(found.status).isEqualTo(200);
        assertThat(found.contentType).startsWith(FHIR_JSON);
        Bundle page = found.resource(Bundle.class);
        assertThat(page.getTotal()).isEqualTo(2);
        assertThat(page.getEntry()).hasSize(1);
        Bundle next = send(HttpRequest.newBuilder(URI.create(page.getLink("next").getUrl())).GET(), AUDITOR)
                .resource(Bundle.class);
        assertThat(next.getEntry()).hasSize(1);
        assertThat(next.getLink("next")).isNull();

        List<org.hl7.fhir.r4.model.AuditEvent> events = List.of(
                (org.hl7.fhir.r4.model.AuditEvent) page.getEntryFirstRep().getResource(),
                (org.hl7.fhir.r4.model.AuditEvent) next.getEntryFirstRep().getResource());
        org.hl7.fhir.r4.model.AuditEvent searched = events.stream()
                .filter(e -> e.getSubtype().stream().anyMatch(c -> "SEARCH".equals(c.getCode()))).findFirst()
                .orElseThrow();
        org.hl7.fhir.r4.model.AuditEvent viewed = events.stream().filter(e -> e != searched).findFirst().orElseThrow();
        assertThat(searched.getAction()).isEqualTo(org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.E);
        assertThat(searched.getSubtype()).extracting(Coding::getCode).contains("search-type");
        assertThat(searched.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(user);
        assertThat(searched.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("DIRECT_CARE");
        assertThat(searched.getSource().getSite()).isEqualTo("search-gateway");
        assertThat(searched.getEntity()).anyMatch(e -> "24".equals(e.getRole().getCode())
                && new String(e.getQuery()).contains("familyName=Okafor"));
        assertThat(searched.getEntity()).anyMatch(e -> ("Patient/" + child).equals(e.getWhat().getReference()));
        assertThat(viewed.getAction()).isEqualTo(org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.R);
        assertThat(viewed.getEntity()).filteredOn(e -> ("Patient/" + child).equals(e.getWhat().getReference()))
                .allMatch(e -> e.getSecurityLabel().stream().anyMatch(c -> "R".equals(c.getCode())));

        // By agent, and read by id.
        Bundle byAgent = get("AuditEvent?agent=" + user, AUDITOR).resource(Bundle.class);
        assertThat(byAgent.getTotal()).isEqualTo(2);
        String id = viewed.getIdElement().getIdPart();
        Reply read = get("AuditEvent/" + id, AUDITOR);
        assertThat(read.status).isEqualTo(200);
        assertThat(read.resource(org.hl7.fhir.r4.model.AuditEvent.class).getAgentFirstRep().getWho()
                .getIdentifier().getValue()).isEqualTo(user);

        // The auditor's reads are in the trail too (the FHIR search as the JSON API's query, the read as its own).
        given().header("Authorization", AUDITOR).header("X-Purpose-Of-Use", "ADMINISTRATION")
                .queryParam("childId", child).queryParam("action", "READ_AUDIT_RECORD").get("/audit-records")
                .then().statusCode(200).body("totalRecords", org.hamcrest.Matchers.equalTo(1));
        given().header("Authorization", AUDITOR).header("X-Purpose-Of-Use", "ADMINISTRATION")
                .queryParam("userId", "fhir-auditor").queryParam("action", "QUERY_AUDIT_RECORDS").get("/audit-records")
                .then().statusCode(200).body("totalRecords", org.hamcrest.Matchers.greaterThanOrEqualTo(4));
    }

    @Test
    void everyErrorIsAnOperationOutcome() {
        assertOutcome(reply(HttpRequest.newBuilder(fhir.resolve("AuditEvent")).header("Authorization", AUDITOR)
                .GET()), 400, OperationOutcome.IssueType.INVALID);
        assertOutcome(reply(HttpRequest.newBuilder(fhir.resolve("AuditEvent"))
                .header("X-Purpose-Of-Use", "ADMINISTRATION").GET()), 401, OperationOutcome.IssueType.LOGIN);
        assertOutcome(get("AuditEvent", TestTokens.bearer("fhir-teacher", "practitioner")), 403,
                OperationOutcome.IssueType.FORBIDDEN);
        assertOutcome(get("AuditEvent/999999999999", AUDITOR), 404, OperationOutcome.IssueType.NOTFOUND);
        assertOutcome(get("AuditEvent?patient=CP123", AUDITOR), 400, OperationOutcome.IssueType.INVALID);
        assertOutcome(get("AuditEvent?action=SEARCH", AUDITOR), 400, OperationOutcome.IssueType.INVALID);
        assertOutcome(get("AuditEvent?date=ne2026-11-18", AUDITOR), 400, OperationOutcome.IssueType.INVALID);
    }

    @Test
    void capabilityStatementIsPublic() {
        Reply metadata = reply(HttpRequest.newBuilder(fhir.resolve("metadata")).GET());
        assertThat(metadata.status).isEqualTo(200);
        assertThat(metadata.resource(CapabilityStatement.class).getRestFirstRep().getResourceFirstRep().getType())
                .isEqualTo("AuditEvent");
    }

    private static void assertOutcome(Reply reply, int status, OperationOutcome.IssueType type) {
        assertThat(reply.status).as(reply.body).isEqualTo(status);
        assertThat(reply.contentType).startsWith(FHIR_JSON);
        assertThat(reply.resource(OperationOutcome.class).getIssue()).isNotEmpty()
                .allMatch(i -> i.getCode() == type && i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
    }

    private Reply get(String path, String authorization) {
        return send(HttpRequest.newBuilder(fhir.resolve(path)).GET(), authorization);
    }

    private static Reply send(HttpRequest.Builder request, String authorization) {
        return reply(request.header("Authorization", authorization).header("X-Purpose-Of-Use", "ADMINISTRATION"));
    }

    private static Reply reply(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Accept", FHIR_JSON).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer; its resource is parsed with HAPI's parser and validated against R4. */
    private record Reply(int status, String contentType, String body) {

        <T extends IBaseResource> T resource(Class<T> type) {
            return R4Validation.valid(R4Validation.FHIR.newJsonParser().parseResource(type, body));
        }
    }
}
