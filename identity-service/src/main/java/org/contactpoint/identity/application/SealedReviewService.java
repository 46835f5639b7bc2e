package org.contactpoint.identity.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildSourceIdentifier;
import org.contactpoint.identity.domain.ChildStatus;
import org.contactpoint.identity.domain.MatchDecision;
import org.contactpoint.identity.repository.ChildRepository;
import org.contactpoint.identity.repository.MatchDecisionRepository;
import org.contactpoint.identity.repository.SourceIdentifierRepository;
import org.contactpoint.support.domain.Conflict;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sealed-records team settles a record that resembles a closed identity (the resource lets that team alone in).
 * <ul>
 *   <li><b>The same child</b>: the record's source record id and identifiers are kept with the closed identity, and
 *       nothing is published (a closed identity is never announced again, and the new one never named): the same
 *       source's later records find the closed identity at once and come back to this queue, never to an answer
 *       with an ID. The team carries anything the child's new identity needs over by hand.</li>
 *   <li><b>Not the same child</b>: the closed identities it resembled are never suggested for this record again,
 *       and the record is matched anew by the ordinary rules (it may link, be created, or go to its authority's
 *       review queue), as though first submitted; a record without a source record id is created.</li>
 * </ul>
 * Each settlement is audited naming one child only, so no audit record pairs a closed and a new identity.
 */
@ApplicationScoped
public class SealedReviewService {

    private static final TypeReference<List<ScoredCandidate>> CANDIDATES = new TypeReference<>() {
    };

    private final MatchDecisionRepository decisions;
    private final ChildRepository children;
    private final SourceIdentifierRepository identifiers;
    private final MatchingService matching;
    private final IdentityAudit audit;
    private final ObjectMapper json;
    private final Clock clock;

    public SealedReviewService(MatchDecisionRepository decisions, ChildRepository children,
                               SourceIdentifierRepository identifiers, MatchingService matching, IdentityAudit audit,
                               ObjectMapper json, Clock clock) {
        this.decisions = decisions;
        this.children = children;
        this.identifiers = identifiers;
        this.matching = matching;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** How a sealed review item was settled: which closed identity it was, or how the record was matched anew. */
    public record Settlement(UUID reviewId, String decision, String contactPointId, Registration registration) {
    }

    /** The record is the child of this closed identity (one of the item's sealed candidates). */
    @Transactional
    public Settlement sameChild(UUID id, String contactPointId, Caller caller) {
        MatchDecision item = requirePending(id);
        boolean sealedCandidate = candidates(item).stream()
                .anyMatch(c -> c.sealed() && c.contactPointId().equals(contactPointId));
        if (!sealedCandidate) {
            throw Rejected.field("contactPointId", "is not one of this item's closed identities");
        }
        Child closed = children.findByContactPointId(contactPointId)
                .filter(c -> c.status() == ChildStatus.CLOSED)
                .orElseThrow(() -> new Conflict(contactPointId + " is no longer a closed identity"));
        RegisterChild record = record(item);
        List<ChildRecords.Identifier> kept = new ArrayList<>(ChildRecords.identifiers(record));
        if (record.sourceId() != null) {
            kept.add(0, new ChildRecords.Identifier(ChildSourceIdentifier.SOURCE_ID, item.sourceRecordId(),
                    item.source()));
        }
        for (ChildRecords.Identifier identifier : kept) {
            if (identifiers.find(identifier.source(), identifier.scheme(), identifier.value()).isEmpty()) {
                identifiers.persist(new ChildSourceIdentifier(closed.id(), identifier.scheme(), identifier.value(),
                        identifier.source()));
            }
        }
        item.resolve(MatchDecision.Outcome.LINKED, closed.id(), caller.userId(), clock.instant());
        audit.success(caller, "SETTLE_SEALED_REVIEW", Map.of("reviewId", id.toString(), "decision", "SAME_CHILD"),
                List.of(closed));
        return new Settlement(id, "SAME_CHILD", closed.contactPointId(), null);
    }

    /** The record is not the child of any closed identity it resembled: it is matched again without them. */
    @Transactional
    public Settlement notSameChild(UUID id, Caller caller) {
        MatchDecision item = requirePending(id);
        List<ScoredCandidate> sealed = candidates(item).stream().filter(ScoredCandidate::sealed).toList();
        if (sealed.stream().anyMatch(c -> "IDENTIFIER".equals(c.basis()))) {
            throw new Conflict("The record carries an identifier of the closed identity: it is that child");
        }
        RegisterChild record = record(item);
        for (ScoredCandidate candidate : sealed) {
            children.findByContactPointId(candidate.contactPointId())
                    .ifPresent(c -> decisions.exclude(item.source(), item.sourceRecordId(), c.id()));
        }
        item.resolve(MatchDecision.Outcome.REVIEW, null, caller.userId(), clock.instant());
        decisions.flush();
        Registration registration;
        if (record.sourceId() != null) {
            registration = matching.submit(record, Submitter.caller(caller), "SETTLE_SEALED_REVIEW");
        } else {
            // Exclusions are kept per source record id: a record without one would find the closed identity again,
            // so it is created, as a local authority's rejection of every candidate creates it.
            Child child = matching.create(record, item.source(), item.sourceRecordId());
            audit.success(caller, "SETTLE_SEALED_REVIEW", Map.of("reviewId", id.toString(),
                    "decision", "NOT_SAME_CHILD"), List.of(child));
            registration = new Registration(child.contactPointId(), "CREATED", child.version(), null, item.score());
        }
        return new Settlement(id, "NOT_SAME_CHILD", registration.contactPointId(), registration);
    }

    private MatchDecision requirePending(UUID id) {
        MatchDecision item = decisions.findByIdOptional(id).filter(MatchDecision::sealed)
                .orElseThrow(() -> new NotFound("No sealed review item " + id));
        if (item.status() != MatchDecision.Status.PENDING) {
            throw new Conflict("Sealed review item " + id + " was already settled by " + item.resolvedBy());
        }
        return item;
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
}
