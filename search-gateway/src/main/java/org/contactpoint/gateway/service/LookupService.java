package org.contactpoint.gateway.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.gateway.domain.Child;
import org.contactpoint.gateway.domain.MatchGrade;
import org.contactpoint.gateway.domain.Names;
import org.contactpoint.gateway.domain.ScopeMode;
import org.contactpoint.gateway.domain.SearchCriteria;
import org.contactpoint.gateway.repository.ChildIndexRepository;
import org.contactpoint.gateway.repository.ChildRepository;
import org.contactpoint.gateway.repository.ChildSearchRepository;
import org.contactpoint.gateway.repository.InvolvementRepository;
import org.contactpoint.gateway.rest.ChildRecordResponse;
import org.contactpoint.gateway.rest.SearchParameters;
import org.contactpoint.gateway.rest.SearchResponse;
import org.contactpoint.gateway.security.Roles;
import org.contactpoint.support.audit.AuditTrail;
import org.contactpoint.support.audit.RefusalAudit;
import org.contactpoint.support.rest.ProblemException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Searches and record views. Each counts against the caller's quota and is audited in the lookup's own transaction
 * (the audit event goes to the outbox alongside the read, fail closed): if the audit record cannot be written, the
 * lookup fails rather than answer unaudited. Only a refusal (quota exceeded, break-glass without the role) is
 * recorded in a transaction of its own, because the refused lookup's transaction rolls back.
 */
@ApplicationScoped
public class LookupService {

    static final String SERVICE = "search-gateway";
    private static final int MAX_MERGE_HOPS = 10;

    private final ChildRepository children;
    private final ChildIndexRepository index;
    private final ChildSearchRepository search;
    private final InvolvementRepository involvements;
    private final LookupQuota quota;
    private final AuditTrail audit;
    private final GatewayConfig config;
    private final Clock clock;

    public LookupService(ChildRepository children, ChildIndexRepository index, ChildSearchRepository search,
                         InvolvementRepository involvements, LookupQuota quota, AuditTrail audit,
                         GatewayConfig config, Clock clock) {
        this.children = children;
        this.index = index;
        this.search = search;
        this.involvements = involvements;
        this.quota = quota;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public SearchResponse search(SearchParameters parameters, LookupContext context) {
        takeQuota(context, "SEARCH", parameters.asQuery());
        Optional<SearchParameters.Identifier> identifier = parameters.identifier();
        List<SearchResponse.Match> matches;
        Returned returned;
        boolean tooMany = false;
        if (identifier.isPresent()) {
            List<Child> found = byIdentifier(identifier.get());
            matches = found.stream().map(child -> match(child, MatchGrade.EXACT)).toList();
            returned = Returned.of(found);
        } else {
            SearchCriteria criteria = parameters.criteria();
            List<String> alternatives = criteria.givenNames() == null ? List.of()
                    : List.copyOf(Names.alternatives(criteria.givenNames()));
            List<ChildSearchRepository.Candidate> candidates = search.search(criteria, alternatives,
                    config.scope() == ScopeMode.UNIVERSAL, config.maxMatches() + 1);
            tooMany = candidates.size() > config.maxMatches();
            List<ChildSearchRepository.Candidate> shown = tooMany ? List.of() : candidates;
            matches = graded(shown, criteria);
            returned = new Returned(shown.stream().map(ChildSearchRepository.Candidate::contactPointId).toList(),
                    shown.stream().anyMatch(ChildSearchRepository.Candidate::shielded),
                    shown.stream().filter(ChildSearchRepository.Candidate::protectedChild)
                            .map(ChildSearchRepository.Candidate::contactPointId).toList());
        }
        record(context, "SEARCH", parameters.asQuery(), returned, null);
        return tooMany
                ? new SearchResponse(null, true, "More than " + config.maxMatches()
                + " children match: add criteria (a given name, an exact date of birth, gender) to narrow the search")
                : new SearchResponse(matches, false, null);
    }

    /**
     * A child's record, following merges to the surviving record. Empty (and audited as such) when there is no such
     * child to show: unknown, purged, archived or closed.
     *
     * @param breakGlassReason the reason for revealing withheld details; null for an ordinary view
     */
    @Transactional
    public Optional<ChildRecordResponse> view(String contactPointId, String breakGlassReason, LookupContext context) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("contactPointId", contactPointId);
        if (breakGlassReason != null && !context.caller().hasRole(Roles.CHILD_PROTECTION)) {
            recordRefusal(context, "VIEW_RECORD", query, breakGlassReason);
            throw ProblemException.forbidden("Only staff with child-protection duties may break the glass");
        }
        takeQuota(context, "VIEW_RECORD", query);
        Child child = resolve(contactPointId);
        if (child == null || !visible(child)) {
            // The lookup is audited (nothing found); the 404 that follows is not a second access to record.
            record(context, "VIEW_RECORD", query, Returned.of(List.of()), breakGlassReason);
            RefusalAudit.recordedByService();
            return Optional.empty();
        }
        String requested = child.contactPointId().equals(contactPointId) ? null : contactPointId;
        ChildRecordResponse response = RecordDisclosure.disclose(child, requested,
                involvements.forChild(child.contactPointId()), breakGlassReason != null);
        record(context, "VIEW_RECORD", query, Returned.of(List.of(child)), breakGlassReason);
        return Optional.of(response);
    }

    private List<Child> byIdentifier(SearchParameters.Identifier identifier) {
        List<String> ids = SearchParameters.Identifier.CONTACT_POINT_ID.equals(identifier.scheme())
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

    private List<SearchResponse.Match> graded(List<ChildSearchRepository.Candidate> candidates,
                                              SearchCriteria criteria) {
        record Graded(SearchResponse.Match match, boolean birthdayAsGiven) {
        }
        List<Graded> graded = new ArrayList<>();
        for (ChildSearchRepository.Candidate candidate : candidates) {
            // A full date of birth is also searched transposed: such a child was not born on the date given.
            boolean birthdayAsGiven = !criteria.exactBirthday()
                    || criteria.dateOfBirthFrom().equals(candidate.dateOfBirth());
            MatchGrade grade = MatchGrade.of(MatchGrade.Level.of(candidate.familyLevel()),
                    MatchGrade.Level.of(candidate.givenLevel()), criteria.exactBirthday() && birthdayAsGiven,
                    criteria.dateGiven());
            graded.add(new Graded(new SearchResponse.Match(candidate.contactPointId(), grade, candidate.givenNames(),
                    candidate.familyName(), candidate.preferredName(), candidate.dateOfBirth(), candidate.gender(),
                    candidate.shielded()), birthdayAsGiven));
        }
        // Candidates arrive ranked by name. The date as given leads (a transposed date only ever follows it), then the
        // grade (which also weighs the date), then that rank.
        graded.sort(Comparator.comparing((Graded g) -> !g.birthdayAsGiven()).thenComparing(g -> g.match().grade()));
        return graded.stream().map(Graded::match).toList();
    }

    private static SearchResponse.Match match(Child child, MatchGrade grade) {
        return new SearchResponse.Match(child.contactPointId(), grade, child.givenNames(), child.familyName(),
                child.preferredName(), child.dateOfBirth(), child.gender(), child.shielded());
    }

    /** The child an ID stands for now: a merged record resolves to the one it was merged into. */
    private Child resolve(String contactPointId) {
        Child child = children.findById(contactPointId);
        for (int hop = 0; child != null && child.isMerged() && hop < MAX_MERGE_HOPS; hop++) {
            child = children.findById(child.mergedInto());
        }
        return child == null || child.isMerged() ? null : child;
    }

    private boolean visible(Child child) {
        return !child.isArchived() && !child.isClosed()
                && (config.scope() == ScopeMode.UNIVERSAL || !child.vulnerabilities().isEmpty());
    }

    private void takeQuota(LookupContext context, String action, Map<String, String> query) {
        try {
            quota.take(context.caller().userId());
        } catch (QuotaExceededException e) {
            Map<String, String> refused = new LinkedHashMap<>(query);
            refused.put("refusal", "quota exceeded");
            recordRefusal(context, action, refused, null);
            throw e;
        }
    }

    /**
     * A refused lookup is recorded too (outcome DENIED), in a transaction of its own because the lookup's own
     * transaction rolls back: attempts are what make misuse visible.
     */
    private void recordRefusal(LookupContext context, String action, Map<String, String> query,
                               String breakGlassReason) {
        QuarkusTransaction.requiringNew().run(() -> audit.record(new AuditEvent(UUID.randomUUID().toString(),
                clock.instant(), SERVICE, context.caller().toActor(), action, "DENIED", context.purpose().name(),
                query, List.of(), 0, breakGlassReason, false, List.of())));
        RefusalAudit.recordedByService();
    }

    private void record(LookupContext context, String action, Map<String, String> query, Returned returned,
                        String breakGlassReason) {
        audit.record(new AuditEvent(context.lookupId(), clock.instant(), SERVICE,
                context.caller().toActor(), action, "SUCCESS", context.purpose().name(), query,
                returned.ids(), returned.ids().size(), breakGlassReason, returned.anyShielded(),
                returned.protectedIds()));
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
