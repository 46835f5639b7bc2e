package org.contactpoint.audit.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.events.audit.AuditEvent;

/** Reads back the access a record chains, from its canonical event (the one place the full event is kept). */
@ApplicationScoped
public class ChainedEvents {

    private final ObjectMapper objectMapper;

    public ChainedEvents(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public AuditEvent of(AuditRecord record) {
        try {
            return objectMapper.readValue(record.canonicalEvent(), AuditEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Chained event " + record.sequence() + " cannot be read", e);
        }
    }
}
