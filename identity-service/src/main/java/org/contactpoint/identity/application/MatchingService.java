package org.contactpoint.identity.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildChange;
import org.contactpoint.identity.domain.ChildSourceIdentifier;
import org.contactpoint.identity.domain.ChildStatus;
import org.contactpoint.identity.domain.ContactPointId;
import org.contactpoint.identity.domain.IdentifierScheme;
import org.contactpoint.identity.domain.MatchDecision;
import org.contactpoint.identity.domain.PersonName;
import org.contactpoint.identity.domain.Vulnerability;
import org.contactpoint.identity.domain.matching.MatchKeys;
import org.contactpoint.identity.domain.matching.MatchRecord;
import org.contactpoint.identity.domain.matching.TermFrequencies;
import org.contactpoint.identity.repository.ChildRepository;
import org.contactpoint.identity.repository.MatchDecisionRepository;
import org.contactpoint.identity.repository.MatchKeyRepository;
import org.contactpoint.identity.repository.MatchLocks;
import org.contactpoint.identity.repository.SourceIdentifierRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Matches every incoming record (registration, source feeds) to one child: deterministic first (same source record,
 * same NHS number or UPN, same local authority case id), then probabilistic (Fellegi–Sunter over the candidates the
 * blocking index returns). Links, queues for review or creates, and keeps every decision with its explanation.
 * The only writer of new children.
 */
@ApplicationScoped
public class MatchingService {

    private final ChildRepository children;
    private final SourceIdentifierRepository identifiers;
    private final MatchKeyRepository matchKeys;
    private final MatchDecisionRepository decisions;
    private final ChildStates states;
    private final Survivors survivors;
    private final IdentityAudit audit;
    private final IdentityConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final MatchWeightsService weights;
    private final MatchLocks locks;

    public MatchingService(ChildRepository children, SourceIdentifierRepository identifiers,
                           MatchKeyRepository matchKeys, MatchDecisionRepository decisions, ChildStates states,
                           Survivors survivors,
                           IdentityAudit audit, IdentityConfig config, ObjectMapper json, Clock clock,
                           MatchWeightsService weights, MatchLocks locks) {
        this.weights = weights;
        this.locks = locks;
        this.children = children;
        this.identifiers = identifiers;
        this.matchKeys = matchKeys;
        this.decisions = decisions;
        this.states = states;
        this.survivors = survivors;
        this.audit = audit;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Matches one record and applies the outcome; the child, its event, the decision and the audit record commit
     * together.
     *
     * @param action the audited action, e.g. {@code REGISTER_CHILD} or {@code SUBMIT_SOURCE_RECORD}
     */
    @Transactional
    public Registration submit(RegisterChild request, Submitter submitter, String action) {
        LocalDate today = LocalDate.now(clock);
        ChildRecords.validate(request, today);
        // Records of one birthday are matched one at a time, so the same new child from two sources is one child.
        locks.lockBirthday(request.dateOfBirth());
        String source = request.source() == null ? ChildRecords.UNSPECIFIED_SOURCE : request.source();
        String recordId = request.sourceId() == null ? UUID.randomUUID().toString() : request.sourceId();
        Map<String, String> query = IdentityAudit.query("source", request.source(), "sourceId", request.sourceId());

        if (request.sourceId() != null) {
            Optional<MatchDecision> waiting = decisions.pendingFor(source, recordId);
            if (waiting.isPresent()) {
                // Already in the review queue: a resubmission waits with it rather than adding a second item.
                audit.success(submitter.actor(), action, query, List.of());
                return answer(waiting.get());
            }
        }

        MatchRecord record = ChildRecords.matchRecord(request);
        Set<Child> known = deterministic(request, source);
        if (!known.isEmpty()) {
            List<ScoredCandidate> scored = score(record, known, "IDENTIFIER");
            switch (MatchRules.decideByIdentifiers(scored, config.matching())) {
                case SEALED_REVIEW -> {
                    return sealedReview(request, source, recordId, scored, submitter, action, query);
                }
                case LINK -> {
                    return link(known.iterator().next(), request, source, recordId, scored, null, submitter, action,
                            query);
                }
                default -> {
                    // Identifiers that point at two children need a person.
                    MatchDecision decision = queue(request, source, recordId, scored, submitter,
                            known.stream().anyMatch(Child::isShielded));
                    audit.success(submitter.actor(), action, query, List.of());
                    return answer(decision);
                }
            }
        }

        Set<Long> excluded = request.sourceId() == null ? Set.of() : decisions.excludedChildren(source, recordId);
        List<Long> candidateIds = matchKeys.candidates(MatchKeys.probe(record), config.matching().maxCandidates())
                .stream().filter(id -> !excluded.contains(id)).toList();
        List<Child> candidates = children.byIds(candidateIds).stream()
                .filter(c -> c.status() != ChildStatus.MERGED && !c.isHeld())
                .toList();
        List<ScoredCandidate> scored = withIdentifiers(record, candidates, score(record, candidates, "PROBABILISTIC"));
        MatchRules.Verdict verdict = MatchRules.decide(scored, config.matching());
        if (verdict == MatchRules.Verdict.SEALED_REVIEW) {
            return sealedReview(request, source, recordId, scored, submitter, action, query);
        }
        scored = MatchRules.unsealed(scored);
        if (verdict == MatchRules.Verdict.LINK) {
            ScoredCandidate best = scored.get(0);
            Child child = children.findByContactPointId(best.contactPointId()).orElseThrow();
            return link(child, request, source, recordId, scored, best.score(), submitter, action, query);
        }
        if (verdict == MatchRules.Verdict.REVIEW) {
            MatchDecision decision = queue(request, source, recordId, scored, submitter, false);
            audit.success(submitter.actor(), action, query, List.of());
            return review(decision);
        }
        Child child = create(request, source, recordId);
        decisions.persist(MatchDecision.decided(source, recordId, MatchDecision.Outcome.CREATED, child.id(),
                scored.isEmpty() ? null : scored.get(0).score(), request.responsibleLocalAuthority(), toJson(request),
                toJson(top(scored)), submitter.id(), clock.instant()));
        audit.success(submitter.actor(), action, query, List.of(child));
        return new Registration(child.contactPointId(), "CREATED", child.version(), null,
                scored.isEmpty() ? null : scored.get(0).score());
    }

    /** Children an identifier of the record already belongs to, merged children resolved to their survivor. */
    private Set<Child> deterministic(RegisterChild request, String source) {
        Set<Long> ids = new LinkedHashSet<>();
        if (request.sourceId() != null) {
            identifiers.find(source, ChildSourceIdentifier.SOURCE_ID, request.sourceId())
                    .ifPresent(i -> ids.add(i.childId()));
        }
        for (ChildRecords.Identifier identifier : ChildRecords.identifiers(request)) {
            if (IdentifierScheme.valueOf(identifier.scheme()).national()) {
                identifiers.findNational(identifier.scheme(), identifier.value()).forEach(i -> ids.add(i.childId()));
            } else {
                identifiers.find(identifier.source(), identifier.scheme(), identifier.value())
                        .ifPresent(i -> ids.add(i.childId()));
            }
        }
        Set<Child> found = new LinkedHashSet<>();
        for (Child child : children.byIds(ids)) {
            found.add(survivors.resolve(child));
        }
        return found;
    }

    private List<ScoredCandidate> score(MatchRecord record, java.util.Collection<Child> candidates, String basis) {
        return score(record, candidates, basis, Map.of());
    }

    /** @param read the NHS numbers and sources of candidates that have been read, by child id */
    private List<ScoredCandidate> score(MatchRecord record, java.util.Collection<Child> candidates, String basis,
                                        Map<Long, Identifiers> read) {
        TermFrequencies frequencies = candidates.isEmpty() ? TermFrequencies.none()
                : matchKeys.frequencies(MatchRules.frequencyKeys(record));
        return MatchRules.score(weights.matcher(), record, candidates.stream().map(c -> new MatchRules.Candidate(
                c.contactPointId(), c.isShielded(), c.status() == ChildStatus.CLOSED,
                withIdentifiers(ChildRecords.matchRecord(c), read.get(c.id()))))
                .toList(), basis, frequencies, config.matching());
    }

    /** A candidate's NHS number (null: none) and the sources that know it by a record id of their own. */
    private record Identifiers(String nhsNumber, Set<String> sources) {
    }

    /**
     * Scores the leading candidates again with their NHS numbers when the record carries one (two valid numbers that
     * differ are two children), and with the sources that know them when the record comes with a source record id
     * (its source holding another record of the candidate is evidence of two children). Only the candidates that
     * could be linked or shown to a person are read (one short query each, at most {@link MatchRules#CANDIDATES_KEPT}),
     * not every child the blocking index offered.
     */
    private List<ScoredCandidate> withIdentifiers(MatchRecord record, List<Child> candidates,
                                                  List<ScoredCandidate> scored) {
        if (record.nhsNumber() == null && record.sources().isEmpty() || scored.isEmpty()) {
            return scored;
        }
        Map<String, Child> byContactPointId = new java.util.HashMap<>();
        candidates.forEach(c -> byContactPointId.put(c.contactPointId(), c));
        Map<Long, Identifiers> read = new java.util.HashMap<>();
        for (ScoredCandidate leading : top(scored)) {
            if (leading.probability() < config.matching().reviewProbability()) {
                break;
            }
            Child child = byContactPointId.get(leading.contactPointId());
            List<ChildSourceIdentifier> held = identifiers.forChild(child.id());
            String nhsNumber = record.nhsNumber() == null ? null : held.stream()
                    .filter(i -> IdentifierScheme.NHS_NUMBER.name().equals(i.scheme()))
                    .map(ChildSourceIdentifier::value).findFirst().orElse(null);
            Set<String> sources = new java.util.HashSet<>();
            held.stream().filter(i -> ChildSourceIdentifier.SOURCE_ID.equals(i.scheme()))
                    .forEach(i -> sources.add(i.source()));
            if (nhsNumber != null || !sources.isEmpty()) {
                read.put(child.id(), new Identifiers(nhsNumber, sources));
            }
        }
        return read.isEmpty() ? scored : score(record, candidates, "PROBABILISTIC", read);
    }

    private static MatchRecord withIdentifiers(MatchRecord record, Identifiers read) {
        if (read == null) {
            return record;
        }
        MatchRecord numbered = read.nhsNumber() == null ? record
                : record.withParentsAndNhsNumber(record.parents(), read.nhsNumber());
        return numbered.withSources(read.sources());
    }

    /**
     * Links the record to the child. A shielded child's ID is never handed back: a record its own team has not
     * linked yet goes to that team's review queue, one already linked is linked again; either way the submitter is
     * told only {@code ACCEPTED_PENDING}.
     */
    private Registration link(Child child, RegisterChild request, String source, String recordId,
                                      List<ScoredCandidate> scored, Double score, Submitter submitter, String action,
                                      Map<String, String> query) {
        if (child.isShielded() && !alreadyLinked(child, request, source)) {
            queue(request, source, recordId, scored, submitter, true);
            audit.success(submitter.actor(), action, query, List.of());
            return Registration.acceptedPending();
        }
        attach(child, request, source, recordId);
        MatchDecision linked = MatchDecision.decided(source, recordId, MatchDecision.Outcome.LINKED, child.id(), score,
                request.responsibleLocalAuthority(), toJson(request), toJson(top(scored)), submitter.id(),
                clock.instant());
        if (child.isShielded()) {
            linked.withhold();
        }
        decisions.persist(linked);
        audit.success(submitter.actor(), action, query, List.of(child));
        return child.isShielded() ? Registration.acceptedPending()
                : new Registration(child.contactPointId(), "LINKED", child.version(), null, score);
    }

    /** Whether this very source record already belongs to the child (linked before, or by a person). */
    private boolean alreadyLinked(Child child, RegisterChild request, String source) {
        return request.sourceId() != null && identifiers.find(source, ChildSourceIdentifier.SOURCE_ID,
                        request.sourceId())
                .flatMap(i -> children.findByIdOptional(i.childId()))
                .map(owner -> survivors.resolve(owner).id().equals(child.id()))
                .orElse(false);
    }

    /**
     * Adds the record's identifiers (and a social care feed's flags) to the child; publishes the change if there
     * was one, so the same record always resolves deterministically from now on.
     */
    void attach(Child child, RegisterChild request, String source, String recordId) {
        boolean changed = false;
        List<ChildRecords.Identifier> toAdd = new ArrayList<>(ChildRecords.identifiers(request));
        if (request.sourceId() != null) {
            toAdd.add(0, new ChildRecords.Identifier(ChildSourceIdentifier.SOURCE_ID, recordId, source));
        }
        for (ChildRecords.Identifier identifier : toAdd) {
            if (identifiers.find(identifier.source(), identifier.scheme(), identifier.value()).isEmpty()) {
                identifiers.persist(new ChildSourceIdentifier(child.id(), identifier.scheme(), identifier.value(),
                        identifier.source()));
                changed = true;
            }
        }
        if (changesVulnerabilities(request, child.vulnerabilities())) {
            child.vulnerabilities(request.vulnerabilities());
            changed = true;
        }
        if (changed) {
            identifiers.flush();
            child.changed(clock.instant());
            states.publish(child, ChildChange.UPDATED);
        }
    }

    /** Creates a child from a record (automatically, or when a person rejects the suggested matches). */
    Child create(RegisterChild request, String source, String recordId) {
        Child child = newChild(request, uniqueId(), clock.instant());
        children.persist(child);
        children.flush();
        if (request.sourceId() != null) {
            identifiers.persist(new ChildSourceIdentifier(child.id(), ChildSourceIdentifier.SOURCE_ID, recordId,
                    source));
        }
        for (ChildRecords.Identifier identifier : ChildRecords.identifiers(request)) {
            if (identifiers.find(identifier.source(), identifier.scheme(), identifier.value()).isEmpty()) {
                identifiers.persist(new ChildSourceIdentifier(child.id(), identifier.scheme(), identifier.value(),
                        identifier.source()));
            }
        }
        identifiers.flush();
        states.publish(child, ChildChange.REGISTERED);
        return child;
    }

    /** A new child as the record describes it, not yet stored (both paths build it here). */
    static Child newChild(RegisterChild request, String contactPointId, Instant now) {
        Child child = Child.register(contactPointId, new PersonName(request.givenNames(), request.familyName()),
                request.dateOfBirth(), request.gender(),
                ChildRecords.whereabouts(request.whereabouts(), request.address(), request.intendsToReturn()),
                ChildRecords.parentsCarers(request.parentsCarers()), request.responsibleLocalAuthority(), now);
        child.details(request.givenNames(), request.familyName(), request.preferredName(),
                ChildRecords.formerNames(request.formerNames()), request.dateOfBirth(), request.gender());
        if (request.vulnerabilities() != null) {
            child.vulnerabilities(request.vulnerabilities());
        }
        return child;
    }

    String uniqueId() {
        String id = ContactPointId.issue();
        while (children.existsByContactPointId(id)) {
            id = ContactPointId.issue();
        }
        return id;
    }

    /**
     * Puts a record in a review queue. One that resembles a shielded child goes to that child's own local authority
     * (the submitter's would otherwise learn of a child it may not know where to find); any other to the record's
     * authority, or the best candidate's when the record names none.
     *
     * @param withheld the record found a shielded child: its submitter is told only {@code ACCEPTED_PENDING}
     */
    private MatchDecision queue(RegisterChild request, String source, String recordId,
                                List<ScoredCandidate> scored, Submitter submitter, boolean withheld) {
        Optional<ScoredCandidate> shielded = scored.stream().filter(ScoredCandidate::shielded).findFirst();
        String localAuthority;
        if (shielded.isPresent()) {
            localAuthority = children.findByContactPointId(shielded.get().contactPointId())
                    .map(Child::responsibleLocalAuthority).orElse(null);
        } else {
            localAuthority = request.responsibleLocalAuthority();
            if (localAuthority == null && !scored.isEmpty()) {
                localAuthority = children.findByContactPointId(scored.get(0).contactPointId())
                        .map(Child::responsibleLocalAuthority).orElse(null);
            }
        }
        List<ScoredCandidate> kept = new ArrayList<>(top(scored));
        // The team the item goes to always finds its own child among the candidates.
        shielded.filter(s -> !kept.contains(s)).ifPresent(kept::add);
        MatchDecision decision = MatchDecision.decided(source, recordId, MatchDecision.Outcome.REVIEW, null,
                scored.isEmpty() ? null : scored.get(0).score(), localAuthority, toJson(request),
                toJson(kept), submitter.id(), clock.instant());
        if (withheld) {
            decision.withhold();
        }
        decisions.persist(decision);
        return decision;
    }

    /**
     * Queues a record that resembles a closed identity for the sealed-records team (no local authority's queue:
     * its item would pair the two identities) and tells the submitter only {@code ACCEPTED_PENDING}.
     */
    private Registration sealedReview(RegisterChild request, String source, String recordId,
                                      List<ScoredCandidate> scored, Submitter submitter, String action,
                                      Map<String, String> query) {
        MatchDecision decision = MatchDecision.decided(source, recordId, MatchDecision.Outcome.REVIEW, null,
                scored.get(0).score(), null, toJson(request), toJson(MatchRules.sealedCandidates(scored)),
                submitter.id(), clock.instant());
        decision.seal();
        decisions.persist(decision);
        audit.success(submitter.actor(), action, query, List.of());
        return Registration.acceptedPending();
    }

    /** What the submitter of a queued record is told. */
    private static Registration answer(MatchDecision decision) {
        return decision.withheld() ? Registration.acceptedPending() : review(decision);
    }

    private static Registration review(MatchDecision decision) {
        return new Registration(null, "REVIEW", null, decision.id(), decision.score());
    }

    private static List<ScoredCandidate> top(List<ScoredCandidate> scored) {
        return MatchRules.top(scored);
    }

    /** Whether a (social care) record's flags differ from the child's; a record without flags leaves them alone. */
    static boolean changesVulnerabilities(RegisterChild request, List<Vulnerability> current) {
        return request.vulnerabilities() != null
                && !EnumSet.copyOf(nonEmpty(request.vulnerabilities())).equals(enumSet(current));
    }

    private static Set<Vulnerability> nonEmpty(Set<Vulnerability> flags) {
        return flags.isEmpty() ? EnumSet.noneOf(Vulnerability.class) : flags;
    }

    private static Set<Vulnerability> enumSet(List<Vulnerability> flags) {
        return flags.isEmpty() ? EnumSet.noneOf(Vulnerability.class) : EnumSet.copyOf(flags);
    }

    String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Audits a record refused as invalid, in its own transaction (the batch goes on). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void rejected(Submitter submitter, String action, String reason) {
        audit.record(submitter.actor(), action, AuditEvent.Outcome.REJECTED, IdentityAudit.query("reason",
                reason.length() > 500 ? reason.substring(0, 500) : reason), List.of());
    }
}
