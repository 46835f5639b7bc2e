package org.contactpoint.involvement.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.audit.AuditTrail;
import org.contactpoint.support.audit.RefusalAudit;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Writes the audit record of a read or write in the same transaction as the access itself. */
@ApplicationScoped
public class AccessAudit {

    static final String SERVICE = "involvement-service";

    private final AuditTrail trail;
    private final Clock clock;

    public AccessAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void success(Caller caller, String action, Map<String, String> query, List<String> childIds,
                        int resultCount) {
        trail.record(event(caller, action, "SUCCESS", query, childIds, resultCount));
    }

    /**
     * Records a refused access in its own transaction (the request's rolls back) and returns the 403 to throw: refused
     * attempts are what misuse detection looks for.
     */
    public ProblemException denied(Caller caller, String action, Map<String, String> query, List<String> childIds,
                                   String detail) {
        QuarkusTransaction.requiringNew().run(() -> trail.record(event(caller, action, "DENIED", query, childIds, 0)));
        RefusalAudit.recordedByService();
        return ProblemException.forbidden(detail);
    }

    private AuditEvent event(Caller caller, String action, String outcome, Map<String, String> query,
                             List<String> childIds, int resultCount) {
        Map<String, String> cleaned = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (v != null) {
                cleaned.put(k, v);
            }
        });
        List<String> children = childIds.stream().filter(Objects::nonNull).distinct().toList();
        return new AuditEvent(UUID.randomUUID().toString(), clock.instant(), SERVICE, caller.toActor(), action,
                outcome, null, cleaned, children, resultCount, null, false, List.of());
    }
}
