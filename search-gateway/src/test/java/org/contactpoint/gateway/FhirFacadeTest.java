package org.contactpoint.gateway;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.gateway.application.LookupQuota;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.child;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.involvement;
import static org.contactpoint.gateway.GatewayFixtures.involvementCount;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;
import static org.contactpoint.gateway.GatewayFixtures.sendChild;
import static org.contactpoint.gateway.GatewayFixtures.sendInvolvement;
import static org.contactpoint.gateway.GatewayFixtures.sensitiveInvolvement;

/**
 * The FHIR R4 facade as a FHIR client uses it (search, $match, read, CareTeam, paging, errors), over the same lookup
 * rules as the JSON API, on real PostgreSQL and Kafka, over plain HTTP (the wire format itself: headers, content types,
 * form posts). Every resource it returns is checked with HAPI's instance validator ({@link R4Validation}).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class FhirFacadeTest {

    private static final String FHIR_JSON = "application/fhir+json";
    private static final String CP_SYSTEM = "https://contactpoint.example/Id/contact-point-id";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/fhir/")
    URI fhir;

    @Inject
    LookupQuota quota;

    @Inject
    TestClock clock;

    @Test
    void searchMatchReadAndCareTeamsAreAnsweredAuditedAndCountedAsTheJsonApisLookups() {
        String id = newContactPointId();
        String family = GatewayFixtures.uniqueFamilyName("Okafor");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        sendChild(child(id, 1, "Amara", family, dob), ChildEventTypes.REGISTERED);
        String school = UUID.randomUUID().toString();
        sendInvolvement(involvement(school, id, 1, "SCHOOL", "Hillside Primary School", "Mr Daniel Reyes",
                "020 7946 0100"));
        sendInvolvement(sensitiveInvolvement(UUID.randomUUID().toString(), id));
        await("child and involvements", () -> heldVersion(id) == 1 && involvementCount(id) == 2);
        String user = "fhir-teacher-" + UUID.randomUUID();

        Reply search = get("Patient?family=" + family + "&birthdate=eq" + dob + "&_format=json", user, "practitioner");
        assertThat(search.status).isEqualTo(200);
        assertThat(search.contentType).startsWith(FHIR_JSON);
        Bundle found = search.resource(Bundle.class);
        assertThat(found.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(found.getTotal()).isEqualTo(1);
        Bundle.BundleEntryComponent entry = found.getEntryFirstRep();
        Patient patient = (Patient) entry.getResource();
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo(CP_SYSTEM);
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(id);
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo(family);
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo(dob.toString());
        assertThat(patient.getAddress()).as("a match never shows where the child lives").isEmpty();
        assertThat(entry.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
        assertThat(entry.getSearch().getScore().doubleValue()).isEqualTo(1.0);
        assertThat(entry.getSearch().getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/match-grade")
                .getValue().primitiveValue()).isEqualTo("certain");
        assertThat(search.lookupId).matches("[0-9a-f-]{36}");

        // IHE PDQm $match with the demographics a GP system holds.
        Patient demographics = new Patient();
        demographics.addName().setFamily(family).addGiven("Amara");
        demographics.setBirthDateElement(new DateType(dob.toString()));
        demographics.setGender(Enumerations.AdministrativeGender.FEMALE);
        Parameters match = new Parameters();
        match.addParameter().setName("resource").setResource(demographics);
        match.addParameter().setName("onlyCertainMatches").setValue(new org.hl7.fhir.r4.model.BooleanType(true));
        Reply matched = post("Patient/$match", FHIR_JSON, FHIR.newJsonParser().encodeResourceToString(match), user,
                "practitioner");
        assertThat(matched.status).isEqualTo(200);
        assertThat(matched.resource(Bundle.class).getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(id);

        // A search POSTed as a form, as FHIR allows.
        Reply posted = post("Patient/_search", "application/x-www-form-urlencoded",
                "family=" + family + "&birthdate=" + dob, user, "practitioner");
        assertThat(posted.status).isEqualTo(200);
        assertThat(posted.resource(Bundle.class).getTotal()).isEqualTo(1);

        Reply read = get("Patient/" + id, user, "practitioner");
        assertThat(read.status).isEqualTo(200);
        Patient record = read.resource(Patient.class);
        assertThat(record.getAddressFirstRep().getPostalCode()).isEqualTo("EC1R 4SR");
        assertThat(record.getContactFirstRep().getTelecom()).extracting(ContactPoint::getValue)
                .contains("020 7946 0001");
        assertThat(record.getMeta().getSecurity()).isEmpty();

        Reply teams = get("CareTeam?patient=Patient/" + id, user, "practitioner");
        assertThat(teams.status).isEqualTo(200);
        List<CareTeam> careTeams = teams.resource(Bundle.class).getEntry().stream()
                .map(e -> (CareTeam) e.getResource()).toList();
        assertThat(careTeams).hasSize(2);
        CareTeam schoolTeam = careTeams.stream().filter(t -> t.getIdElement().getIdPart().equals(school))
                .findFirst().orElseThrow();
        assertThat(schoolTeam.getSubject().getReference()).isEqualTo("Patient/" + id);
        Organization organisation = contained(schoolTeam, Organization.class);
        PractitionerRole role = contained(schoolTeam, PractitionerRole.class);
        assertThat(organisation.getName()).isEqualTo("Hillside Primary School");
        assertThat(role.getPractitioner().getDisplay()).isEqualTo("Mr Daniel Reyes");
        assertThat(role.getTelecom()).extracting(ContactPoint::getValue)
                .contains("020 7946 0100", "dsl@hillside.example.sch.uk");
        CareTeam sensitive = careTeams.stream().filter(t -> t != schoolTeam).findFirst().orElseThrow();
        assertThat(sensitive.getParticipant()).isEmpty();
        assertThat(sensitive.getContained()).isEmpty();
        assertThat(sensitive.getCategory()).isEmpty();
        assertThat(sensitive.getNoteFirstRep().getText())
                .isEqualTo("A sensitive service is involved — contact via the LA management team");
        assertThat(sensitive.getMeta().getSecurity()).extracting(Coding::getCode).contains("R", "REDACTED");

        // Five lookups, each counted against the user's quota and audited as the JSON API's: three searches, two
        // record views, each naming its answer.
        assertThat(quota.today(user)).isEqualTo(5);
        List<ConsumerRecord<String, String>> audits = TestKafkaClient.readUntil(Topics.GATEWAY_AUDIT_EVENTS,
                Duration.ofSeconds(20), records -> records.stream().filter(r -> r.value().contains(user)).count() >= 5);
        List<String> mine = audits.stream().map(ConsumerRecord::value).filter(v -> v.contains(user)).toList();
        assertThat(mine).hasSize(5);
        assertThat(mine).filteredOn(v -> v.contains("\"action\":\"SEARCH\"")).hasSize(3)
                .allMatch(v -> v.contains("\"familyName\":\"" + family + "\"") && v.contains(id)
                        && v.contains("\"purpose\":\"DIRECT_CARE\""));
        assertThat(mine).filteredOn(v -> v.contains("\"action\":\"VIEW_RECORD\"")).hasSize(2);
        assertThat(mine).anyMatch(v -> v.contains("\"eventId\":\"" + search.lookupId + "\""));
    }

    @Test
    void pagesWithinTheCappedAnswerFollowingTheNextLink() {
        String family = GatewayFixtures.uniqueFamilyName("Page");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = newContactPointId();
            ids.add(id);
            sendChild(child(id, 1, "Child" + (char) ('a' + i), family, dob.plusDays(i)), ChildEventTypes.REGISTERED);
        }
        await("three children", () -> ids.stream().allMatch(id -> heldVersion(id) == 1));
        String user = "fhir-pager-" + UUID.randomUUID();

        Reply first = get("Patient?family=" + family + "&birthdate=ge" + dob + "&birthdate=le" + dob.plusDays(5)
                + "&_count=2", user, "practitioner");
        assertThat(first.status).isEqualTo(200);
        Bundle page1 = first.resource(Bundle.class);
        assertThat(page1.getTotal()).isEqualTo(3);
        assertThat(page1.getEntry()).hasSize(2);
        String next = page1.getLink("next").getUrl();
        Reply second = send(HttpRequest.newBuilder(URI.create(next)).GET(), user, "practitioner");
        assertThat(second.status).isEqualTo(200);
        Bundle page2 = second.resource(Bundle.class);
        assertThat(page2.getEntry()).hasSize(1);
        assertThat(page2.getLink("next")).isNull();
        List<String> seen = new ArrayList<>();
        page1.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().getIdPart()));
        page2.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().getIdPart()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        // Each page is a lookup of its own.
        assertThat(quota.today(user)).isEqualTo(2);
    }

    @Test
    void anIdentifierFindsTheOneChildAndMoreThanTheCapIsNoListButAnOutcome() {
        String family = GatewayFixtures.uniqueFamilyName("Many");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String id = newContactPointId();
            ids.add(id);
            sendChild(child(id, 1, "Twin" + (char) ('a' + i), family, dob), ChildEventTypes.REGISTERED);
        }
        await("eleven children", () -> ids.stream().allMatch(id -> heldVersion(id) == 1));
        String user = "fhir-many-" + UUID.randomUUID();

        Reply byId = get("Patient?identifier=" + enc(CP_SYSTEM + "|" + ids.get(3)), user, "practitioner");
        assertThat(byId.status).isEqualTo(200);
        Bundle one = byId.resource(Bundle.class);
        assertThat(one.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(ids.get(3));
        assertThat(one.getEntryFirstRep().getSearch().getScore().doubleValue()).isEqualTo(1.0);

        // As the JSON API: beyond the cap of 10, no children at all, only what to add.
        Reply tooMany = get("Patient?family=" + family + "&birthdate=" + dob, user, "practitioner");
        assertThat(tooMany.status).isEqualTo(200);
        Bundle outcome = tooMany.resource(Bundle.class);
        assertThat(outcome.getEntry()).hasSize(1);
        assertThat(outcome.getEntryFirstRep().getResource()).isInstanceOf(OperationOutcome.class);
        assertThat(outcome.getEntryFirstRep().getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.OUTCOME);
        assertThat(((OperationOutcome) outcome.getEntryFirstRep().getResource()).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.MULTIPLEMATCHES);
        assertThat(ids).noneMatch(tooMany.body::contains);
    }

    @Test
    void shieldingWithholdsTheSameDetailsAndLabelsTheResources() {
        String family = GatewayFixtures.uniqueFamilyName("Hart");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        String shielded = newContactPointId();
        sendChild(new ChildEvent(shielded, 1, ChildEvent.ChildStatus.ACTIVE, null,
                new ChildEvent.PersonName("Ella", family), List.of(), null, dob, ChildEvent.Gender.FEMALE, null,
                new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.CURRENT_ADDRESS,
                        new ChildEvent.Address(List.of("7 Hidden Lane"), "Hiddentown", "N7 9QQ"), null),
                List.of(new ChildEvent.ParentCarer("Jo " + family, "MOTHER", true, "020 7946 0777",
                        "jo@secret.example", null)),
                List.of(), "E09000019", new ChildEvent.Shield(Instant.now(), dob.plusYears(20)),
                List.of(ChildEvent.Vulnerability.CHILD_PROTECTION_PLAN), Instant.now()), ChildEventTypes.SHIELDED);
        sendInvolvement(new InvolvementEvent(UUID.randomUUID().toString(), shielded, 1,
                InvolvementEvent.Status.ACTIVE, "SCHOOL", false,
                new InvolvementEvent.Organisation("Secret Primary", "URN-SECRET"),
                new InvolvementEvent.Practitioner("Ms Dee", "Designated Safeguarding Lead"),
                new InvolvementEvent.Contact("020 7946 0888", "dsl@secret.example"), LocalDate.of(2021, 9, 1), null,
                true, true, "agency-system", Instant.now()));
        await("shielded child", () -> heldVersion(shielded) == 1 && involvementCount(shielded) == 1);
        List<String> hidden = List.of("Hidden Lane", "Hiddentown", "N7 9QQ", "020 7946 0777", "jo@secret.example",
                "Secret Primary", "URN-SECRET", "Ms Dee", "020 7946 0888", "dsl@secret.example", "E09000019");

        Reply search = get("Patient?family=" + family + "&birthdate=" + dob, "fhir-shield-teacher", "practitioner");
        Patient match = (Patient) search.resource(Bundle.class).getEntryFirstRep().getResource();
        assertThat(match.getMeta().getSecurity()).extracting(Coding::getCode).contains("R");

        Reply read = get("Patient/" + shielded, "fhir-shield-teacher", "practitioner");
        Reply teams = get("CareTeam?patient=" + shielded, "fhir-shield-teacher", "practitioner");
        assertThat(read.status).isEqualTo(200);
        assertThat(teams.status).isEqualTo(200);
        assertThat(hidden).noneMatch(read.body::contains).noneMatch(teams.body::contains);
        Patient patient = read.resource(Patient.class);
        assertThat(patient.getMeta().getSecurity()).extracting(Coding::getCode).contains("R", "REDACTED");
        assertThat(patient.getAddress()).isEmpty();
        CareTeam team = (CareTeam) teams.resource(Bundle.class).getEntryFirstRep().getResource();
        assertThat(team.getCategoryFirstRep().getText()).isEqualTo("SCHOOL");
        assertThat(team.getParticipant()).isEmpty();
        assertThat(team.getMeta().getSecurity()).extracting(Coding::getCode).contains("R", "REDACTED");

        // Breaking the glass, with the role and a reason, shows the details and says so. The reason is this test's
        // own: other tests find their audit records by theirs.
        String reason = "FHIR section 47 enquiry, child missing tonight " + UUID.randomUUID();
        Reply broken = send(HttpRequest.newBuilder(fhir.resolve("Patient/" + shielded)).GET()
                .header("X-Break-Glass-Reason", reason), "fhir-shield-social-worker", "practitioner", "child-protection");
        assertThat(broken.status).isEqualTo(200);
        Patient revealed = broken.resource(Patient.class);
        assertThat(revealed.getAddressFirstRep().getPostalCode()).isEqualTo("N7 9QQ");
        assertThat(revealed.getMeta().getSecurity()).extracting(Coding::getCode).contains("R", "BTG")
                .doesNotContain("REDACTED");
        Reply refused = send(HttpRequest.newBuilder(fhir.resolve("Patient/" + shielded)).GET()
                .header("X-Break-Glass-Reason", reason), "fhir-shield-teacher", "practitioner");
        assertOutcome(refused, 403, OperationOutcome.IssueType.FORBIDDEN);
    }

    @Test
    void everyErrorIsAnOperationOutcome() {
        String user = "fhir-errors-" + UUID.randomUUID();
        HttpRequest.Builder noPurpose = HttpRequest.newBuilder(fhir.resolve("Patient?family=Smith&birthdate=2016"))
                .header("Authorization", "Bearer " + token(user, "practitioner")).GET();
        Reply missingPurpose = reply(noPurpose);
        assertOutcome(missingPurpose, 400, OperationOutcome.IssueType.INVALID);
        assertThat(missingPurpose.body).contains("X-Purpose-Of-Use");

        Reply notEnough = get("Patient?family=Smith", user, "practitioner");
        OperationOutcome outcome = assertOutcome(notEnough, 400, OperationOutcome.IssueType.INVALID);
        assertThat(outcome.getIssue()).flatExtracting(OperationOutcome.OperationOutcomeIssueComponent::getExpression)
                .extracting(e -> e.getValue()).contains("birthdate", "gender", "address-postalcode");

        Reply wideRange = get("Patient?family=Smith&birthdate=ge2010-01-01&birthdate=le2016-01-01", user,
                "practitioner");
        assertThat(assertOutcome(wideRange, 400, OperationOutcome.IssueType.INVALID).getIssueFirstRep()
                .getExpression().get(0).getValue()).isEqualTo("birthdate");
        assertOutcome(get("Patient?family:exact=Smith&birthdate=2016", user, "practitioner"), 400,
                OperationOutcome.IssueType.INVALID);
        assertOutcome(get("Patient?identifier=" + enc("urn:other|123"), user, "practitioner"), 400,
                OperationOutcome.IssueType.INVALID);

        Reply anonymous = reply(HttpRequest.newBuilder(fhir.resolve("Patient/" + newContactPointId()))
                .header("X-Purpose-Of-Use", "DIRECT_CARE").GET());
        assertOutcome(anonymous, 401, OperationOutcome.IssueType.LOGIN);
        assertOutcome(get("Patient/" + newContactPointId(), user, "administrator"), 403,
                OperationOutcome.IssueType.FORBIDDEN);
        assertOutcome(get("Patient/" + newContactPointId(), user, "practitioner"), 404,
                OperationOutcome.IssueType.NOTFOUND);
        assertOutcome(post("Patient/$match", FHIR_JSON, "{\"resourceType\":\"Parameters\"}", user, "practitioner"),
                422, OperationOutcome.IssueType.PROCESSING);
        assertOutcome(post("Patient/$match", FHIR_JSON, "{\"resourceType\":\"Parameters\",", user, "practitioner"),
                400, OperationOutcome.IssueType.INVALID);

        // A used-up quota is refused as the JSON API refuses it, with Retry-After.
        String busy = "fhir-quota-" + UUID.randomUUID();
        // The clock is held in one minute, so that the quota used up is still used up when the request arrives.
        try (TestClock.Hold held = clock.hold()) {
            for (int i = 0; i < 30; i++) {
                quota.take(busy, false);
            }
            Reply throttled = get("Patient/" + newContactPointId(), busy, "practitioner");
            assertOutcome(throttled, 429, OperationOutcome.IssueType.THROTTLED);
            assertThat(throttled.retryAfter).isNotBlank();
        }

        // No audit acknowledgement, no answer.
        GatewayFixtures.refuseAcknowledgements(Topics.GATEWAY_AUDIT_EVENTS, true);
        try {
            assertOutcome(get("Patient?family=Smith&birthdate=2016-03-14", user, "practitioner"), 503,
                    OperationOutcome.IssueType.TRANSIENT);
        } finally {
            GatewayFixtures.refuseAcknowledgements(Topics.GATEWAY_AUDIT_EVENTS, false);
        }
    }

    @Test
    void capabilityStatementIsPublic() {
        Reply metadata = reply(HttpRequest.newBuilder(fhir.resolve("metadata")).GET());
        assertThat(metadata.status).isEqualTo(200);
        CapabilityStatement capabilities = metadata.resource(CapabilityStatement.class);
        assertThat(capabilities.getRestFirstRep().getResource()).extracting(r -> r.getType())
                .contains("Patient", "CareTeam");
    }

    private static OperationOutcome assertOutcome(Reply reply, int status, OperationOutcome.IssueType type) {
        assertThat(reply.status).as(reply.body).isEqualTo(status);
        assertThat(reply.contentType).startsWith(FHIR_JSON);
        OperationOutcome outcome = reply.resource(OperationOutcome.class);
        assertThat(outcome.getIssue()).isNotEmpty().allMatch(i -> i.getCode() == type
                && i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
        return outcome;
    }

    private static <T extends Resource> T contained(CareTeam team, Class<T> type) {
        return team.getContained().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private Reply get(String path, String user, String... roles) {
        return send(HttpRequest.newBuilder(fhir.resolve(path)).GET(), user, roles);
    }

    private Reply post(String path, String contentType, String body, String user, String... roles) {
        return send(HttpRequest.newBuilder(fhir.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), user, roles);
    }

    private static Reply send(HttpRequest.Builder request, String user, String... roles) {
        return reply(request.header("Authorization", "Bearer " + token(user, roles))
                .header("X-Purpose-Of-Use", "DIRECT_CARE"));
    }

    private static String token(String user, String... roles) {
        return TestTokens.user(user).roles(roles).organisation("Hillside Primary School", "URN100001").sign();
    }

    private static Reply reply(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Accept", FHIR_JSON).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().firstValue("X-Lookup-Id").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** An answer; its resource is parsed with HAPI's parser and validated against R4. */
    private record Reply(int status, String contentType, String body, String lookupId, String retryAfter) {

        <T extends IBaseResource> T resource(Class<T> type) {
            return R4Validation.valid(FHIR.newJsonParser().parseResource(type, body));
        }
    }
}
