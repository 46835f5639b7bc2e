package org.contactpoint.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the catalogue: each golden sample is valid against its published schema, and survives a round trip through
 * the Java record unchanged, so a renamed or dropped field fails here before it breaks a consumer.
 * <p>
 * Each producer keeps its own rows: the owner's test class (e.g. {@code identity.IdentityCatalogueTest}) extends
 * this one and overrides {@link #catalogue()}.
 */
public class EventCatalogueTest {

    /** A row for every event payload in the catalogue: record type, schema file, golden sample file. */
    protected static Stream<Arguments> catalogue() {
        return Stream.of(
                Arguments.of(ChildEvent.class, "identity.child.v1.schema.json", "identity.child.registered.v1.json"),
                Arguments.of(InvolvementEvent.class, "involvement.involvement.v1.schema.json",
                        "involvement.involvement.started.v1.json"),
                Arguments.of(AuditEvent.class, "audit.access.v1.schema.json", "audit.access.recorded.v1.json"));
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @ParameterizedTest(name = "{2}")
    @MethodSource("catalogue")
    protected void goldenSampleMatchesSchemaAndRecord(Class<?> type, String schemaFile, String sampleFile) throws IOException {
        JsonNode sample = read("/samples/" + sampleFile);

        Set<ValidationMessage> errors = schema(schemaFile).validate(sample);
        assertThat(errors).as("schema violations in %s", sampleFile).isEmpty();

        JsonNode roundTripped = MAPPER.readTree(MAPPER.writeValueAsString(MAPPER.treeToValue(sample, type)));
        assertThat(roundTripped).as("%s through %s", sampleFile, type.getSimpleName()).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{1} rejects an empty object")
    @MethodSource("catalogue")
    protected void schemaRejectsPayloadMissingRequiredFields(Class<?> type, String schemaFile) throws IOException {
        assertThat(schema(schemaFile).validate(MAPPER.createObjectNode())).isNotEmpty();
    }

    private static JsonSchema schema(String file) throws IOException {
        try (InputStream in = EventCatalogueTest.class.getResourceAsStream("/schemas/" + file)) {
            assertThat(in).as("schema %s", file).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static JsonNode read(String path) throws IOException {
        try (InputStream in = EventCatalogueTest.class.getResourceAsStream(path)) {
            assertThat(in).as("sample %s", path).isNotNull();
            return MAPPER.readTree(in);
        }
    }
}
