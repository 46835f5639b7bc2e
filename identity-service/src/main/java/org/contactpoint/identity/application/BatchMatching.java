package org.contactpoint.identity.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildChange;
import org.contactpoint.identity.domain.ChildSourceIdentifier;
import org.contactpoint.identity.domain.ChildStatus;
import org.contactpoint.identity.domain.ContactPointId;
import org.contactpoint.identity.domain.IdentifierScheme;
import org.contactpoint.identity.domain.MatchDecision;
import org.contactpoint.identity.domain.SourceIdentifier;
import org.contactpoint.identity.domain.Vulnerability;
import org.contactpoint.identity.domain.matching.FellegiSunterMatcher;
import org.contactpoint.identity.domain.matching.MatchKeys;
import org.contactpoint.identity.domain.matching.MatchRecord;
import org.contactpoint.identity.domain.matching.TermFrequencies;
import org.contactpoint.identity.messaging.out.ChildPublisher;
import org.contactpoint.identity.repository.BatchMatchRepository;
import org.contactpoint.identity.repository.BatchMatchRepository.ChildRow;
import org.contactpoint.identity.repository.BatchMatchRepository.IdentifierHit;
import org.contactpoint.identity.repository.BatchMatchRepository.IdentifierProbe;
import org.contactpoint.identity.repository.BatchMatchRepository.IdentifierRow;
import org.contactpoint.identity.repository.ChildRepository;
import org.contactpoint.identity.repository.MatchKeyRepository;
import org.contactpoint.identity.repository.MatchLocks;
import org.contactpoint.support.domain.DomainException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Matches a batch of records in one transaction with the same rules as {@link MatchingService} (deterministic
 * identifiers first, then blocking and Fellegi–Sunter through {@link MatchRules}; link, review, create;
 * {@code ACCEPTED_PENDING} for a record that finds a shielded child), but set-based: one query per step for the
 * whole batch, candidates read as projections, and every write multi-row. Records earlier in the batch count as
 * stored for later ones: a second record of a child the batch has just created links to it, and identifiers a
 * batch attached resolve deterministically for the rest of it.
 */
@ApplicationScoped
public class BatchMatching {

    private static final String NUL = "\0";

    private final BatchMatchRepository rows;
    private final MatchKeyRepository matchKeys;
    private final ChildRepository children;
    private final ChildStates states;
    private final ChildPublisher publisher;
    private final IdentityAudit audit;
    private final IdentityConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final MatchWeightsService weights;
    private final MatchLocks locks;

    public BatchMatching(BatchMatchRepository rows, MatchKeyRepository matchKeys, ChildRepository children,
                         ChildStates states, ChildPublisher publisher, IdentityAudit audit, IdentityConfig config,
                         ObjectMapper json, Clock clock, MatchWeightsService weights, MatchLocks locks) {
        this.weights = weights;
        this.locks = locks;
        this.rows = rows;
        this.matchKeys = matchKeys;
        this.children = children;
        this.states = states;
        this.publisher = publisher;
        this.audit = audit;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * What happened to one record of a batch: a registration as the single path answers it, or the refusal of a
     * record that breaks a rule spanning its fields (nothing of it was written).
     */
    public record Outcome(Registration registration, DomainException refusal) {
        public boolean refused() {
            return refusal != null;
        }
    }

    /**
     * Matches the records in order and writes the outcome in the caller's transaction (or one of its own), with one
     * audit event for the batch naming every child it created or linked.
     *
     * @param auditQuery what the audit event says of the batch (its source ids, an import and its lines)
     * @return one outcome per record, in order
     */
    @Transactional
    public List<Outcome> match(List<RegisterChild> records, Submitter submitter, String action,
                               Map<String, String> auditQuery) {
        return new Run(records, submitter).run(action, auditQuery);
    }

    /** Something a record can link to: a stored child, or one this batch has just created. */
    private static final class Target {
        final ChildRow stored;
        final Fresh fresh;
        /** Flags a linked record set on a stored child (null: unchanged). */
        Set<Vulnerability> newVulnerabilities;
        boolean identifiersAdded;
        /** A stored child's NHS number once read (only for leading candidates of a record that carries one). */
        String nhsNumber;
        /** The sources that know a stored child by a record id of their own, once read (leading candidates only). */
        Set<String> sources;
        /**
         * The stored child as matching sees it, built once a batch: every record of the batch that finds the child
         * scores it against this one record, rather than a new one (its lists copied again) for every pair.
         */
        private MatchRecord record;

        Target(ChildRow stored, Fresh fresh) {
            this.stored = stored;
            this.fresh = fresh;
        }

        String contactPointId() {
            return stored != null ? stored.contactPointId() : fresh.child.contactPointId();
        }

        boolean shielded() {
            return stored != null && stored.shielded();
        }

        ChildStatus status() {
            return stored != null ? stored.status() : ChildStatus.ACTIVE;
        }

        String localAuthority() {
            return stored != null ? stored.localAuthority() : fresh.child.responsibleLocalAuthority();
        }

        MatchRecord matchRecord() {
            if (stored == null) {
                return fresh.identifiers.isEmpty() ? fresh.record
                        : fresh.record.withSources(ChildRecords.sourcesKnowing(fresh.identifiers));
            }
            if (record == null) {
                MatchRecord read = ChildRecords.matchRecord(stored);
                read = nhsNumber == null ? read : read.withParentsAndNhsNumber(read.parents(), nhsNumber);
                record = sources == null ? read : read.withSources(sources);
            }
            return record;
        }

        /** The stored child's NHS number, read for a leading candidate: later pairs compare it too. */
        void nhsNumber(String number) {
            nhsNumber = number;
            record = null;
        }

        /** The sources that know the stored child, read for a leading candidate: later pairs compare them too. */
        void sources(Set<String> known) {
            sources = known;
            record = null;
        }

        List<Vulnerability> vulnerabilities() {
            if (fresh != null) {
                return fresh.child.vulnerabilities();
            }
            return newVulnerabilities != null ? List.copyOf(newVulnerabilities) : stored.vulnerabilities();
        }

        long id() {
            return stored != null ? stored.id() : fresh.id;
        }
    }

    /** A child this batch creates: written with the rest of the batch once its id is allocated. */
    private static final class Fresh {
        final Child child;
        final MatchRecord record;
        final Set<String> keys;
        final List<SourceIdentifier> identifiers = new ArrayList<>();
        long id;

        Fresh(Child child, MatchRecord record, Set<String> keys) {
            this.child = child;
            this.record = record;
            this.keys = keys;
        }
    }

    /** A record of the batch as it is matched. */
    private static final class Item {
        RegisterChild request;
        String source;
        String recordId;
        List<ChildRecords.Identifier> identifiers;
        MatchRecord record;
        /** The record's blocking probe keys, when identifiers did not decide. */
        Set<String> probeKeys;
        DomainException refusal;
        Supplier<Registration> answer;
    }

    /** One batch's matching: its reads, its in-batch state and its writes. */
    private final class Run {

        private final List<Item> items = new ArrayList<>();
        private final Submitter submitter;
        private final Instant now = clock.instant();
        /** The latest date of birth any stored child can have: near misses after it are not looked up. */
        private final LocalDate today = LocalDate.now(clock);
        private final List<Fresh> created = new ArrayList<>();
        /** Identifiers written by this batch, as {@code S source scheme value} and, national, {@code N scheme value}. */
        private final Map<String, Target> batchIdentifiers = new HashMap<>();
        private final Map<String, List<Fresh>> freshByKey = new HashMap<>();
        private final Map<String, MatchDecision> batchWaiting = new HashMap<>();
        private final Map<String, Target> targets = new HashMap<>();
        private final Map<Long, Target> storedTargets = new HashMap<>();
        private final List<IdentifierRow> storedAttachments = new ArrayList<>();
        private final Map<IdentifierRow, Target> attachmentTargets = new HashMap<>();
        private final List<Supplier<MatchDecision>> decisions = new ArrayList<>();
        private final List<Target> linked = new ArrayList<>();
        private final Map<String, Long> frequencyCounts = new HashMap<>();
        private final Deque<String> contactPointIds = new ArrayDeque<>();
        private long registerSize;
        /** The names held by one, two, three children when the batch started (a batch adds few to them). */
        private TermFrequencies.NamesHeld namesHeld = TermFrequencies.NamesHeld.NONE;
        /** One version of the weights for the whole batch, the one in force when it started. */
        private FellegiSunterMatcher matcher;

        Run(List<RegisterChild> records, Submitter submitter) {
            this.submitter = submitter;
            for (RegisterChild request : records) {
                Item item = new Item();
                item.request = request;
                try {
                    ChildRecords.validate(request, today);
                    item.identifiers = ChildRecords.identifiers(request);
                    item.source = request.source() == null ? ChildRecords.UNSPECIFIED_SOURCE : request.source();
                    item.recordId = request.sourceId() == null ? UUID.randomUUID().toString() : request.sourceId();
                    item.record = ChildRecords.matchRecord(request);
                } catch (DomainException e) {
                    item.refusal = e;
                }
                items.add(item);
            }
        }

        List<Outcome> run(String action, Map<String, String> auditQuery) {
            List<Item> valid = items.stream().filter(i -> i.refusal == null).toList();
            // Before anything is read: the same birthday locks the single path takes (MatchingService).
            locks.lockBirthdays(valid.stream().map(i -> i.request.dateOfBirth()).toList());
            // Reads: one statement each for the whole batch.
            List<String> sources = new ArrayList<>();
            List<String> recordIds = new ArrayList<>();
            for (Item item : valid) {
                if (item.request.sourceId() != null) {
                    sources.add(item.source);
                    recordIds.add(item.recordId);
                }
            }
            Map<String, BatchMatchRepository.Waiting> waiting = rows.waiting(sources, recordIds);
            Map<String, Set<Long>> excluded = rows.excluded(sources, recordIds);

            List<IdentifierProbe> probes = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (item.refusal != null) {
                    continue;
                }
                if (item.request.sourceId() != null) {
                    probes.add(new IdentifierProbe(i, item.source, ChildSourceIdentifier.SOURCE_ID, item.recordId,
                            false));
                }
                for (ChildRecords.Identifier identifier : item.identifiers) {
                    probes.add(new IdentifierProbe(i, identifier.source(), identifier.scheme(), identifier.value(),
                            IdentifierScheme.valueOf(identifier.scheme()).national()));
                }
            }
            Map<Integer, List<IdentifierHit>> hits = new HashMap<>();
            for (IdentifierHit hit : rows.identified(probes)) {
                hits.computeIfAbsent(hit.record(), k -> new ArrayList<>()).add(hit);
            }
            Map<Integer, Set<String>> probeKeys = new LinkedHashMap<>();
            Set<String> frequencyKeys = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (item.refusal != null) {
                    continue;
                }
                frequencyKeys.addAll(MatchRules.frequencyKeys(item.record));
                if (!hits.containsKey(i)) {
                    item.probeKeys = MatchKeys.probe(item.record, today);
                    probeKeys.put(i, item.probeKeys);
                }
            }
            Map<Integer, List<Long>> candidates = rows.candidates(probeKeys, config.matching().maxCandidates());
            Set<Long> storedIds = new HashSet<>();
            hits.values().forEach(list -> list.forEach(h -> storedIds.add(h.childId())));
            candidates.values().forEach(storedIds::addAll);
            Map<Long, ChildRow> stored = rows.children(storedIds);
            Map<String, ChildRow> survivors = rows.childrenByContactPointId(stored.values().stream()
                    .filter(r -> r.status() == ChildStatus.MERGED && r.mergedInto() != null)
                    .map(ChildRow::mergedInto).toList());
            frequencyCounts.putAll(matchKeys.frequencyCounts(frequencyKeys));
            registerSize = matchKeys.registerSize();
            namesHeld = matchKeys.namesHeld();
            matcher = weights.matcher();
            issueContactPointIds(valid.size());

            probeKeys.clear();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (item.refusal == null) {
                    matchOne(i, item, waiting, excluded, hits.getOrDefault(i, List.of()),
                            candidates.getOrDefault(i, List.of()), stored, survivors);
                    // Some 160 keys a record: let them go once it is matched, rather than hold a batch's worth
                    // (tens of MB) through the young collections the batch lives through.
                    item.probeKeys = null;
                }
            }
            write();
            auditBatch(action, auditQuery);
            List<Outcome> outcomes = new ArrayList<>(items.size());
            for (Item item : items) {
                outcomes.add(item.refusal != null ? new Outcome(null, item.refusal)
                        : new Outcome(item.answer.get(), null));
            }
            return outcomes;
        }

        private void matchOne(int index, Item item, Map<String, BatchMatchRepository.Waiting> waiting,
                              Map<String, Set<Long>> excluded, List<IdentifierHit> hits, List<Long> candidateIds,
                              Map<Long, ChildRow> stored, Map<String, ChildRow> survivors) {
            String recordKey = item.source + NUL + item.recordId;
            if (item.request.sourceId() != null) {
                // Already in the review queue: a resubmission waits with it rather than adding a second item.
                BatchMatchRepository.Waiting before = waiting.get(recordKey);
                if (before != null) {
                    Registration answer = before.withheld() ? Registration.acceptedPending()
                            : new Registration(null, "REVIEW", null, before.decisionId(), before.score());
                    item.answer = () -> answer;
                    return;
                }
                MatchDecision queued = batchWaiting.get(recordKey);
                if (queued != null) {
                    Registration answer = answer(queued);
                    item.answer = () -> answer;
                    return;
                }
            }

            // Deterministic: identifiers already stored, or written earlier in this batch.
            Map<String, Target> known = new LinkedHashMap<>();
            Target sourceIdOwner = null;
            for (IdentifierHit hit : hits) {
                Target target = target(resolve(stored.get(hit.childId()), survivors));
                known.putIfAbsent(target.contactPointId(), target);
                if (ChildSourceIdentifier.SOURCE_ID.equals(hit.scheme())) {
                    sourceIdOwner = target;
                }
            }
            if (item.request.sourceId() != null) {
                Target owner = batchIdentifiers.get(identifierKey(item.source, ChildSourceIdentifier.SOURCE_ID,
                        item.recordId));
                if (owner != null) {
                    known.putIfAbsent(owner.contactPointId(), owner);
                    sourceIdOwner = owner;
                }
            }
            for (ChildRecords.Identifier identifier : item.identifiers) {
                Target owner = IdentifierScheme.valueOf(identifier.scheme()).national()
                        ? batchIdentifiers.get(nationalKey(identifier.scheme(), identifier.value()))
                        : batchIdentifiers.get(identifierKey(identifier.source(), identifier.scheme(),
                        identifier.value()));
                if (owner != null) {
                    known.putIfAbsent(owner.contactPointId(), owner);
                }
            }
            if (!known.isEmpty()) {
                List<ScoredCandidate> scored = score(item.record, known.values(), "IDENTIFIER");
                switch (MatchRules.decideByIdentifiers(scored, config.matching())) {
                    case SEALED_REVIEW -> sealedReview(item, scored);
                    case LINK -> {
                        Target only = known.values().iterator().next();
                        link(item, only, scored, null, sourceIdOwner == only);
                    }
                    default -> {
                        // Identifiers that point at two children need a person.
                        MatchDecision decision = queue(item, scored,
                                known.values().stream().anyMatch(Target::shielded));
                        item.answer = () -> answer(decision);
                    }
                }
                return;
            }

            // Probabilistic: the blocking join's candidates, and children this batch created sharing a key.
            Set<Long> notThese = item.request.sourceId() == null ? Set.of()
                    : excluded.getOrDefault(recordKey, Set.of());
            Map<String, Target> found = new LinkedHashMap<>();
            for (Long id : candidateIds) {
                ChildRow row = stored.get(id);
                if (row != null && !notThese.contains(id) && row.status() != ChildStatus.MERGED) {
                    Target target = target(row);
                    found.putIfAbsent(target.contactPointId(), target);
                }
            }
            if (!freshByKey.isEmpty()) {
                Set<String> keys = item.probeKeys != null ? item.probeKeys : MatchKeys.probe(item.record, today);
                for (String key : keys) {
                    for (Fresh fresh : freshByKey.getOrDefault(key, List.of())) {
                        Target target = targets.get(fresh.child.contactPointId());
                        found.putIfAbsent(target.contactPointId(), target);
                    }
                }
            }
            List<ScoredCandidate> all = withNhsNumbers(item.record, found, score(item.record, found.values(),
                    "PROBABILISTIC"));
            MatchRules.Verdict verdict = MatchRules.decide(all, config.matching());
            List<ScoredCandidate> scored = verdict == MatchRules.Verdict.SEALED_REVIEW ? all : MatchRules.unsealed(all);
            switch (verdict) {
                case LINK -> {
                    ScoredCandidate best = scored.get(0);
                    Target target = found.get(best.contactPointId());
                    link(item, target, scored, best.score(), sourceIdOwner == target);
                }
                case REVIEW -> {
                    MatchDecision decision = queue(item, scored, false);
                    Registration answer = new Registration(null, "REVIEW", null, decision.id(), decision.score());
                    item.answer = () -> answer;
                }
                case SEALED_REVIEW -> sealedReview(item, scored);
                case CREATE -> create(item, scored);
            }
        }

        /**
         * Scores again with the leading candidates' NHS numbers when the record carries one (two valid numbers that
         * differ are two children), and with the sources that know them when the record comes with a source record
         * id (its source holding another record of the candidate is evidence of two children), as the single path
         * does: read only for the candidates that could be linked or shown to a person, one statement each, and only
         * for records that reach the review threshold at all.
         */
        private List<ScoredCandidate> withNhsNumbers(MatchRecord record, Map<String, Target> found,
                                                     List<ScoredCandidate> scored) {
            if (record.nhsNumber() == null && record.sources().isEmpty() || scored.isEmpty()
                    || scored.get(0).probability() == null
                    || scored.get(0).probability() < config.matching().reviewProbability()) {
                return scored;
            }
            List<Target> top = MatchRules.top(scored).stream().map(c -> found.get(c.contactPointId())).toList();
            if (record.nhsNumber() != null) {
                List<Target> leading = top.stream().filter(t -> t.stored != null && t.nhsNumber == null).toList();
                Map<Long, String> numbers = rows.nhsNumbers(leading.stream().map(t -> t.stored.id()).toList());
                leading.forEach(t -> t.nhsNumber(numbers.get(t.stored.id())));
            }
            if (!record.sources().isEmpty()) {
                List<Target> leading = top.stream().filter(t -> t.stored != null && t.sources == null).toList();
                Map<Long, Set<String>> known = rows.sourcesKnowing(leading.stream().map(t -> t.stored.id()).toList());
                leading.forEach(t -> t.sources(known.getOrDefault(t.stored.id(), Set.of())));
            }
            boolean anyKnown = top.stream().map(Target::matchRecord)
                    .anyMatch(r -> r.nhsNumber() != null && record.nhsNumber() != null
                            || !java.util.Collections.disjoint(r.sources(), record.sources()));
            return anyKnown ? score(record, found.values(), "PROBABILISTIC") : scored;
        }

        private ChildRow resolve(ChildRow row, Map<String, ChildRow> survivors) {
            if (row.status() == ChildStatus.MERGED && row.mergedInto() != null) {
                ChildRow survivor = survivors.get(row.mergedInto());
                if (survivor != null) {
                    return survivor;
                }
            }
            return row;
        }

        private Target target(ChildRow row) {
            return storedTargets.computeIfAbsent(row.id(), id -> {
                Target target = new Target(row, null);
                targets.put(row.contactPointId(), target);
                return target;
            });
        }

        private List<ScoredCandidate> score(MatchRecord record, java.util.Collection<Target> found, String basis) {
            TermFrequencies frequencies = found.isEmpty() ? TermFrequencies.none() : frequencies(record);
            return MatchRules.score(matcher, record, found.stream().map(t -> new MatchRules.Candidate(
                    t.contactPointId(), t.shielded(), t.status() == ChildStatus.CLOSED, t.matchRecord())).toList(),
                    basis, frequencies, config.matching());
        }

        /** The stored counts of the record's names plus the children this batch created so far. */
        private TermFrequencies frequencies(MatchRecord record) {
            Map<String, Long> counts = new HashMap<>();
            for (String key : MatchRules.frequencyKeys(record)) {
                counts.put(key, frequencyCounts.getOrDefault(key, 0L));
            }
            return new TermFrequencies(counts, registerSize, namesHeld);
        }

        /**
         * Links the record to the child, as {@link MatchingService} does: a shielded child's own team decides the
         * first time a source record finds it (ACCEPTED_PENDING), later records of that source link again.
         */
        private void link(Item item, Target target, List<ScoredCandidate> scored, Double score,
                          boolean alreadyLinked) {
            if (target.shielded() && !(item.request.sourceId() != null && alreadyLinked)) {
                queue(item, scored, true);
                item.answer = Registration::acceptedPending;
                return;
            }
            attach(item, target);
            String records = toJson(item.request);
            String candidates = toJson(MatchRules.top(scored));
            boolean withheld = target.shielded();
            decisions.add(() -> {
                MatchDecision decision = MatchDecision.decided(item.source, item.recordId,
                        MatchDecision.Outcome.LINKED, target.id(), score, item.request.responsibleLocalAuthority(),
                        records, candidates, submitter.id(), now);
                if (withheld) {
                    decision.withhold();
                }
                return decision;
            });
            linked.add(target);
            item.answer = withheld ? Registration::acceptedPending
                    : () -> new Registration(target.contactPointId(), "LINKED", version(target), null, score);
        }

        private long version(Target target) {
            if (target.fresh != null) {
                return target.fresh.child.version();
            }
            boolean changed = target.identifiersAdded || target.newVulnerabilities != null;
            return changed ? target.stored.version() + 1 : target.stored.version();
        }

        /** Adds the record's identifiers (and a social care feed's flags) to the child. */
        private void attach(Item item, Target target) {
            List<ChildRecords.Identifier> toAdd = new ArrayList<>(item.identifiers);
            if (item.request.sourceId() != null) {
                toAdd.add(0, new ChildRecords.Identifier(ChildSourceIdentifier.SOURCE_ID, item.recordId,
                        item.source));
            }
            for (ChildRecords.Identifier identifier : toAdd) {
                if (!remember(identifier, target)) {
                    continue;
                }
                if (target.fresh != null) {
                    target.fresh.identifiers.add(new SourceIdentifier(identifier.scheme(), identifier.value(),
                            identifier.source()));
                } else {
                    IdentifierRow row = new IdentifierRow(target.id(), identifier.scheme(), identifier.value(),
                            identifier.source());
                    storedAttachments.add(row);
                    attachmentTargets.put(row, target);
                }
            }
            if (MatchingService.changesVulnerabilities(item.request, target.vulnerabilities())) {
                if (target.fresh != null) {
                    target.fresh.child.vulnerabilities(item.request.vulnerabilities());
                } else {
                    target.newVulnerabilities = item.request.vulnerabilities().isEmpty()
                            ? EnumSet.noneOf(Vulnerability.class) : EnumSet.copyOf(item.request.vulnerabilities());
                }
            }
        }

        /** Notes an identifier as this batch's; false if the batch already holds it. */
        private boolean remember(ChildRecords.Identifier identifier, Target target) {
            String key = identifierKey(identifier.source(), identifier.scheme(), identifier.value());
            if (batchIdentifiers.containsKey(key)) {
                return false;
            }
            batchIdentifiers.put(key, target);
            if (!ChildSourceIdentifier.SOURCE_ID.equals(identifier.scheme())
                    && IdentifierScheme.valueOf(identifier.scheme()).national()) {
                batchIdentifiers.putIfAbsent(nationalKey(identifier.scheme(), identifier.value()), target);
            }
            return true;
        }

        /**
         * Puts the record in a review queue: one resembling a shielded child goes to that child's own local
         * authority, any other to the record's authority, or the best candidate's when it names none.
         */
        private MatchDecision queue(Item item, List<ScoredCandidate> scored, boolean withheld) {
            Optional<ScoredCandidate> shielded = scored.stream().filter(ScoredCandidate::shielded).findFirst();
            String localAuthority;
            if (shielded.isPresent()) {
                localAuthority = targets.get(shielded.get().contactPointId()).localAuthority();
            } else {
                localAuthority = item.request.responsibleLocalAuthority();
                if (localAuthority == null && !scored.isEmpty()) {
                    localAuthority = targets.get(scored.get(0).contactPointId()).localAuthority();
                }
            }
            List<ScoredCandidate> kept = new ArrayList<>(MatchRules.top(scored));
            // The team the item goes to always finds its own child among the candidates.
            shielded.filter(s -> !kept.contains(s)).ifPresent(kept::add);
            MatchDecision decision = MatchDecision.decided(item.source, item.recordId, MatchDecision.Outcome.REVIEW,
                    null, scored.isEmpty() ? null : scored.get(0).score(), localAuthority, toJson(item.request),
                    toJson(kept), submitter.id(), now);
            if (withheld) {
                decision.withhold();
            }
            decisions.add(() -> decision);
            if (item.request.sourceId() != null) {
                batchWaiting.put(item.source + NUL + item.recordId, decision);
            }
            return decision;
        }

        /** As {@link MatchingService}: a record resembling a closed identity waits for the sealed-records team. */
        private void sealedReview(Item item, List<ScoredCandidate> scored) {
            MatchDecision decision = MatchDecision.decided(item.source, item.recordId, MatchDecision.Outcome.REVIEW,
                    null, scored.get(0).score(), null, toJson(item.request),
                    toJson(MatchRules.sealedCandidates(scored)), submitter.id(), now);
            decision.seal();
            decisions.add(() -> decision);
            if (item.request.sourceId() != null) {
                batchWaiting.put(item.source + NUL + item.recordId, decision);
            }
            item.answer = Registration::acceptedPending;
        }

        private void create(Item item, List<ScoredCandidate> scored) {
            Child child = MatchingService.newChild(item.request, contactPointIds.pop(), now);
            MatchRecord stored = ChildRecords.matchRecord(child);
            // Later records of the batch compare their NHS number with the one this record brought.
            MatchRecord record = stored.withParentsAndNhsNumber(stored.parents(), item.record.nhsNumber());
            Fresh fresh = new Fresh(child, record, MatchKeys.of(record));
            Target target = new Target(null, fresh);
            targets.put(child.contactPointId(), target);
            created.add(fresh);
            List<ChildRecords.Identifier> own = new ArrayList<>(item.identifiers);
            if (item.request.sourceId() != null) {
                own.add(0, new ChildRecords.Identifier(ChildSourceIdentifier.SOURCE_ID, item.recordId, item.source));
            }
            for (ChildRecords.Identifier identifier : own) {
                if (remember(identifier, target)) {
                    fresh.identifiers.add(new SourceIdentifier(identifier.scheme(), identifier.value(),
                            identifier.source()));
                }
            }
            for (String key : fresh.keys) {
                freshByKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(fresh);
                if (MatchKeys.isFrequencyKey(key)) {
                    frequencyCounts.merge(key, 1L, Long::sum);
                }
            }
            registerSize++;
            Double best = scored.isEmpty() ? null : scored.get(0).score();
            String records = toJson(item.request);
            String candidates = toJson(MatchRules.top(scored));
            decisions.add(() -> MatchDecision.decided(item.source, item.recordId, MatchDecision.Outcome.CREATED,
                    fresh.id, best, item.request.responsibleLocalAuthority(), records, candidates, submitter.id(),
                    now));
            item.answer = () -> new Registration(child.contactPointId(), "CREATED", child.version(), null, best);
        }

        /** Enough unused ContactPoint IDs for every record of the batch, checked in one query. */
        private void issueContactPointIds(int needed) {
            Set<String> fresh = new LinkedHashSet<>();
            while (fresh.size() < needed) {
                Set<String> candidates = new LinkedHashSet<>();
                while (candidates.size() < needed - fresh.size()) {
                    String id = ContactPointId.issue();
                    if (!fresh.contains(id)) {
                        candidates.add(id);
                    }
                }
                candidates.removeAll(rows.taken(candidates));
                fresh.addAll(candidates);
            }
            contactPointIds.addAll(fresh);
        }

        /** Every write of the batch: one statement per table, then the changed stored children and the events. */
        private void write() {
            List<Long> ids = rows.nextChildIds(created.size());
            for (int i = 0; i < created.size(); i++) {
                created.get(i).id = ids.get(i);
            }
            Set<String> existing = rows.existingIdentifiers(storedAttachments);
            List<IdentifierRow> identifierRows = new ArrayList<>();
            for (Fresh fresh : created) {
                for (SourceIdentifier identifier : fresh.identifiers) {
                    identifierRows.add(new IdentifierRow(fresh.id, identifier.scheme(), identifier.value(),
                            identifier.source()));
                }
            }
            for (IdentifierRow row : storedAttachments) {
                if (!existing.contains(row.source() + NUL + row.scheme() + NUL + row.value())) {
                    identifierRows.add(row);
                    attachmentTargets.get(row).identifiersAdded = true;
                }
            }
            rows.insertChildren(ids, created.stream().map(f -> f.child).toList());
            rows.insertIdentifiers(identifierRows);
            rows.insertMatchKeys(ids, created.stream().map(f -> f.keys).toList());
            rows.insertDecisions(decisions.stream().map(Supplier::get).toList());

            // A stored child that gained an identifier or flags moves to its next version, as on the single path.
            Map<Long, Target> changed = new LinkedHashMap<>();
            for (Target target : linked) {
                if (target.stored != null && (target.identifiersAdded || target.newVulnerabilities != null)) {
                    changed.putIfAbsent(target.id(), target);
                }
            }
            if (!changed.isEmpty()) {
                List<Child> updated = children.byIds(changed.keySet());
                for (Child child : updated) {
                    Target target = changed.get(child.id());
                    if (target.newVulnerabilities != null) {
                        child.vulnerabilities(target.newVulnerabilities);
                    }
                    child.changed(now);
                }
                states.publishAll(updated, ChildChange.UPDATED);
            }
            publisher.registered(created.stream().map(f -> f.child).toList(),
                    created.stream().map(f -> f.identifiers).toList());
        }

        private void auditBatch(String action, Map<String, String> auditQuery) {
            List<String> touched = new ArrayList<>();
            List<String> protectedChildren = new ArrayList<>();
            boolean shielded = false;
            List<Target> all = new ArrayList<>(linked);
            created.forEach(f -> all.add(targets.get(f.child.contactPointId())));
            for (Target target : all) {
                touched.add(target.contactPointId());
                List<Vulnerability> flags = target.vulnerabilities();
                if (flags.contains(Vulnerability.CHILD_PROTECTION_PLAN) || flags.contains(Vulnerability.LOOKED_AFTER)) {
                    protectedChildren.add(target.contactPointId());
                }
                shielded |= target.shielded();
            }
            Map<String, String> query = new LinkedHashMap<>(auditQuery);
            query.put("records", Integer.toString(items.size()));
            audit.batch(submitter.actor(), action, query, touched, protectedChildren, shielded);
        }

        private String toJson(Object value) {
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Could not serialise " + value.getClass().getSimpleName(), e);
            }
        }
    }

    private static Registration answer(MatchDecision decision) {
        return decision.withheld() ? Registration.acceptedPending()
                : new Registration(null, "REVIEW", null, decision.id(), decision.score());
    }

    private static String identifierKey(String source, String scheme, String value) {
        return "S" + NUL + source + NUL + scheme + NUL + value;
    }

    private static String nationalKey(String scheme, String value) {
        return "N" + NUL + scheme + NUL + value;
    }
}
