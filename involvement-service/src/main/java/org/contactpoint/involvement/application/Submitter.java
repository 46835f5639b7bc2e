package org.contactpoint.involvement.application;

import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.security.Caller;

import java.util.List;

/**
 * Who submitted an involvement: the agency (submission ids are unique per agency), the actor its audit records name,
 * and whether its credential proves the organisation it acts for. Over REST the signed-in caller, whose token's
 * {@code org} and {@code org_code} are the one organisation it may submit for; on an organisation's own agency topic
 * the agency the record's {@code ce_source} names, for the organisation the topic proves (only that organisation's
 * Kafka principal may write to it).
 */
public record Submitter(String agency, AuditEvent.Actor actor, boolean organisationProven) {

    /** A signed-in agency system or case-management system: bound to its token's organisation. */
    public static Submitter signedIn(Caller caller) {
        return new Submitter(caller.userId(), caller.toActor(), true);
    }

    /**
     * An agency's system that pushed a record to its organisation's own submission topic: only that organisation's
     * Kafka principal may write to it, so the topic proves the organisation (its code; the name is the payload's).
     */
    public static Submitter agencyTopic(String source, String organisationCode) {
        return new Submitter(source, new AuditEvent.Actor(source, source, List.of("agency-system"), null,
                organisationCode, null), true);
    }

    /** The organisation code the credential proves; null on the agency topic. */
    public String provenOrganisationCode() {
        return organisationProven ? actor.organisationCode() : null;
    }
}
