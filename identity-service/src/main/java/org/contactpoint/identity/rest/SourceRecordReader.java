package org.contactpoint.identity.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.contactpoint.events.json.JsonPaths;
import org.contactpoint.support.rest.Problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads one source record of a REST call on its own (the body, or a batch element), so that a bad record is reported
 * with its fields and reasons without affecting the others. The Kafka feed reads the same records as the
 * {@code SourceRecord} contract, whose own checks give the same reasons.
 */
@ApplicationScoped
public class SourceRecordReader {

    private final ObjectMapper json;
    private final Validator validator;

    public SourceRecordReader(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** A record, or the reasons it is unusable. */
    public record Read(RegisterChildRequest record, List<Problem.FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }

        public String reason() {
            return String.join("; ", errors.stream().map(e -> e.field() + ": " + e.reason()).toList());
        }
    }

    public Read read(String text) {
        try {
            return read(json.readTree(text));
        } catch (JsonProcessingException e) {
            return new Read(null, List.of(new Problem.FieldError("", "is not valid JSON")));
        }
    }

    public Read read(JsonNode node) {
        RegisterChildRequest record;
        try {
            record = json.treeToValue(node, RegisterChildRequest.class);
        } catch (JsonMappingException e) {
            return new Read(null, List.of(new Problem.FieldError(JsonPaths.of(e), JsonPaths.reason(e))));
        } catch (JsonProcessingException e) {
            return new Read(null, List.of(new Problem.FieldError("", "is not valid JSON")));
        }
        if (record == null) {
            return new Read(null, List.of(new Problem.FieldError("", "is empty")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<RegisterChildRequest> violation : validator.validate(record)) {
            errors.add(new Problem.FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        if (record.source() == null) {
            errors.add(new Problem.FieldError("source", "is required for a source record"));
        }
        if (record.sourceId() == null || record.sourceId().isBlank()) {
            errors.add(new Problem.FieldError("sourceId", "is required for a source record"));
        }
        // By field, then reason: Bean Validation reports in no fixed order, and a record's reasons should not vary.
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::reason));
        return new Read(errors.isEmpty() ? record : null, errors);
    }
}
