package org.contactpoint.identity.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.contactpoint.identity.rest.RegisterChildRequest;
import org.contactpoint.support.rest.Problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads one source record on its own (a batch element or a Kafka value), so that a bad record is reported with its
 * fields and reasons without affecting the others.
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
            String reason = e.getOriginalMessage() != null && e.getOriginalMessage().contains("not one of the values")
                    ? "is not one of the accepted values" : "has a value that cannot be read as the expected type";
            return new Read(null, List.of(new Problem.FieldError(path(e), reason)));
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
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return new Read(errors.isEmpty() ? record : null, errors);
    }

    private static String path(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
