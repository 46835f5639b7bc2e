package org.contactpoint.events.involvement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.contactpoint.events.EventCatalogueTest;
import org.contactpoint.events.json.ContractViolation;
import org.contactpoint.events.json.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import java.io.InputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** involvement-service's rows of the event catalogue: the agency topic, notifications, a re-homed involvement. */
class InvolvementCatalogueTest extends EventCatalogueTest {

    protected static Stream<Arguments> catalogue() {
        return Stream.of(
                Arguments.of(AgencySubmission.class, "involvement.agency-submission.v1.schema.json",
                        "involvement.agency-submission.submitted.v1.json"),
                Arguments.of(AgencySubmission.class, "involvement.agency-submission.v1.schema.json",
                        "involvement.agency-submission.submitted.sensitive.v1.json"),
                Arguments.of(InvolvementNotification.class, "involvement.notification.v1.schema.json",
                        "involvement.notification.new-involvement.v1.json"),
                Arguments.of(InvolvementNotification.class, "involvement.notification.v1.schema.json",
                        "involvement.notification.moved-local-authority.v1.json"),
                Arguments.of(InvolvementNotification.class, "involvement.notification.v1.schema.json",
                        "involvement.notification.moved-local-authority.shielded.v1.json"),
                Arguments.of(InvolvementEvent.class, "involvement.involvement.v1.schema.json",
                        "involvement.involvement.rehomed.v1.json"));
    }

    @Test
    void sensitiveSubmissionWithoutConsentAndSensitiveEventWithContactAreRejected() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        var submission = (com.fasterxml.jackson.databind.node.ObjectNode) read(mapper,
                "/samples/involvement.agency-submission.submitted.sensitive.v1.json");
        submission.remove("consent");
        assertThat(schema("involvement.agency-submission.v1.schema.json").validate(submission)).isNotEmpty();

        var rehomed = (com.fasterxml.jackson.databind.node.ObjectNode) read(mapper,
                "/samples/involvement.involvement.rehomed.v1.json");
        rehomed.putObject("contact").put("phone", "020 7946 0300");
        assertThat(schema("involvement.involvement.v1.schema.json").validate(rehomed)).isNotEmpty();

        var naming = (com.fasterxml.jackson.databind.node.ObjectNode) read(mapper,
                "/samples/involvement.involvement.rehomed.v1.json");
        naming.put("sourceAgency", "clinic-77");
        assertThat(schema("involvement.involvement.v1.schema.json").validate(naming)).isNotEmpty();
    }

    @Test
    void goldenSamplesKeepTheirOwnRules() throws Exception {
        for (String sample : new String[]{"involvement.agency-submission.submitted.v1.json",
                "involvement.agency-submission.submitted.sensitive.v1.json"}) {
            assertThat(EventJson.read(text("/samples/" + sample), AgencySubmission.class).violations())
                    .as(sample).isEmpty();
        }
        for (String sample : new String[]{"involvement.involvement.started.v1.json",
                "involvement.involvement.rehomed.v1.json"}) {
            InvolvementEvent event = EventJson.read(text("/samples/" + sample), InvolvementEvent.class);
            assertThat(event.violations()).as(sample).isEmpty();
            assertThat(event.expectedKey()).isEqualTo(event.involvementId());
        }
    }

    @Test
    void agencySubmissionNamesEachFieldThatBreaksItsShape() throws Exception {
        String sample = text("/samples/involvement.agency-submission.submitted.v1.json");
        assertThatThrownBy(() -> EventJson.read(sample.replace("\"SCHOOL\"", "\"WIZARD\""), AgencySubmission.class))
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("serviceType: ");
        assertThatThrownBy(() -> EventJson.read(sample.replace("hub-2026-000187", "hub 187"), AgencySubmission.class))
                .hasMessage("submissionId: must be letters, digits and . _ : / -");
        assertThatThrownBy(() -> EventJson.read(sample.replace("dsl@hillside.example.sch.uk", "not-an-email")
                .replace("020 7946 0100", "call me"), AgencySubmission.class))
                .hasMessage("contact.email: must be a well-formed email address; contact.phone: must be a phone number");
        assertThatThrownBy(() -> EventJson.read("{\"submissionId\":\"x\"}", AgencySubmission.class))
                .hasMessage("contact: must not be null; organisation: must not be null; serviceType: must not be null;"
                        + " startDate: must not be null");
    }

    @Test
    void involvementEventNeedsItsIdTheChildAStatusAndAVersion() throws Exception {
        String sample = text("/samples/involvement.involvement.rehomed.v1.json");
        assertThatThrownBy(() -> EventJson.read(sample.replace("\"version\": 3", "\"version\": 0")
                .replace("CP4830192652", "CP4830192653"), InvolvementEvent.class))
                .hasMessage("contactPointId is missing or has a wrong check digit; version must be at least 1");
        assertThatThrownBy(() -> EventJson.read(sample.replace("6f1c2a8e-3b7d-4e0f-9a51-2c4d8e7f1a90", "x".repeat(65))
                .replace("\"status\": \"ACTIVE\",", ""), InvolvementEvent.class))
                .hasMessage("involvementId is longer than 64 characters; status is required");
    }

    private static String text(String path) throws Exception {
        try (InputStream in = InvolvementCatalogueTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode read(ObjectMapper mapper, String path) throws Exception {
        try (InputStream in = InvolvementCatalogueTest.class.getResourceAsStream(path)) {
            return mapper.readTree(in);
        }
    }

    private static com.networknt.schema.JsonSchema schema(String file) throws Exception {
        try (InputStream in = InvolvementCatalogueTest.class.getResourceAsStream("/schemas/" + file)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }
}
