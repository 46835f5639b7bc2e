package org.contactpoint.involvement.application;

import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.security.Caller;

import java.util.List;

/**
 * Who submitted an involvement: the agency (submission ids are unique per agency) and the actor its audit records
 * name. Over REST the signed-in caller; on the agency topic the agency the record's {@code ce_source} names.
 */
public record Submitter(String agency, AuditEvent.Actor actor) {

    /** A signed-in agency system or case-management system. */
    public static Submitter signedIn(Caller caller) {
        return new Submitter(caller.userId(), caller.toActor());
    }

    /** An agency's system that pushed a record to the agency topic. */
    public static Submitter agencyTopic(String source) {
        return new Submitter(source, new AuditEvent.Actor(source, source, List.of("agency-system"), null, null,
                null));
    }
}
