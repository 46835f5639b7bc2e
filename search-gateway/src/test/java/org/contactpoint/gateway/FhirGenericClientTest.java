package org.contactpoint.gateway;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.CapturingInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.gateway.application.LookupQuota;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.child;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.involvement;
import static org.contactpoint.gateway.GatewayFixtures.involvementCount;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;
import static org.contactpoint.gateway.GatewayFixtures.sendChild;
import static org.contactpoint.gateway.GatewayFixtures.sendInvolvement;

/**
 * The FHIR facade as a FHIR system calls it: HAPI FHIR's generic client, with the bearer token and the purpose of use
 * added by client interceptors, searching, matching, reading and paging as a PDQm consumer does, and reading errors
 * as the client surfaces them (a {@link BaseServerResponseException} carrying the OperationOutcome). On real
 * PostgreSQL and Kafka; every resource it gets back is checked with HAPI's instance validator ({@link R4Validation}).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class FhirGenericClientTest {

    private static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    private static final String CP_SYSTEM = "https://contactpoint.example/Id/contact-point-id";

    @TestHTTPResource("/fhir")
    URI fhir;

    @Inject
    LookupQuota quota;

    @Inject
    TestClock clock;

    @BeforeAll
    static void patientClients() {
        // The machine running the tests is shared and busy: a slow answer is not a failure here.
        R4Validation.FHIR.getRestfulClientFactory().setSocketTimeout(60_000);
    }

    @Test
    void searchesByNameBirthdateIdentifierAndPostcodeAsAPdqmConsumer() {
        String id = newContactPointId();
        String nhsNumber = newNhsNumber();
        String family = GatewayFixtures.uniqueFamilyName("Mensah");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        ChildEvent registered = child(id, 1, "Amara", family, dob);
        sendChild(withNhsNumber(registered, nhsNumber), ChildEventTypes.REGISTERED);
        await("the child", () -> heldVersion(id) == 1);
        String user = "fhir-client-" + UUID.randomUUID();
        Client gp = client(user, "SAFEGUARDING", "practitioner");

        Bundle byName = gp.valid(gp.fhir.search().forResource(Patient.class)
                .where(Patient.NAME.matches().value("Amara " + family))
                .and(Patient.BIRTHDATE.exactly().day(dob.toString()))
                .returnBundle(Bundle.class).execute());
        assertThat(ids(byName)).containsExactly(id);
        Bundle.BundleEntryComponent entry = byName.getEntryFirstRep();
        assertThat(entry.getFullUrl()).isEqualTo(fhir + "/Patient/" + id);
        assertThat(entry.getSearch().getScore().doubleValue()).isEqualTo(1.0);
        assertThat(entry.getSearch().getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/match-grade")
                .getValue().primitiveValue()).isEqualTo("certain");
        Patient found = (Patient) entry.getResource();
        assertThat(found.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue())
                .contains(CP_SYSTEM + "|" + id);
        assertThat(found.getGender()).isEqualTo(Enumerations.AdministrativeGender.FEMALE);

        // Prefixed birthdates bound a range: ge with lt takes the child in, gt on the birthday leaves it out.
        Bundle inRange = gp.valid(gp.fhir.search().forResource(Patient.class)
                .where(Patient.FAMILY.matches().value(family))
                .and(Patient.BIRTHDATE.afterOrEquals().day(dob.minusDays(10).toString()))
                .and(Patient.BIRTHDATE.before().day(dob.plusDays(1).toString()))
                .returnBundle(Bundle.class).execute());
        assertThat(ids(inRange)).containsExactly(id);
        Bundle afterIt = gp.valid(gp.fhir.search().forResource(Patient.class)
                .where(Patient.FAMILY.matches().value(family))
                .and(Patient.BIRTHDATE.after().day(dob.toString()))
                .and(Patient.BIRTHDATE.beforeOrEquals().day(dob.plusDays(30).toString()))
                .returnBundle(Bundle.class).execute());
        assertThat(ids(afterIt)).isEmpty();
        assertThat(afterIt.getTotal()).isZero();

        Bundle byNhsNumber = gp.valid(gp.fhir.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NHS_NUMBER_SYSTEM, nhsNumber))
                .returnBundle(Bundle.class).execute());
        assertThat(ids(byNhsNumber)).containsExactly(id);

        Bundle byPostcode = gp.valid(gp.fhir.search().forResource(Patient.class)
                .where(Patient.FAMILY.matches().value(family))
                .and(Patient.GENDER.exactly().code("female"))
                .and(Patient.ADDRESS_POSTALCODE.matches().value("EC1R 4SR"))
                .returnBundle(Bundle.class).execute());
        assertThat(ids(byPostcode)).containsExactly(id);

        // Five searches, each counted and audited with the purpose the client's interceptor stated.
        assertThat(quota.today(user)).isEqualTo(5);
        List<String> audits = TestKafkaClient.readUntil(Topics.GATEWAY_AUDIT_EVENTS, Duration.ofSeconds(30),
                        records -> records.stream().filter(r -> r.value().contains(user)).count() >= 5).stream()
                .map(ConsumerRecord::value).filter(v -> v.contains(user)).toList();
        assertThat(audits).hasSize(5).allMatch(v -> v.contains("\"action\":\"SEARCH\"")
                && v.contains("\"purpose\":\"SAFEGUARDING\""));
    }

    @Test
    void matchesReadsAndListsTheCareTeamsWithTheGenericClient() {
        String id = newContactPointId();
        String family = GatewayFixtures.uniqueFamilyName("Adeyemi");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        sendChild(child(id, 1, "Tobi", family, dob), ChildEventTypes.REGISTERED);
        String school = UUID.randomUUID().toString();
        sendInvolvement(involvement(school, id, 1, "SCHOOL", "Hillside Primary School", "Mr Daniel Reyes",
                "020 7946 0100"));
        await("child and involvement", () -> heldVersion(id) == 1 && involvementCount(id) == 1);
        Client gp = client("fhir-client-" + UUID.randomUUID(), "DIRECT_CARE", "practitioner");

        Patient demographics = new Patient();
        demographics.addName().setFamily(family).addGiven("Tobi");
        demographics.setBirthDateElement(new DateType(dob.toString()));
        demographics.setGender(Enumerations.AdministrativeGender.FEMALE);
        Parameters in = new Parameters();
        in.addParameter().setName("resource").setResource(demographics);
        in.addParameter().setName("count").setValue(new IntegerType(5));
        in.addParameter().setName("onlyCertainMatches").setValue(new BooleanType(true));
        Bundle matched = gp.valid(gp.fhir.operation().onType(Patient.class).named("$match").withParameters(in)
                .returnResourceType(Bundle.class).execute());
        assertThat(ids(matched)).containsExactly(id);
        assertThat(matched.getEntryFirstRep().getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);

        Patient read = gp.valid(gp.fhir.read().resource(Patient.class).withId(id).execute());
        assertThat(read.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(read.getAddressFirstRep().getPostalCode()).isEqualTo("EC1R 4SR");
        assertThat(gp.lookupId()).matches("[0-9a-f-]{36}");

        Bundle teams = gp.valid(gp.fhir.search().forResource(CareTeam.class)
                .where(CareTeam.PATIENT.hasId("Patient/" + id)).returnBundle(Bundle.class).execute());
        assertThat(teams.getEntry()).hasSize(1);
        CareTeam team = (CareTeam) teams.getEntryFirstRep().getResource();
        assertThat(team.getIdElement().getIdPart()).isEqualTo(school);
        assertThat(team.getSubject().getReference()).isEqualTo("Patient/" + id);
        Organization organisation = team.getContained().stream().filter(Organization.class::isInstance)
                .map(Organization.class::cast).findFirst().orElseThrow();
        PractitionerRole role = team.getContained().stream().filter(PractitionerRole.class::isInstance)
                .map(PractitionerRole.class::cast).findFirst().orElseThrow();
        assertThat(organisation.getName()).isEqualTo("Hillside Primary School");
        assertThat(role.getTelecom()).extracting(ContactPoint::getValue).contains("020 7946 0100");
    }

    @Test
    void followsTheNextLinkThroughTheCappedAnswer() {
        String family = GatewayFixtures.uniqueFamilyName("Pager");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        List<String> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = newContactPointId();
            children.add(id);
            sendChild(child(id, 1, "Sib" + (char) ('a' + i), family, dob.plusDays(i)), ChildEventTypes.REGISTERED);
        }
        await("three children", () -> children.stream().allMatch(id -> heldVersion(id) == 1));
        String user = "fhir-client-pager-" + UUID.randomUUID();
        Client gp = client(user, "DIRECT_CARE", "practitioner");

        Bundle first = gp.valid(gp.fhir.search().forResource(Patient.class)
                .where(Patient.FAMILY.matches().value(family))
                .and(Patient.BIRTHDATE.afterOrEquals().day(dob.toString()))
                .and(Patient.BIRTHDATE.beforeOrEquals().day(dob.plusDays(5).toString()))
                .count(2).returnBundle(Bundle.class).execute());
        assertThat(first.getTotal()).isEqualTo(3);
        assertThat(first.getEntry()).hasSize(2);
        Bundle second = gp.valid(gp.fhir.loadPage().next(first).execute());
        assertThat(second.getEntry()).hasSize(1);
        assertThat(second.getLink(Bundle.LINK_NEXT)).isNull();
        Bundle back = gp.valid(gp.fhir.loadPage().previous(second).execute());
        assertThat(ids(back)).isEqualTo(ids(first));
        List<String> seen = new ArrayList<>(ids(first));
        seen.addAll(ids(second));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(children);
        // Each page is a lookup of its own, counted as one.
        assertThat(quota.today(user)).isEqualTo(3);
    }

    @Test
    void errorsReachTheClientAsServerResponseExceptionsCarryingTheOperationOutcome() {
        String user = "fhir-client-errors-" + UUID.randomUUID();
        Client gp = client(user, "DIRECT_CARE", "practitioner");

        OperationOutcome notEnough = outcome(() -> gp.fhir.search().forResource(Patient.class)
                .where(Patient.FAMILY.matches().value("Smith")).returnBundle(Bundle.class).execute(),
                InvalidRequestException.class, 400, OperationOutcome.IssueType.INVALID);
        assertThat(notEnough.getIssue()).flatExtracting(OperationOutcome.OperationOutcomeIssueComponent::getExpression)
                .extracting(e -> e.getValue()).contains("birthdate");
        outcome(() -> gp.fhir.search().forResource(Patient.class)
                        .where(Patient.IDENTIFIER.exactly().systemAndCode("urn:oid:2.16.840.1.113883.2.1.4.1", "1"))
                        .returnBundle(Bundle.class).execute(),
                InvalidRequestException.class, 400, OperationOutcome.IssueType.INVALID);

        IGenericClient noPurpose = R4Validation.FHIR.newRestfulGenericClient(fhir.toString());
        noPurpose.registerInterceptor(new BearerTokenAuthInterceptor(token(user, "practitioner")));
        OperationOutcome purposeMissing = outcome(() -> noPurpose.read().resource(Patient.class)
                .withId(newContactPointId()).execute(), InvalidRequestException.class, 400,
                OperationOutcome.IssueType.INVALID);
        assertThat(purposeMissing.getIssueFirstRep().getDiagnostics()).contains("X-Purpose-Of-Use");

        IGenericClient anonymous = R4Validation.FHIR.newRestfulGenericClient(fhir.toString());
        anonymous.registerInterceptor(purpose("DIRECT_CARE"));
        outcome(() -> anonymous.read().resource(Patient.class).withId(newContactPointId()).execute(),
                AuthenticationException.class, 401, OperationOutcome.IssueType.LOGIN);
        outcome(() -> client(user, "DIRECT_CARE", "administrator").fhir.read().resource(Patient.class)
                .withId(newContactPointId()).execute(), ForbiddenOperationException.class, 403,
                OperationOutcome.IssueType.FORBIDDEN);
        outcome(() -> gp.fhir.read().resource(Patient.class).withId(newContactPointId()).execute(),
                ResourceNotFoundException.class, 404, OperationOutcome.IssueType.NOTFOUND);
        outcome(() -> gp.fhir.operation().onType(Patient.class).named("$match").withParameters(new Parameters())
                        .returnResourceType(Bundle.class).execute(),
                UnprocessableEntityException.class, 422, OperationOutcome.IssueType.PROCESSING);

        // A used-up quota: HAPI has no exception of its own for 429, the status and the outcome still arrive.
        String busy = "fhir-client-quota-" + UUID.randomUUID();
        // The clock is held in one minute, so that the quota used up is still used up when the request arrives.
        try (TestClock.Hold held = clock.hold()) {
            for (int i = 0; i < 30; i++) {
                quota.take(busy, false);
            }
            outcome(() -> client(busy, "DIRECT_CARE", "practitioner").fhir.read().resource(Patient.class)
                    .withId(newContactPointId()).execute(), BaseServerResponseException.class, 429,
                    OperationOutcome.IssueType.THROTTLED);
        }
    }

    @Test
    void theClientReadsTheCapabilityStatement() {
        CapabilityStatement capabilities = R4Validation.valid(R4Validation.FHIR.newRestfulGenericClient(fhir.toString())
                .capabilities().ofType(CapabilityStatement.class).execute());
        assertThat(capabilities.getFhirVersion()).isEqualTo(Enumerations.FHIRVersion._4_0_1);
        assertThat(capabilities.getRestFirstRep().getResource()).extracting(r -> r.getType())
                .contains("Patient", "CareTeam");
    }

    private static <E extends BaseServerResponseException> OperationOutcome outcome(ThrowingCallable call,
                                                                                  Class<E> type, int status,
                                                                                  OperationOutcome.IssueType code) {
        E error = catchThrowableOfType(call, type);
        assertThat(error).as("a " + type.getSimpleName()).isNotNull();
        assertThat(error.getStatusCode()).isEqualTo(status);
        assertThat(error.getOperationOutcome()).as("the OperationOutcome the client parsed").isNotNull();
        OperationOutcome outcome = R4Validation.valid((OperationOutcome) error.getOperationOutcome());
        assertThat(outcome.getIssue()).isNotEmpty().allMatch(i -> i.getCode() == code
                && i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
        return outcome;
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().filter(e -> e.getResource() instanceof Patient)
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    private Client client(String user, String purposeOfUse, String... roles) {
        IGenericClient client = R4Validation.FHIR.newRestfulGenericClient(fhir.toString());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token(user, roles)));
        client.registerInterceptor(purpose(purposeOfUse));
        CapturingInterceptor capture = new CapturingInterceptor();
        client.registerInterceptor(capture);
        return new Client(client, capture);
    }

    private static AdditionalRequestHeadersInterceptor purpose(String purposeOfUse) {
        AdditionalRequestHeadersInterceptor headers = new AdditionalRequestHeadersInterceptor();
        headers.addHeaderValue("X-Purpose-Of-Use", purposeOfUse);
        return headers;
    }

    private static String token(String user, String... roles) {
        return TestTokens.user(user).roles(roles).organisation("Riverside Surgery", "Y01234").sign();
    }

    private static ChildEvent withNhsNumber(ChildEvent child, String nhsNumber) {
        return new ChildEvent(child.contactPointId(), child.version(), child.status(), child.mergedInto(),
                child.name(), child.formerNames(), child.preferredName(), child.dateOfBirth(), child.gender(),
                child.dateOfDeath(), child.whereabouts(), child.parentsCarers(),
                List.of(new ChildEvent.SourceIdentifier("NHS_NUMBER", nhsNumber, "HEALTH_DEMOGRAPHICS")),
                child.responsibleLocalAuthority(), child.shield(), child.vulnerabilities(), child.occurredAt(),
                child.previousResponsibleLocalAuthority());
    }

    /** A random NHS number with a valid modulus-11 check digit. */
    private static String newNhsNumber() {
        while (true) {
            StringBuilder digits = new StringBuilder();
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                int digit = ThreadLocalRandom.current().nextInt(10);
                digits.append(digit);
                sum += digit * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return digits.append(check).toString();
            }
        }
    }

    /** A client as one user with one purpose of use; it remembers the last answer's lookup id. */
    private record Client(IGenericClient fhir, CapturingInterceptor capture) {

        <T extends org.hl7.fhir.instance.model.api.IBaseResource> T valid(T resource) {
            return R4Validation.valid(resource);
        }

        String lookupId() {
            List<String> ids = capture.getLastResponse().getHeaders("X-Lookup-Id");
            return ids == null || ids.isEmpty() ? null : ids.get(0);
        }
    }
}
