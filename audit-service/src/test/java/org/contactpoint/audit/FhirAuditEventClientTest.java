package org.contactpoint.audit;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.contactpoint.events.Topics;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.contactpoint.audit.Fixtures.WORKING_HOURS;

/**
 * An auditor's FHIR system reading the trail with HAPI FHIR's generic client: the bearer token and the purpose of use
 * added by client interceptors, a search by patient and date with paging through the next link, a read, and errors as
 * the client surfaces them. On real PostgreSQL and Kafka; every AuditEvent is checked with HAPI's instance validator.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class FhirAuditEventClientTest {

    @TestHTTPResource("/fhir")
    URI fhir;

    @BeforeAll
    static void patientClients() {
        // The machine running the tests is shared and busy: a slow answer is not a failure here.
        R4Validation.FHIR.getRestfulClientFactory().setSocketTimeout(60_000);
    }

    @Test
    void anAuditorsClientSearchesPagesAndReadsTheTrail() {
        String child = Fixtures.newChildId();
        String user = "fhir-client-teacher-" + UUID.randomUUID();
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, Fixtures.search(user, "Ms Teacher", "Okafor", WORKING_HOURS, child));
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, Fixtures.view(user, "Ms Teacher", WORKING_HOURS.plusSeconds(60),
                child, false, null, List.of()));
        IGenericClient auditor = client("fhir-client-auditor", "auditor");
        Fixtures.await("both records", Duration.ofSeconds(30), () -> auditor.search().forResource(AuditEvent.class)
                .where(AuditEvent.AGENT.hasId(user)).returnBundle(Bundle.class).execute().getTotal() == 2);

        // Only the two accesses of that day: the auditor's own reads name the child too, with today's date.
        Bundle first = R4Validation.valid(auditor.search().forResource(AuditEvent.class)
                .where(AuditEvent.PATIENT.hasId("Patient/" + child))
                .and(AuditEvent.DATE.afterOrEquals().day("2026-11-18"))
                .and(AuditEvent.DATE.beforeOrEquals().day("2026-11-18"))
                .count(1).returnBundle(Bundle.class).execute());
        assertThat(first.getTotal()).isEqualTo(2);
        assertThat(first.getEntry()).hasSize(1);
        Bundle second = R4Validation.valid(auditor.loadPage().next(first).execute());
        assertThat(second.getEntry()).hasSize(1);
        assertThat(second.getLink(Bundle.LINK_NEXT)).isNull();
        List<AuditEvent> events = List.of((AuditEvent) first.getEntryFirstRep().getResource(),
                (AuditEvent) second.getEntryFirstRep().getResource());
        assertThat(events).flatExtracting(AuditEvent::getSubtype).extracting(Coding::getCode)
                .contains("SEARCH", "VIEW_RECORD");
        assertThat(events).allMatch(e -> e.getAgentFirstRep().getWho().getIdentifier().getValue().equals(user));

        String id = events.get(1).getIdElement().getIdPart();
        AuditEvent read = R4Validation.valid(auditor.read().resource(AuditEvent.class).withId(id).execute());
        assertThat(read.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(read.getEntity()).anyMatch(e -> ("Patient/" + child).equals(e.getWhat().getReference()));
    }

    @Test
    void errorsReachTheClientAsServerResponseExceptionsCarryingTheOperationOutcome() {
        IGenericClient auditor = client("fhir-client-auditor", "auditor");
        outcome(() -> auditor.read().resource(AuditEvent.class).withId("999999999999").execute(),
                ResourceNotFoundException.class, 404, OperationOutcome.IssueType.NOTFOUND);
        outcome(() -> auditor.search().forResource(AuditEvent.class).where(AuditEvent.PATIENT.hasId("CP123"))
                .returnBundle(Bundle.class).execute(), InvalidRequestException.class, 400,
                OperationOutcome.IssueType.INVALID);
        outcome(() -> client("fhir-client-teacher", "practitioner").search().forResource(AuditEvent.class)
                .returnBundle(Bundle.class).execute(), ForbiddenOperationException.class, 403,
                OperationOutcome.IssueType.FORBIDDEN);
        IGenericClient noPurpose = R4Validation.FHIR.newRestfulGenericClient(fhir.toString());
        noPurpose.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.user("fhir-client-auditor")
                .roles("auditor").sign()));
        outcome(() -> noPurpose.search().forResource(AuditEvent.class).returnBundle(Bundle.class).execute(),
                InvalidRequestException.class, 400, OperationOutcome.IssueType.INVALID);
    }

    private static void outcome(ThrowingCallable call, Class<? extends BaseServerResponseException> type, int status,
                                OperationOutcome.IssueType code) {
        BaseServerResponseException error = catchThrowableOfType(call, type);
        assertThat(error).as("a " + type.getSimpleName()).isNotNull();
        assertThat(error.getStatusCode()).isEqualTo(status);
        assertThat(error.getOperationOutcome()).as("the OperationOutcome the client parsed").isNotNull();
        OperationOutcome outcome = R4Validation.valid((OperationOutcome) error.getOperationOutcome());
        assertThat(outcome.getIssue()).isNotEmpty().allMatch(i -> i.getCode() == code
                && i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
    }

    private IGenericClient client(String user, String... roles) {
        IGenericClient client = R4Validation.FHIR.newRestfulGenericClient(fhir.toString());
        client.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.user(user).roles(roles).sign()));
        AdditionalRequestHeadersInterceptor purpose = new AdditionalRequestHeadersInterceptor();
        purpose.addHeaderValue("X-Purpose-Of-Use", "ADMINISTRATION");
        client.registerInterceptor(purpose);
        return client;
    }
}
