package org.contactpoint.events.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.contactpoint.events.Contract;

import java.util.List;

/**
 * Reads and writes event payloads the one way every service does: unknown fields ignored (additive changes within a
 * major version), ISO-8601 dates, text with a NUL or a lone surrogate refused as it is read ({@link PlainText}), and
 * a {@link Contract}'s own rules checked after reading. A payload that fails either is a {@link ContractViolation}
 * whose message names the field and the reason.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(PlainText.module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private EventJson() {
    }

    /**
     * The payload as its contract type, validated.
     *
     * @throws ContractViolation when it is not JSON, a field cannot be read, or the contract's rules are broken
     */
    public static <T> T read(String payload, Class<T> contract) {
        if (payload == null) {
            throw new ContractViolation("a " + contract.getSimpleName() + " must have a value");
        }
        T value;
        try {
            value = MAPPER.readValue(payload, contract);
        } catch (JsonMappingException e) {
            String field = JsonPaths.of(e);
            throw new ContractViolation(field.isEmpty()
                    ? "value is not a " + contract.getSimpleName() + ": "
                    + JsonPaths.words(e.getOriginalMessage())
                    : field + ": " + JsonPaths.reason(e), e);
        } catch (JsonProcessingException e) {
            throw new ContractViolation("value is not valid JSON for a " + contract.getSimpleName() + ": "
                    + JsonPaths.words(e.getOriginalMessage()), e);
        }
        if (value == null) {
            throw new ContractViolation("value is JSON null, not a " + contract.getSimpleName());
        }
        if (value instanceof Contract checked) {
            List<String> violations = checked.violations();
            if (!violations.isEmpty()) {
                throw new ContractViolation(String.join("; ", violations));
            }
        }
        return value;
    }

    /** The payload as JSON text. */
    public static String write(Object payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + payload.getClass().getSimpleName(), e);
        }
    }
}
