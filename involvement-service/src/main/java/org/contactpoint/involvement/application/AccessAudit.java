package org.contactpoint.involvement.application;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.audit.AuditEvents;
import org.contactpoint.support.audit.AuditTrail;
import org.contactpoint.support.audit.RefusalAudit;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.security.Caller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Writes the audit record of a read or write in the same transaction as the access itself. */
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

    /** The same, for an actor that is not a signed-in caller (an agency's record on the agency topic). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void success(AuditEvent.Actor actor, String action, Map<String, String> query, List<String> childIds,
                        int resultCount) {
        trail.record(event(events.by(actor, action), AuditEvent.Outcome.SUCCESS, query, childIds, resultCount));
    }

    /**
     * Records a refused access in its own transaction (the request's rolls back) and returns the refusal to throw:
     * refused attempts are what misuse detection looks for.
     */
    public Forbidden denied(Caller caller, String action, Map<String, String> query, List<String> childIds,
                            String detail) {
        AuditEvent denied = event(events.by(caller, action), AuditEvent.Outcome.DENIED, query, childIds, 0);
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
