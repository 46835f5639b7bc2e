package org.contactpoint.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.gateway.config.ScopeMode;
import org.contactpoint.gateway.domain.Child;
import org.contactpoint.gateway.domain.ChildIdentifier;
import org.contactpoint.gateway.domain.MatchGrade;
import org.contactpoint.gateway.repository.ChildLookupRepository;
import org.contactpoint.gateway.security.Roles;
import org.contactpoint.support.audit.AuditEvents;
import org.contactpoint.support.audit.AuditPublisher;
import org.contactpoint.support.audit.AuditUnavailable;
import org.contactpoint.support.audit.RefusalAudit;
import org.contactpoint.support.domain.Forbidden;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Searches and record views. Each counts against the caller's quota (in memory, {@link LookupQuota}) and is audited
 * fail closed without a database write: the audit event is published straight to Kafka and the lookup answers only
 * once the broker has acknowledged it; if it has not within the send timeout the lookup fails
 * ({@link AuditUnavailable}, 503) with nothing of what was found, and is not counted. Refusals (quota exceeded,
 * break-glass without the role) are published the same way before they are answered. A record view reads in one
 * statement, with no transaction.
 */
@ApplicationScoped
public class LookupService {

    private final ChildLookupRepository children;
    private final NameSearch nameSearch;
    private final LookupQuota quota;
    private final AuditPublisher audit;
    private final AuditEvents events;
    private final GatewayConfig config;

    public LookupService(ChildLookupRepository children, NameSearch nameSearch, LookupQuota quota,
                         AuditPublisher audit, AuditEvents events, GatewayConfig config) {
        this.children = children;
        this.nameSearch = nameSearch;
        this.quota = quota;
        this.audit = audit;
        this.events = events;
        this.config = config;
    }

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
    public Optional<ChildRecordView> view(String contactPointId, String breakGlassReason, Lookup lookup) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("contactPointId", contactPointId);
        if (breakGlassReason != null && !lookup.caller().hasRole(Roles.CHILD_PROTECTION)) {
            recordRefusal(lookup, "VIEW_RECORD", query, breakGlassReason);
            throw new Forbidden("Only staff with child-protection duties may break the glass");
        }
        takeQuota(lookup, "VIEW_RECORD", query);
        Optional<ChildLookupRepository.ChildRecord> held = children.record(contactPointId)
                .filter(found -> !found.child().isMerged() && visible(found.child()));
        if (held.isEmpty()) {
            // The lookup is audited (nothing found); the 404 that follows is not a second access to record.
            record(lookup, "VIEW_RECORD", query, Returned.of(List.of()), breakGlassReason);
            RefusalAudit.recordedByService();
            return Optional.empty();
        }
        Child child = held.get().child();
        String requested = child.contactPointId().equals(contactPointId) ? null : contactPointId;
        String lookupId = record(lookup, "VIEW_RECORD", query, Returned.of(List.of(child)), breakGlassReason);
        return Optional.of(RecordDisclosure.disclose(child, requested, held.get().involvements(),
                breakGlassReason != null, lookupId));
    }

    private List<Child> byIdentifier(ChildIdentifier identifier) {
        List<Child> held = identifier.isContactPointId()
                ? children.byContactPointId(identifier.value()).stream().toList()
                : children.byIdentifier(identifier.scheme(), identifier.value());
        Map<String, Child> found = new LinkedHashMap<>();
        for (Child child : held) {
            // A merged child's survivor that is itself merged is not held as anyone (see ChildLookupRepository).
            if (!child.isMerged() && visible(child)) {
                found.putIfAbsent(child.contactPointId(), child);
            }
        }
        return found.values().stream().limit(config.maxMatches()).toList();
    }

    private static SearchResult.Match match(Child child, MatchGrade grade) {
        return new SearchResult.Match(child.contactPointId(), grade, child.givenNames(), child.familyName(),
                child.preferredName(), child.dateOfBirth(), child.gender(), child.shielded());
    }

    private boolean visible(Child child) {
        return !child.isArchived() && !child.isClosed()
                && (config.scope() == ScopeMode.UNIVERSAL || !child.vulnerabilities().isEmpty());
    }

    private void takeQuota(Lookup lookup, String action, Map<String, String> query) {
        try {
            quota.take(lookup.caller().userId(), lookup.systemClient());
        } catch (QuotaExceededException e) {
            Map<String, String> refused = new LinkedHashMap<>(query);
            refused.put("refusal", "quota exceeded");
            recordRefusal(lookup, action, refused, null);
            throw e;
        }
    }

    /**
     * A refused lookup is recorded too (outcome DENIED), acknowledged before the refusal is answered: attempts are what
     * make misuse visible.
     */
    private void recordRefusal(Lookup lookup, String action, Map<String, String> query, String breakGlassReason) {
        AuditEvent refusal = events.by(lookup.caller(), action).outcome(AuditEvent.Outcome.DENIED)
                .purpose(lookup.purpose().name()).query(query).breakGlass(breakGlassReason).build();
        audit.record(refusal);
        RefusalAudit.recordedByService();
    }

    /**
     * Records the lookup and waits for the broker's acknowledgement; returns the audit record's id, which names the
     * answer. Unacknowledged, the lookup is given back to the quota and not answered.
     */
    private String record(Lookup lookup, String action, Map<String, String> query, Returned returned,
                          String breakGlassReason) {
        AuditEvent event = events.by(lookup.caller(), action).purpose(lookup.purpose().name()).query(query)
                .children(returned.ids()).breakGlass(breakGlassReason).shieldedAccessed(returned.anyShielded())
                .protectedChildren(returned.protectedIds()).build();
        try {
            audit.record(event);
        } catch (AuditUnavailable e) {
            quota.giveBack(lookup.caller().userId());
            throw e;
        }
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
