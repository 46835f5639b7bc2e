package org.contactpoint.identity.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.repository.SealedLinkRepository;
import org.contactpoint.support.audit.AuditEvents;
import org.contactpoint.support.audit.AuditTrail;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** identity-service's audit events: who did what to which children, recorded in the same transaction. */
@ApplicationScoped
public class IdentityAudit {

    private final AuditTrail trail;
    private final AuditEvents events;
    private final SealedLinkRepository sealedLinks;
    private final IdentityConfig config;

    public IdentityAudit(AuditTrail trail, AuditEvents events, SealedLinkRepository sealedLinks,
                         IdentityConfig config) {
        this.trail = trail;
        this.events = events;
        this.sealedLinks = sealedLinks;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void success(Caller caller, String action, Map<String, String> query, List<Child> children) {
        success(caller.toActor(), action, query, children);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void success(AuditEvent.Actor actor, String action, Map<String, String> query, List<Child> children) {
        record(actor, action, AuditEvent.Outcome.SUCCESS, query, children);
    }

    /** A read of children's personal data, with the purpose of use the caller stated. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void read(Caller caller, PurposeOfUse purpose, String action, Map<String, String> query,
                     List<Child> children) {
        record(caller.toActor(), action, AuditEvent.Outcome.SUCCESS, purpose, query, children);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditEvent.Actor actor, String action, AuditEvent.Outcome outcome, Map<String, String> query,
                       List<Child> children) {
        record(actor, action, outcome, null, query, children);
    }

    private void record(AuditEvent.Actor actor, String action, AuditEvent.Outcome outcome, PurposeOfUse purpose,
                        Map<String, String> query, List<Child> children) {
        List<Child> touched = children.stream().filter(Objects::nonNull).toList();
        // A held new identity is named by nothing outside the service before its release, its audit records included:
        // they name its sealed link's reference instead, which only the sealed-records team can resolve.
        Map<String, String> heldReferences = heldReferences(touched);
        List<String> ids = touched.stream().map(Child::contactPointId)
                .filter(id -> !heldReferences.containsKey(id)).distinct().toList();
        List<String> protectedIds = touched.stream().filter(Child::isProtected).map(Child::contactPointId)
                .filter(id -> !heldReferences.containsKey(id)).distinct().toList();
        Map<String, String> cleanQuery = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (v != null) {
                String value = v;
                for (Map.Entry<String, String> held : heldReferences.entrySet()) {
                    value = value.replace(held.getKey(), held.getValue());
                }
                cleanQuery.put(k, value);
            }
        });
        if (!heldReferences.isEmpty()) {
            cleanQuery.put("heldIdentity", String.join(",", heldReferences.values()));
        }
        trail.record(events.by(actor, action).outcome(outcome).purpose(purpose == null ? null : purpose.name())
                .query(cleanQuery).children(ids)
                .shieldedAccessed(touched.stream().anyMatch(Child::isShielded)).protectedChildren(protectedIds)
                .build());
    }

    /**
     * One audit event for a whole batch, naming every child it touched: a bulk load is audited per batch, not per
     * record. A batch touching more children than {@code contactpoint.identity.audit.children-per-event} is audited
     * in parts of at most that many, each with the batch's query plus {@code batch} (one id for all its parts) and
     * {@code part} ({@code 2/5}), so that no event exceeds what Kafka takes, however large the batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void batch(AuditEvent.Actor actor, String action, Map<String, String> query, List<String> children,
                      List<String> protectedChildren, boolean shieldedAccessed) {
        Map<String, String> cleanQuery = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (v != null) {
                cleanQuery.put(k, v);
            }
        });
        List<String> named = children.stream().distinct().toList();
        Set<String> protectedIds = new HashSet<>(protectedChildren);
        int size = Math.max(1, config.audit().childrenPerEvent());
        if (named.size() <= size) {
            trail.record(events.by(actor, action).outcome(AuditEvent.Outcome.SUCCESS).query(cleanQuery)
                    .children(named).shieldedAccessed(shieldedAccessed)
                    .protectedChildren(protectedChildren.stream().distinct().toList()).build());
            return;
        }
        String batch = UUID.randomUUID().toString();
        int parts = (named.size() + size - 1) / size;
        List<AuditEvent> events = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            List<String> these = named.subList(part * size, Math.min(named.size(), (part + 1) * size));
            Map<String, String> partQuery = new LinkedHashMap<>(cleanQuery);
            partQuery.put("batch", batch);
            partQuery.put("part", (part + 1) + "/" + parts);
            events.add(this.events.by(actor, action).outcome(AuditEvent.Outcome.SUCCESS).query(partQuery)
                    .children(these).shieldedAccessed(shieldedAccessed)
                    .protectedChildren(these.stream().filter(protectedIds::contains).toList()).build());
        }
        trail.recordAll(events);
    }

    /** Each held new identity among these children, by ContactPoint ID, with its audit reference. */
    private Map<String, String> heldReferences(List<Child> touched) {
        List<Child> held = touched.stream().filter(Child::isHeld).toList();
        if (held.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> byRow = sealedLinks.auditReferences(held.stream().map(Child::id).distinct().toList());
        Map<String, String> references = new LinkedHashMap<>();
        for (Child child : held) {
            String reference = byRow.get(child.id());
            if (reference == null) {
                // Every held identity is sealed in the transaction that makes it; failing closed beats naming it.
                throw new IllegalStateException("A held new identity has no sealed link to audit it under");
            }
            references.put(child.contactPointId(), reference);
        }
        return references;
    }

    static Map<String, String> query(String... keyValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            query.put(keyValues[i], keyValues[i + 1]);
        }
        return query;
    }
}
