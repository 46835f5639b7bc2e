package org.contactpoint.involvement.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.contactpoint.events.involvement.AgencySubmission;
import org.contactpoint.involvement.rest.SubmitInvolvementRequest;
import org.contactpoint.support.messaging.InboxGuard;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a record from the agency topic exactly as {@code POST /involvements} would apply the same body: the agency is
 * the record's {@code ce_source}, the idempotency id its {@code submissionId}. What REST would answer with 4xx is an
 * invalid event here, dead-lettered with the same reason.
 */
@ApplicationScoped
public class AgencySubmissionHandler {

    static final String CONSUMER = "involvement-service.agency-submissions";

    private final InboxGuard inbox;
    private final SubmissionService submissions;
    private final Validator validator;
    private final ObjectMapper json;

    public AgencySubmissionHandler(InboxGuard inbox, SubmissionService submissions, Validator validator,
                                   ObjectMapper json) {
        this.inbox = inbox;
        this.submissions = submissions;
        this.validator = validator;
        // Readers ignore fields added to the contract later.
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Transactional
    public void apply(IncomingEvent event) {
        if (!inbox.firstDelivery(CONSUMER, event.id())) {
            return;
        }
        if (!AgencySubmission.TYPE.equals(event.type())) {
            throw new InvalidEventException("ce_type must be " + AgencySubmission.TYPE + ", was " + event.type());
        }
        if (event.source() == null || event.source().isBlank()) {
            throw new InvalidEventException("missing header ce_source: the submitting agency");
        }
        if (event.isTombstone()) {
            throw new InvalidEventException("a submission needs a value");
        }
        SubmitInvolvementRequest request = read(event.payload());
        Set<ConstraintViolation<SubmitInvolvementRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations.stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; ")));
        }
        Caller agency = new Caller(event.source(), event.source(), Set.of("agency-system"), null, null, null);
        try {
            submissions.submit(request, event.source(), agency);
        } catch (ProblemException e) {
            throw new InvalidEventException(e.getMessage(), e);
        }
    }

    private SubmitInvolvementRequest read(String payload) {
        try {
            return json.readValue(payload, SubmitInvolvementRequest.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            String reason = e instanceof InvalidFormatException ? "has a value that cannot be read as the expected type"
                    : e.getOriginalMessage();
            throw new InvalidEventException(field.isEmpty() ? "value is not a submission: " + e.getOriginalMessage()
                    : field + ": " + reason, e);
        } catch (Exception e) {
            throw new InvalidEventException("value is not valid JSON: " + e.getMessage(), e);
        }
    }
}
