package org.contactpoint.audit.rest.fhir;

import org.contactpoint.audit.application.ChainedRecord;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A record of the trail as an IHE BALP-style {@code AuditEvent}: a search is a query event (action E, the query as an
 * entity), a record view a read (action R), each child touched a patient entity; the agent is the user who asked, the
 * source the service that served the access. Chain fields (sequence, hashes) travel as identifiers.
 */
final class FhirAuditEvents {

    static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String ACTION_SYSTEM = "https://contactpoint.example/CodeSystem/audit-action";
    static final String PURPOSE_SYSTEM = "https://contactpoint.example/CodeSystem/purpose-of-use";
    static final String USER_SYSTEM = "https://contactpoint.example/Id/user-id";
    static final String CONTACT_POINT_ID_SYSTEM = "https://contactpoint.example/Id/contact-point-id";
    static final String RECORD_HASH_SYSTEM = "https://contactpoint.example/Id/audit-record-hash";
    static final String EVENT_ID_SYSTEM = "https://contactpoint.example/Id/audit-event-id";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    private FhirAuditEvents() {
    }

    static AuditEvent of(ChainedRecord record) {
        org.contactpoint.events.audit.AuditEvent event = record.event();
        AuditEvent audit = new AuditEvent();
        audit.setId(String.valueOf(record.sequence()));
        audit.getMeta().setLastUpdated(Date.from(record.storedAt()));
        boolean query = isQuery(event.action());
        audit.setType(new Coding(EVENT_TYPE, "rest", "Restful Operation"));
        audit.addSubtype(query ? new Coding(RESTFUL_INTERACTION, "search-type", "search type")
                : new Coding(RESTFUL_INTERACTION, "read", "read"));
        audit.addSubtype(new Coding(ACTION_SYSTEM, event.action(), null));
        audit.setAction(action(event.action()));
        audit.setRecorded(Date.from(event.occurredAt()));
        audit.setOutcome(switch (event.outcome() == null ? "SUCCESS" : event.outcome()) {
            case "SUCCESS" -> AuditEvent.AuditEventOutcome._0;
            case "DENIED", "REJECTED" -> AuditEvent.AuditEventOutcome._4;
            default -> AuditEvent.AuditEventOutcome._8;
        });
        if (event.outcome() != null && !event.outcome().equals("SUCCESS")) {
            audit.setOutcomeDesc(event.outcome());
        }
        if (event.purpose() != null) {
            audit.addPurposeOfEvent().addCoding(new Coding(PURPOSE_SYSTEM, event.purpose(), null));
        }

        AuditEvent.AuditEventAgentComponent agent = audit.addAgent().setRequestor(true);
        agent.setWho(new Reference().setIdentifier(new Identifier().setSystem(USER_SYSTEM)
                .setValue(event.actor().userId())).setDisplay(event.actor().name()));
        if (event.actor().roles() != null) {
            event.actor().roles().forEach(role -> agent.addRole().setText(role));
        }
        if (event.actor().organisation() != null) {
            agent.setName(event.actor().organisation());
        }
        if (event.breakGlassReason() != null) {
            agent.addPurposeOfUse().addCoding(new Coding(ACT_REASON, "BTG", "break the glass"))
                    .setText(event.breakGlassReason());
        }

        audit.getSource().setSite(event.service())
                .setObserver(new Reference().setDisplay(event.service()))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));

        if (event.query() != null && !event.query().isEmpty()) {
            AuditEvent.AuditEventEntityComponent asked = audit.addEntity()
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(OBJECT_ROLE, "24", "Query"));
            asked.setQuery(queryString(event.query()).getBytes(StandardCharsets.UTF_8));
            event.query().forEach((name, value) -> asked.addDetail().setType(name)
                    .setValue(new org.hl7.fhir.r4.model.StringType(value)));
        }
        if (event.childIds() != null) {
            for (String child : event.childIds()) {
                AuditEvent.AuditEventEntityComponent patient = audit.addEntity()
                        .setWhat(new Reference("Patient/" + child).setIdentifier(new Identifier()
                                .setSystem(CONTACT_POINT_ID_SYSTEM).setValue(child)))
                        .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                        .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
                if (event.shieldedAccessed() || (event.protectedChildIds() != null
                        && event.protectedChildIds().contains(child))) {
                    patient.addSecurityLabel(new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality",
                            "R", "restricted"));
                }
            }
        }
        // The chain: this record's identity and hash, so a FHIR reader can match it to the audit stream.
        audit.addEntity().setWhat(new Reference().setIdentifier(new Identifier().setSystem(EVENT_ID_SYSTEM)
                        .setValue(event.eventId())))
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setDescription("sequence " + record.sequence() + ", source " + record.source() + ", hash "
                        + record.recordHash() + ", previous " + record.previousHash());
        return audit;
    }

    static boolean isQuery(String action) {
        return action != null && (action.contains("SEARCH") || action.startsWith("QUERY") || action.startsWith("LIST"));
    }

    private static AuditEvent.AuditEventAction action(String action) {
        if (action == null || isQuery(action)) {
            return AuditEvent.AuditEventAction.E;
        }
        if (action.startsWith("VIEW") || action.startsWith("READ") || action.startsWith("VERIFY")) {
            return AuditEvent.AuditEventAction.R;
        }
        if (action.startsWith("REGISTER") || action.startsWith("CREATE") || action.startsWith("RECORD")) {
            return AuditEvent.AuditEventAction.C;
        }
        if (action.startsWith("DELETE") || action.startsWith("PURGE") || action.startsWith("REMOVE")) {
            return AuditEvent.AuditEventAction.D;
        }
        return AuditEvent.AuditEventAction.U;
    }

    private static String queryString(Map<String, String> query) {
        return query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }
}
