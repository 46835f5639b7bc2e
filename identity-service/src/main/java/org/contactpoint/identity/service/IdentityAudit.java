package org.contactpoint.identity.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.support.audit.AuditTrail;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Builds identity-service's audit events: who did what to which children, recorded in the same transaction. */
@ApplicationScoped
public class IdentityAudit {

    public static final String SERVICE = "identity-service";

    private final AuditTrail trail;
    private final Clock clock;

    public IdentityAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void success(Caller caller, String action, Map<String, String> query, List<Child> children) {
        record(caller, action, "SUCCESS", query, children);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, String action, String outcome, Map<String, String> query,
                       List<Child> children) {
        List<Child> touched = children.stream().filter(Objects::nonNull).toList();
        List<String> ids = touched.stream().map(Child::contactPointId).distinct().toList();
        List<String> protectedIds = touched.stream()
                .filter(c -> c.vulnerabilities().contains(ChildEvent.Vulnerability.CHILD_PROTECTION_PLAN)
                        || c.vulnerabilities().contains(ChildEvent.Vulnerability.LOOKED_AFTER))
                .map(Child::contactPointId).distinct().toList();
        Map<String, String> cleanQuery = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (v != null) {
                cleanQuery.put(k, v);
            }
        });
        trail.record(new AuditEvent(UUID.randomUUID().toString(), clock.instant(), SERVICE, caller.toActor(), action,
                outcome, null, cleanQuery, ids, ids.size(), null, touched.stream().anyMatch(Child::isShielded),
                protectedIds));
    }

    static Map<String, String> query(String... keyValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            query.put(keyValues[i], keyValues[i + 1]);
        }
        return query;
    }
}
