package org.contactpoint.audit.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one spelling of a JSON value that the hash chain is computed over, so that anyone holding the same value can
 * recompute the same bytes: object members sorted by name (UTF-16 code-unit order, as {@link String#compareTo}),
 * members whose value is null dropped, array order kept, no whitespace between tokens, strings and numbers written as
 * Jackson writes them (minimal escaping, numbers in their plain form).
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    public static String of(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(normalise(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    /** Parses JSON text and returns its canonical form. */
    public static String of(String json) {
        try {
            return of(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode normalise(JsonNode value) {
        if (value.isObject()) {
            List<String> names = new ArrayList<>();
            value.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            ObjectNode sorted = MAPPER.createObjectNode();
            for (String name : names) {
                JsonNode member = value.get(name);
                if (member != null && !member.isNull()) {
                    sorted.set(name, normalise(member));
                }
            }
            return sorted;
        }
        if (value.isArray()) {
            var array = MAPPER.createArrayNode();
            for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
                array.add(normalise(it.next()));
            }
            return array;
        }
        return value;
    }

    /** Keeps a map's entries for use with {@link #of(JsonNode)}, e.g. to build the chained envelope. */
    static ObjectNode object(Map<String, JsonNode> members) {
        ObjectNode node = MAPPER.createObjectNode();
        members.forEach(node::set);
        return node;
    }
}
