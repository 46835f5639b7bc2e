package org.contactpoint.gateway.application;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.gateway.config.ScopeMode;
import org.contactpoint.gateway.domain.Child;
import org.contactpoint.gateway.domain.ChildIdentifier;
import org.contactpoint.gateway.domain.Involvement;
import org.contactpoint.gateway.domain.MatchGrade;
import org.contactpoint.gateway.repository.ChildIndexRepository;
import org.contactpoint.gateway.repository.ChildRepository;
import org.contactpoint.gateway.repository.InvolvementRepository;
import org.contactpoint.gateway.security.Roles;
import org.contactpoint.support.audit.AuditEvents;
import org.contactpoint.support.audit.AuditTrail;
import org.contactpoint.support.audit.RefusalAudit;
import org.contactpoint.support.domain.Forbidden;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Searches and record views. Each counts against the caller's quota and is audited in the lookup's own transaction
 * (the audit event goes to the outbox alongside the read, fail closed): if the audit record cannot be written, the
 * lookup fails rather than answer unaudited. Only a refusal (quota exceeded, break-glass without the role) is
 * recorded in a transaction of its own, because the refused lookup's transaction rolls back.
 */
@ApplicationScoped
public class LookupService {

    private final ChildRepository children;
    private final ChildIndexRepository index;
    private final NameSearch nameSearch;
    private final InvolvementRepository involvements;
    private final LookupQuota quota;
    private final AuditTrail audit;
    private final AuditEvents events;
    private final GatewayConfig config;

    public LookupService(ChildRepository children, ChildIndexRepository index, NameSearch nameSearch,
                         InvolvementRepository involvements, LookupQuota quota, AuditTrail audit, AuditEvents events,
                         GatewayConfig config) {
        this.children = children;
        this.index = index;
        this.nameSearch = nameSearch;
        this.involvements = involvements;
        this.quota = quota;
        this.audit = audit;
        this.events = events;
        this.config = config;
    }

    @Transactional
    public SearchResult search(SearchQuery query, Lookup lookup) {
        takeQuota(lookup, "SEARCH", query.asked());
        List<SearchResult.Match> matches;
        Returned returned;
        boolean tooMany = false;
        if (query.identifier() != null) {
            List<Child> found = byIdentifier(query.identifier());
            matches = found.stream().map(child -> match(child, MatchGrade.EXACT)).toList();
            returned = Returned.of(found);
        } else {
            NameSearch.Found found = nameSearch.find(query.criteria());
            tooMany = found.tooMany();
            matches = found.matches();
            returned = new Returned(found.returnedIds(), found.anyShielded(), found.protectedIds());
        }
        String lookupId = record(lookup, "SEARCH", query.asked(), returned, null);
        return tooMany
                ? new SearchResult(null, true, config.maxMatches(), lookupId)
                : new SearchResult(matches, false, config.maxMatches(), lookupId);
    }

    /**
     * A child's record; a merged duplicate answers with the child it was merged into. Empty (and audited as such)
     * when there is no such child to show: unknown, purged, archived or closed.
     *
     * @param breakGlassReason the reason for revealing withheld details; null for an ordinary view
     * @throws Forbidden when a reason is given by someone without child-protection duties
     */
    @Transactional
    public Optional<ChildRecordView> view(String contactPointId, String breakGlassReason, Lookup lookup) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("contactPointId", contactPointId);
        if (breakGlassReason != null && !lookup.caller().hasRole(Roles.CHILD_PROTECTION)) {
            recordRefusal(lookup, "VIEW_RECORD", query, breakGlassReason);
            throw new Forbidden("Only staff with child-protection duties may break the glass");
        }
        takeQuota(lookup, "VIEW_RECORD", query);
        Child child = resolve(contactPointId);
        if (child == null || !visible(child)) {
            // The lookup is audited (nothing found); the 404 that follows is not a second access to record.
            record(lookup, "VIEW_RECORD", query, Returned.of(List.of()), breakGlassReason);
            RefusalAudit.recordedByService();
            return Optional.empty();
        }
        String requested = child.contactPointId().equals(contactPointId) ? null : contactPointId;
        List<Involvement> held = involvements.forChild(child.contactPointId());
        String lookupId = record(lookup, "VIEW_RECORD", query, Returned.of(List.of(child)), breakGlassReason);
        return Optional.of(RecordDisclosure.disclose(child, requested, held, breakGlassReason != null, lookupId));
    }

    private List<Child> byIdentifier(ChildIdentifier identifier) {
        List<String> ids = identifier.isContactPointId()
                ? List.of(identifier.value())
                : index.findByIdentifier(identifier.scheme(), identifier.value());
        Map<String, Child> found = new LinkedHashMap<>();
        for (String id : ids) {
            Child child = resolve(id);
            if (child != null && visible(child)) {
                found.putIfAbsent(child.contactPointId(), child);
            }
        }
        return found.values().stream().limit(config.maxMatches()).toList();
    }

    private static SearchResult.Match match(Child child, MatchGrade grade) {
        return new SearchResult.Match(child.contactPointId(), grade, child.givenNames(), child.familyName(),
                child.preferredName(), child.dateOfBirth(), child.gender(), child.shielded());
    }

    /**
     * The child an ID stands for now: a merged record resolves to the one it was merged into, in one step (identity
     * publishes the final survivor). A survivor that is itself merged, or not held, resolves to nothing.
     */
    private Child resolve(String contactPointId) {
        Child child = children.findById(contactPointId);
        if (child != null && child.isMerged()) {
            child = children.findById(child.mergedInto());
        }
        return child == null || child.isMerged() ? null : child;
    }

    private boolean visible(Child child) {
        return !child.isArchived() && !child.isClosed()
                && (config.scope() == ScopeMode.UNIVERSAL || !child.vulnerabilities().isEmpty());
    }

    private void takeQuota(Lookup lookup, String action, Map<String, String> query) {
        try {
            quota.take(lookup.caller().userId());
        } catch (QuotaExceededException e) {
            Map<String, String> refused = new LinkedHashMap<>(query);
            refused.put("refusal", "quota exceeded");
            recordRefusal(lookup, action, refused, null);
            throw e;
        }
    }

    /**
     * A refused lookup is recorded too (outcome DENIED), in a transaction of its own because the lookup's own
     * transaction rolls back: attempts are what make misuse visible.
     */
    private void recordRefusal(Lookup lookup, String action, Map<String, String> query, String breakGlassReason) {
        AuditEvent refusal = events.by(lookup.caller(), action).outcome(AuditEvent.Outcome.DENIED)
                .purpose(lookup.purpose().name()).query(query).breakGlass(breakGlassReason).build();
        QuarkusTransaction.requiringNew().run(() -> audit.record(refusal));
        RefusalAudit.recordedByService();
    }

    /** Records the lookup in the lookup's own transaction; returns the audit record's id, which names the answer. */
    private String record(Lookup lookup, String action, Map<String, String> query, Returned returned,
                          String breakGlassReason) {
        AuditEvent event = events.by(lookup.caller(), action).purpose(lookup.purpose().name()).query(query)
                .children(returned.ids()).breakGlass(breakGlassReason).shieldedAccessed(returned.anyShielded())
                .protectedChildren(returned.protectedIds()).build();
        audit.record(event);
        return event.eventId();
    }

    /** What the audit event says was disclosed: the children's IDs, whether any is shielded, which are protected. */
    private record Returned(List<String> ids, boolean anyShielded, List<String> protectedIds) {

        static Returned of(List<Child> children) {
            return new Returned(children.stream().map(Child::contactPointId).toList(),
                    children.stream().anyMatch(Child::shielded),
                    children.stream().filter(Child::isProtected).map(Child::contactPointId).toList());
        }
    }
}
