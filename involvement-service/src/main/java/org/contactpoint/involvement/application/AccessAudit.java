package org.contactpoint.involvement.application;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.support.audit.AuditEvents;
import org.contactpoint.support.audit.AuditTrail;
import org.contactpoint.support.audit.RefusalAudit;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the audit record of a read or write in the same transaction as the access itself. No record names a
 * sensitive service in clear: an involvement is referred to by its id (which {@link AuditReferenceService} resolves
 * for an investigator), never by its service type, provider or the agency's own submission id; and where the actor is
 * the provider of a sensitive service touched (its staff or its system), the actor's name and organisation are
 * withheld too, since they would name the service against the child. The actor's user id stays, so misuse is still
 * traced to an account.
 */
@ApplicationScoped
public class AccessAudit {

    private final AuditTrail trail;
    private final AuditEvents events;

    public AccessAudit(AuditTrail trail, AuditEvents events) {
        this.trail = trail;
        this.events = events;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void success(Caller caller, String action, Map<String, String> query, List<String> childIds,
                        int resultCount) {
        success(caller.toActor(), action, query, childIds, resultCount);
    }

    /** A read the caller stated a purpose for (an investigator resolving a reference). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void success(Caller caller, String action, String purpose, Map<String, String> query,
                        List<String> childIds, int resultCount) {
        trail.record(event(events.by(caller, action).purpose(purpose), AuditEvent.Outcome.SUCCESS, query, childIds,
                resultCount));
    }

    /** The same, for an actor that is not a signed-in caller (an agency's record on the agency topic). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void success(AuditEvent.Actor actor, String action, Map<String, String> query, List<String> childIds,
                        int resultCount) {
        trail.record(event(events.by(actor, action), AuditEvent.Outcome.SUCCESS, query, childIds, resultCount));
    }

    /** A read of a child's data by an actor as recorded, with the purpose of use the caller stated. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void success(AuditEvent.Actor actor, String action, PurposeOfUse purpose, Map<String, String> query,
                        List<String> childIds, int resultCount) {
        trail.record(event(events.by(actor, action).purpose(purpose.name()), AuditEvent.Outcome.SUCCESS, query,
                childIds, resultCount));
    }

    /** The record of a successful access, not yet written: a batch writes its records together ({@link #recordAll}). */
    public AuditEvent successEvent(AuditEvent.Actor actor, String action, Map<String, String> query,
                                   List<String> childIds, int resultCount) {
        return event(events.by(actor, action), AuditEvent.Outcome.SUCCESS, query, childIds, resultCount);
    }

    /** Writes a batch's records in one statement, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<AuditEvent> records) {
        trail.recordAll(records);
    }

    /** The actor as the trail records it: without name and organisation when it provides a sensitive service here. */
    public static AuditEvent.Actor asRecorded(AuditEvent.Actor actor, boolean providesSensitiveService) {
        if (!providesSensitiveService) {
            return actor;
        }
        return new AuditEvent.Actor(actor.userId(), null, actor.roles(), null, null, actor.localAuthority());
    }

    /** Whether the actor is, or acts for, the provider of this involvement, and the involvement is sensitive. */
    public static boolean providesSensitive(AuditEvent.Actor actor, Involvement involvement) {
        return involvement.sensitive() && (Objects.equals(actor.userId(), involvement.sourceAgency())
                || (actor.organisationCode() != null
                && actor.organisationCode().equals(involvement.organisationCode())));
    }

    /** The caller as the trail records an access touching these involvements. */
    public static AuditEvent.Actor asRecorded(Caller caller, List<Involvement> touched) {
        AuditEvent.Actor actor = caller.toActor();
        return asRecorded(actor, touched.stream().anyMatch(i -> providesSensitive(actor, i)));
    }

    /**
     * Records a refused access in its own transaction (the request's rolls back) and returns the refusal to throw:
     * refused attempts are what misuse detection looks for.
     */
    public Forbidden denied(Caller caller, String action, Map<String, String> query, List<String> childIds,
                            String detail) {
        return denied(caller.toActor(), action, query, childIds, detail);
    }

    /** A refused read, with the purpose of use the caller stated. */
    public Forbidden denied(Caller caller, String action, PurposeOfUse purpose, Map<String, String> query,
                            List<String> childIds, String detail) {
        return denied(events.by(caller, action).purpose(purpose.name()), query, childIds, detail);
    }

    /** The same, for an actor that is not a signed-in caller as such (a submitter). */
    public Forbidden denied(AuditEvent.Actor actor, String action, Map<String, String> query, List<String> childIds,
                            String detail) {
        return denied(events.by(actor, action), query, childIds, detail);
    }

    private Forbidden denied(AuditEvent.Builder builder, Map<String, String> query, List<String> childIds,
                             String detail) {
        AuditEvent denied = event(builder, AuditEvent.Outcome.DENIED, query, childIds, 0);
        QuarkusTransaction.requiringNew().run(() -> trail.record(denied));
        RefusalAudit.recordedByService();
        return new Forbidden(detail);
    }

    private static AuditEvent event(AuditEvent.Builder builder, AuditEvent.Outcome outcome, Map<String, String> query,
                                    List<String> childIds, int resultCount) {
        Map<String, String> cleaned = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (v != null) {
                cleaned.put(k, v);
            }
        });
        return builder.outcome(outcome).query(cleaned)
                .children(childIds.stream().filter(Objects::nonNull).distinct().toList())
                .resultCount(resultCount).build();
    }
}
