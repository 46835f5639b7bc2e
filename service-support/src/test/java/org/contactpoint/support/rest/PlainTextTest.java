package org.contactpoint.support.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.contactpoint.events.json.ContractViolation;
import org.contactpoint.events.json.EventJson;
import org.contactpoint.events.json.JsonPaths;
import org.contactpoint.events.json.PlainText;
import org.contactpoint.events.json.RefusedText;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text rule as every service's mapper and the event reader apply it: where it refuses, and what it names. */
class PlainTextTest {

    record Person(String familyName, List<String> givenNames, Map<String, String> notes, Address address) {
    }

    record Address(String town) {
    }

    record Batch(List<JsonNode> records) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final PlainTextJson customizer = new PlainTextJson();

    PlainTextTest() {
        customizer.customize(mapper);
    }

    @Test
    void aNulOrALoneSurrogateAnywhereIsRefusedNamingTheField() {
        assertRefused("{\"familyName\":\"Ok\\u0000afor\"}", Person.class, "familyName", "contains a NUL character");
        assertRefused("{\"givenNames\":[\"Amara\",\"A\\ud800\"]}", Person.class, "givenNames[1]",
                "contains a lone surrogate, which is not Unicode text");
        assertRefused("{\"notes\":{\"a\":\"\\udc00\"}}", Person.class, "notes.a",
                "contains a lone surrogate, which is not Unicode text");
        assertRefused("{\"address\":{\"town\":\"\\u0000\"}}", Person.class, "address.town", "contains a NUL character");
        assertThatThrownBy(() -> mapper.readValue("{\"notes\":{\"a\\u0000\":\"x\"}}", Person.class))
                .isInstanceOf(RefusedText.class).hasMessageContaining("has a name that contains a NUL character");
    }

    @Test
    void aBatchReadAsTreesIsCheckedItemByItemAsEachBecomesARecord() throws Exception {
        Batch batch = mapper.readValue("{\"records\":[{\"familyName\":\"Okafor\"},"
                + "{\"address\":{\"town\":\"\\u0000\"}}]}", Batch.class);
        assertThat(mapper.treeToValue(batch.records().get(0), Person.class).familyName()).isEqualTo("Okafor");
        assertThatThrownBy(() -> mapper.treeToValue(batch.records().get(1), Person.class))
                .isInstanceOfSatisfying(RefusedText.class, e -> assertThat(JsonPaths.of(e)).isEqualTo("address.town"));
    }

    @Test
    void ordinaryUnicodeIsTakenAsItIs() throws Exception {
        Person person = mapper.readValue("{\"familyName\":\"Zoë Ōkafor-Ñúñez 👶🏽 \\ud835\\udd18\","
                + "\"givenNames\":[\"\\t\"],\"notes\":{\"k\":\"\u202Eevil\"}}", Person.class);
        assertThat(person.familyName()).isEqualTo("Zoë Ōkafor-Ñúñez 👶🏽 𝔘");
        assertThat(mapper.readValue("{\"records\":[null,{\"a\":\"b\"}]}", Batch.class).records()).hasSize(2);
        assertThat(PlainText.problem("a\ud83d\udc76b")).isNull();
        assertThat(PlainText.problem("a\ud83d")).isNotNull();
    }

    @Test
    void eventsWithSuchTextAreContractViolationsInWords() {
        assertThatThrownBy(() -> EventJson.read("{\"familyName\":\"Ok\\u0000afor\"}", Person.class))
                .isInstanceOf(ContractViolation.class).hasMessage("familyName: contains a NUL character");
        assertThatThrownBy(() -> EventJson.read("[1,2]", Person.class))
                .isInstanceOf(ContractViolation.class).message().doesNotContain("`").doesNotContain("org.");
    }

    private void assertRefused(String json, Class<?> type, String field, String reason) {
        assertThatThrownBy(() -> mapper.readValue(json, type)).isInstanceOfSatisfying(RefusedText.class, e -> {
            assertThat(JsonPaths.of(e)).isEqualTo(field);
            assertThat(JsonPaths.reason(e)).isEqualTo(reason);
        });
    }
}
