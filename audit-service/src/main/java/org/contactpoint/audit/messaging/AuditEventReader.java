package org.contactpoint.audit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

import java.util.Set;

/** Reads and checks a consumed audit event; anything that could not be chained faithfully is invalid. */
@ApplicationScoped
public class AuditEventReader {

    private static final Set<String> OUTCOMES = Set.of("SUCCESS", "DENIED", "REJECTED");

    private final ObjectMapper objectMapper;

    public AuditEventReader(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public AuditEvent read(IncomingEvent incoming) {
        if (!AuditEvent.TYPE.equals(incoming.type())) {
            throw new InvalidEventException("unexpected event type " + incoming.type() + ", expected " + AuditEvent.TYPE);
        }
        if (incoming.isTombstone()) {
            throw new InvalidEventException("an audit event cannot be empty");
        }
        AuditEvent event;
        try {
            event = objectMapper.readValue(incoming.payload(), AuditEvent.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not an AuditEvent: " + e.getOriginalMessage(), e);
        }
        require(event.eventId(), "eventId");
        require(event.occurredAt(), "occurredAt");
        require(event.service(), "service");
        require(event.actor(), "actor");
        require(event.actor().userId(), "actor.userId");
        require(event.action(), "action");
        if (!OUTCOMES.contains(event.outcome())) {
            throw new InvalidEventException("outcome must be one of " + OUTCOMES + ", was " + event.outcome());
        }
        if (event.childIds() != null && event.childIds().stream().anyMatch(id -> id == null || id.isBlank())) {
            throw new InvalidEventException("childIds must not contain blanks");
        }
        return event;
    }

    private static void require(Object value, String field) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw new InvalidEventException("missing " + field);
        }
    }
}
