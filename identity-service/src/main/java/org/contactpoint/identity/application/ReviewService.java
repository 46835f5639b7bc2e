package org.contactpoint.identity.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.MatchDecision;
import org.contactpoint.identity.domain.matching.FieldComparison;
import org.contactpoint.identity.repository.ChildRepository;
import org.contactpoint.identity.repository.MatchDecisionRepository;
import org.contactpoint.identity.security.LocalAuthorityAccess;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.domain.Conflict;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The review queue: records matching could not decide, for a local authority's management team to settle. A
 * person's decision is final for that source record: an accepted link attaches the source's record id to the child,
 * a rejection creates the child and excludes the rejected candidates from later automatic matching.
 */
@ApplicationScoped
public class ReviewService {

    private static final TypeReference<List<ScoredCandidate>> CANDIDATES = new TypeReference<>() {
    };
    /** The comparisons that would tell where a candidate lives. */
    private static final Set<String> LOCATION_FIELDS = Set.of("postcode");

    private final MatchDecisionRepository decisions;
    private final ChildRepository children;
    private final MatchingService matching;
    private final Survivors survivors;
    private final IdentityAudit audit;
    private final ObjectMapper json;
    private final Clock clock;

    public ReviewService(MatchDecisionRepository decisions, ChildRepository children, MatchingService matching,
                         Survivors survivors,
                         IdentityAudit audit, ObjectMapper json, Clock clock) {
        this.decisions = decisions;
        this.children = children;
        this.matching = matching;
        this.survivors = survivors;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** One page of a list, and whether more follow. */
    public record Page<T>(List<T> items, boolean more) {
    }

    /** Pending items for the caller's local authority (every authority for administrators), oldest first. */
    @Transactional
    public Page<ReviewItem> pending(int page, int size, PurposeOfUse purpose, Caller caller) {
        // One row more than the page holds tells whether a next page exists.
        List<MatchDecision> fetched = decisions.pending(caller.hasRole(Roles.ADMINISTRATOR) ? null
                : Objects.requireNonNullElse(caller.localAuthority(), "-"), page * size, size + 1);
        boolean more = fetched.size() > size;
        List<ReviewItem> views = new ArrayList<>();
        List<Child> shown = new ArrayList<>();
        for (MatchDecision item : more ? fetched.subList(0, size) : fetched) {
            views.add(view(item, shown, caller));
        }
        audit.read(caller, purpose, "LIST_REVIEW_QUEUE", Map.of("pending", String.valueOf(views.size()),
                "page", String.valueOf(page), "size", String.valueOf(size)), shown);
        return new Page<>(views, more);
    }

    /**
     * Pending items that resemble a closed identity, oldest first: for the sealed-records team only (the resource
     * decides who), since each may pair a closed identity with its new one.
     */
    @Transactional
    public Page<ReviewItem> sealedPending(int page, int size, PurposeOfUse purpose, Caller caller) {
        List<MatchDecision> fetched = decisions.pendingSealed(page * size, size + 1);
        boolean more = fetched.size() > size;
        List<ReviewItem> views = new ArrayList<>();
        List<Child> shown = new ArrayList<>();
        for (MatchDecision item : more ? fetched.subList(0, size) : fetched) {
            views.add(view(item, shown, caller));
        }
        // One event per child shown, as for sealed links: no audit record names a closed and a new identity at once.
        Map<String, String> query = Map.of("pending", String.valueOf(views.size()), "page", String.valueOf(page),
                "size", String.valueOf(size));
        if (shown.isEmpty()) {
            audit.read(caller, purpose, "LIST_SEALED_REVIEW_QUEUE", query, List.of());
        }
        shown.stream().distinct().forEach(child ->
                audit.read(caller, purpose, "LIST_SEALED_REVIEW_QUEUE", query, List.of(child)));
        return new Page<>(views, more);
    }

    @Transactional
    public ReviewItem get(UUID id, PurposeOfUse purpose, Caller caller) {
        MatchDecision item = require(id, caller);
        List<Child> shown = new ArrayList<>();
        ReviewItem view = view(item, shown, caller);
        audit.read(caller, purpose, "VIEW_REVIEW_ITEM", Map.of("reviewId", id.toString()), shown);
        return view;
    }

    /** Links the record to one of the candidates it was compared with. */
    @Transactional
    public Registration accept(UUID id, String contactPointId, Caller caller) {
        MatchDecision item = requirePending(id, caller);
        boolean candidate = candidates(item).stream().anyMatch(c -> c.contactPointId().equals(contactPointId));
        if (!candidate) {
            throw Rejected.field("contactPointId", "is not one of this item's candidates");
        }
        Child child = survivors.resolve(children.findByContactPointId(contactPointId)
                .orElseThrow(() -> new Conflict(contactPointId + " no longer exists")));
        RegisterChild record = record(item);
        matching.attach(child, record, item.source(), item.sourceRecordId());
        item.resolve(MatchDecision.Outcome.LINKED, child.id(), caller.userId(), clock.instant());
        audit.success(caller, "ACCEPT_MATCH", Map.of("reviewId", id.toString()), List.of(child));
        return new Registration(child.contactPointId(), "LINKED", child.version(), id, item.score());
    }

    /** None of the candidates is this child: creates the child and never suggests those candidates again. */
    @Transactional
    public Registration reject(UUID id, Caller caller) {
        MatchDecision item = requirePending(id, caller);
        RegisterChild record = record(item);
        Child child = matching.create(record, item.source(), item.sourceRecordId());
        for (ScoredCandidate candidate : candidates(item)) {
            children.findByContactPointId(candidate.contactPointId())
                    .ifPresent(c -> decisions.exclude(item.source(), item.sourceRecordId(), c.id()));
        }
        item.resolve(MatchDecision.Outcome.CREATED, child.id(), caller.userId(), clock.instant());
        audit.success(caller, "REJECT_MATCH", Map.of("reviewId", id.toString()), List.of(child));
        return new Registration(child.contactPointId(), "CREATED", child.version(), id, item.score());
    }

    private MatchDecision requirePending(UUID id, Caller caller) {
        MatchDecision item = require(id, caller);
        if (item.status() != MatchDecision.Status.PENDING) {
            throw new Conflict("Review item " + id + " was already settled by " + item.resolvedBy());
        }
        return item;
    }

    private MatchDecision require(UUID id, Caller caller) {
        MatchDecision item = decisions.findByIdOptional(id)
                .filter(d -> d.outcome() == MatchDecision.Outcome.REVIEW || d.status() == MatchDecision.Status.RESOLVED)
                .filter(d -> !d.sealed())
                .orElseThrow(() -> new NotFound("No review item " + id));
        // An item without a local authority is nobody's team's: administrators only.
        if (!LocalAuthorityAccess.mayActOn(caller, item.localAuthority())) {
            throw new Forbidden("Review item " + id + " belongs to another local authority");
        }
        return item;
    }

    private ReviewItem view(MatchDecision item, List<Child> shown, Caller caller) {
        List<ReviewItem.Candidate> candidates = new ArrayList<>();
        for (ScoredCandidate scored : candidates(item)) {
            Child child = children.findByContactPointId(scored.contactPointId()).orElse(null);
            if (child == null) {
                continue;
            }
            shown.add(child);
            var address = child.whereabouts() == null ? null : child.whereabouts().address();
            // A review item never says where a shielded child lives, nor which authority it lives in, to anyone:
            // matching compares it without its postcode, and an item queued before then loses that comparison here.
            boolean shielded = child.isShielded() || scored.shielded();
            List<FieldComparison> comparisons = shielded ? scored.comparisons().stream()
                    .filter(c -> !LOCATION_FIELDS.contains(c.field())).toList() : scored.comparisons();
            candidates.add(new ReviewItem.Candidate(child.contactPointId(), scored.score(), scored.basis(),
                    comparisons, scored.caution(), child.status(), child.givenNames(), child.familyName(),
                    child.formerNames(), child.dateOfBirth(), child.gender(),
                    address == null || shielded ? null : address.postcode(),
                    shielded ? null : child.responsibleLocalAuthority(), shielded, scored.probability(),
                    scored.weightsVersion()));
        }
        return new ReviewItem(item.id(), item.status().name(), item.source(), item.sourceRecordId(),
                item.decidedAt(), item.score(), item.localAuthority(), readTree(item.record()), candidates);
    }

    private List<ScoredCandidate> candidates(MatchDecision item) {
        try {
            return json.readValue(item.candidates(), CANDIDATES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable candidates of " + item.id(), e);
        }
    }

    private RegisterChild record(MatchDecision item) {
        try {
            return json.readValue(item.record(), RegisterChild.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable record of " + item.id(), e);
        }
    }

    private JsonNode readTree(String value) {
        try {
            return json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable record", e);
        }
    }
}
