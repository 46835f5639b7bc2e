package org.contactpoint.events.involvement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.contactpoint.events.EventCatalogueTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import java.io.InputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

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
