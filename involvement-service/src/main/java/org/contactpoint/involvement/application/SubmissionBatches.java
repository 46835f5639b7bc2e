package org.contactpoint.involvement.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.KnownChild;
import org.contactpoint.involvement.domain.Notification;
import org.contactpoint.involvement.domain.ParkedSubmission;
import org.contactpoint.involvement.domain.SubmissionKey;
import org.contactpoint.involvement.messaging.out.InvolvementPublisher;
import org.contactpoint.involvement.repository.InvolvementRepository;
import org.contactpoint.involvement.repository.SubmissionBatchRepository;
import org.contactpoint.involvement.repository.SubmissionBatchRepository.ChildReference;
import org.contactpoint.involvement.repository.SubmissionBatchRepository.NamedChild;
import org.contactpoint.support.domain.Conflict;
import org.contactpoint.support.domain.DomainException;
import org.contactpoint.support.domain.Gone;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Many submissions in one transaction, with the effect and the per-submission result each would have had through
 * {@link SubmissionService#submit} (created, the same submission again, parked, or the same refusal), but set-based:
 * the batch's locks in one statement per kind (submissions, identifiers, children, each kind sorted and taken in the
 * order a single submission and identity's events take them), its existing submissions in one query, its children
 * resolved in one query, the children's active involvements in one query, and its involvements, their started events,
 * parked submissions and audit records written in one statement each, its notifications in one JDBC batch.
 * Submissions are applied in the order given, so one agency's submissions about a child keep their order, and a repeat
 * within the batch is a duplicate of the first.
 * Batch items are never held back waiting for an unknown child: they park at once.
 */
@ApplicationScoped
public class SubmissionBatches {

    /** One submission of a batch, and who made it. */
    public record Entry(SubmitInvolvement request, Submitter submitter) {
    }

    /** A message of the agency topic carrying one submission: its id is its inbox key. */
    public record Delivery(String messageId, Entry entry) {
    }

    /**
     * What became of one submission: its outcome, or the refusal a single submission would have met; neither for a
     * message already applied before (a redelivery).
     */
    public record Result(SubmissionOutcome outcome, DomainException refusal) {

        static Result of(SubmissionOutcome outcome) {
            return new Result(outcome, null);
        }

        static Result refused(DomainException refusal) {
            return new Result(null, refusal);
        }

        static Result redelivered() {
            return new Result(null, null);
        }

        public boolean isRefused() {
            return refusal != null;
        }
    }

    /**
     * One audit record for a whole batch (an import), instead of one per submission: it names every involvement the
     * batch made or parked, by reference, and every child.
     */
    public record BatchAudit(AuditEvent.Actor actor, String action, Map<String, String> query) {
    }

    private final SubmissionService submissions;
    private final SubmissionBatchRepository batches;
    private final InvolvementRepository involvements;
    private final InvolvementPublisher publisher;
    private final AccessAudit audit;
    private final Clock clock;

    public SubmissionBatches(SubmissionService submissions, SubmissionBatchRepository batches,
                             InvolvementRepository involvements, InvolvementPublisher publisher, AccessAudit audit, Clock clock) {
        this.submissions = submissions;
        this.batches = batches;
        this.involvements = involvements;
        this.publisher = publisher;
        this.audit = audit;
        this.clock = clock;
    }

    /** A REST batch: every submission in one transaction, one result each, in order. */
    @Transactional
    public List<Result> submitAll(List<Entry> entries) {
        return apply(entries, null);
    }

    /**
     * A poll of the agency topic: each message is recorded in the consumer's inbox first (a redelivery changes nothing
     * and has no result), then its submission applied as in {@link #submitAll}. A refused message is taken out of the
     * inbox again, as its own rolled-back transaction would have left it, so a redelivery is refused again.
     *
     * @return one result per delivery, in order
     */
    @Transactional
    public List<Result> receiveAll(String consumer, List<Delivery> deliveries) {
        List<String> ids = deliveries.stream().map(Delivery::messageId).distinct().toList();
        Set<String> firstTime = batches.firstDeliveries(consumer, ids);
        Set<String> taken = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        List<Integer> applied = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            String id = deliveries.get(i).messageId();
            if (firstTime.contains(id) && taken.add(id)) {
                entries.add(deliveries.get(i).entry());
                applied.add(i);
            }
        }
        List<Result> outcomes = apply(entries, null);
        List<Result> results = new ArrayList<>(deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            results.add(Result.redelivered());
        }
        List<String> refused = new ArrayList<>();
        for (int n = 0; n < applied.size(); n++) {
            results.set(applied.get(n), outcomes.get(n));
            if (outcomes.get(n).isRefused()) {
                refused.add(deliveries.get(applied.get(n)).messageId());
            }
        }
        batches.forgetDeliveries(consumer, refused);
        return results;
    }

    /**
     * Applies the batch in the caller's transaction.
     *
     * @param batchAudit one record for the whole batch; null for a record per submission, as a single one has
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Result> apply(List<Entry> entries, BatchAudit batchAudit) {
        return new Run(entries, batchAudit).apply();
    }

    /** One batch being applied: what it has read and what it has yet to write. */
    private final class Run {

        private final List<Entry> entries;
        private final BatchAudit batchAudit;
        private final Result[] results;
        private final SubmitInvolvement[] requests;
        private final int[] referenceOf;
        private final Map<String, Involvement> existing = new HashMap<>();
        private final Map<String, ParkedSubmission> alreadyParked = new HashMap<>();
        private final Map<String, SubmissionKey.Tombstone> removedForGood = new HashMap<>();
        private final Map<Integer, List<NamedChild>> named = new HashMap<>();
        private final Map<String, List<Involvement>> active = new HashMap<>();
        private final Map<String, Involvement> leads = new HashMap<>();
        private final Map<String, Boolean> shielded = new HashMap<>();
        private final Map<String, SubmissionOutcome> madeHere = new HashMap<>();
        private final List<Involvement> pending = new ArrayList<>();
        private final List<ParkedSubmission> parking = new ArrayList<>();
        private final List<Notification> notices = new ArrayList<>();
        private final List<AuditEvent> audits = new ArrayList<>();
        private final Set<String> referenced = new LinkedHashSet<>();
        private final List<String> references = new ArrayList<>();

        Run(List<Entry> entries, BatchAudit batchAudit) {
            this.entries = entries;
            this.batchAudit = batchAudit;
            this.results = new Result[entries.size()];
            this.requests = new SubmitInvolvement[entries.size()];
            this.referenceOf = new int[entries.size()];
        }

        List<Result> apply() {
            check();
            readExisting();
            resolveChildren();
            readActive();
            for (int i = 0; i < entries.size(); i++) {
                if (results[i] != null) {
                    continue;
                }
                try {
                    results[i] = Result.of(one(i));
                } catch (DomainException e) {
                    results[i] = Result.refused(e);
                }
            }
            flushPending();
            batches.insertParked(parking);
            publisher.deliver(notices);
            if (batchAudit == null) {
                audit.recordAll(audits);
            } else if (!references.isEmpty()) {
                Map<String, String> query = new LinkedHashMap<>(batchAudit.query());
                query.put("involvementIds", String.join(",", references));
                audit.recordAll(List.of(audit.successEvent(batchAudit.actor(), batchAudit.action(), query,
                        List.copyOf(referenced), references.size())));
            }
            return List.of(results);
        }

        /** Each submission's own rules and the credential's organisation, before any store is touched. */
        private void check() {
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                try {
                    requests[i] = submissions.checked(entry.request(), entry.submitter());
                } catch (DomainException e) {
                    results[i] = Result.refused(e);
                }
            }
        }

        /** The batch's submissions already made or parked, under their locks. */
        private void readExisting() {
            TreeSet<String> locks = new TreeSet<>();
            Set<SubmissionKey> keys = new LinkedHashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                if (results[i] == null) {
                    String agency = entries.get(i).submitter().agency();
                    locks.add("submission:" + agency + ":" + requests[i].submissionId());
                    keys.add(new SubmissionKey(agency, requests[i].submissionId()));
                }
            }
            batches.lockAll(List.copyOf(locks));
            // Read past Hibernate (plain JDBC): whatever this transaction changed through it is written first.
            involvements.flush();
            batches.involvementsBySubmission(keys).forEach(i -> existing.put(key(i.sourceAgency(),
                    i.submissionId()), i));
            batches.parkedBySubmission(keys).forEach(p -> alreadyParked.put(key(p.sourceAgency(),
                    p.submissionId()), p));
            // A replay must not undo a withdrawal of consent or a purge: keys tombstoned then are refused (410).
            List<SubmissionKey> unseen = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                if (results[i] == null && !existing.containsKey(keyOf(i)) && !alreadyParked.containsKey(keyOf(i))) {
                    unseen.add(new SubmissionKey(entries.get(i).submitter().agency(), requests[i].submissionId()));
                }
            }
            batches.tombstonesOf(unseen).forEach((key, reason) ->
                    removedForGood.put(key(key.agency(), key.submissionId()), reason));
        }

        /**
         * Every child the batch names, locked: identifiers first, then children (as identity's events take them), then
         * any child an identifier or a merge led to, resolving again until nothing new is named.
         */
        private void resolveChildren() {
            List<ChildReference> wanted = new ArrayList<>();
            TreeSet<String> identifierLocks = new TreeSet<>();
            TreeSet<String> childLocks = new TreeSet<>();
            for (int i = 0; i < entries.size(); i++) {
                referenceOf[i] = -1;
                if (results[i] != null || existing.containsKey(keyOf(i)) || alreadyParked.containsKey(keyOf(i))
                        || removedForGood.containsKey(keyOf(i))) {
                    continue;
                }
                SubmitInvolvement request = requests[i];
                referenceOf[i] = wanted.size();
                if (request.contactPointId() != null) {
                    wanted.add(new ChildReference(request.contactPointId(), null, null, null));
                    childLocks.add("child:" + request.contactPointId());
                } else {
                    var identifier = request.sourceIdentifier();
                    wanted.add(new ChildReference(null, identifier.scheme(), identifier.value(),
                            identifier.source()));
                    identifierLocks.add("identifier:" + identifier.scheme() + ":" + identifier.value());
                }
            }
            if (wanted.isEmpty()) {
                return;
            }
            batches.lockAll(List.copyOf(identifierLocks));
            batches.lockAll(List.copyOf(childLocks));
            Set<String> held = new HashSet<>(childLocks);
            List<NamedChild> found;
            while (true) {
                found = batches.resolve(wanted);
                TreeSet<String> more = new TreeSet<>();
                for (NamedChild child : found) {
                    more.add("child:" + child.contactPointId());
                    if (isMerged(child) && survivorTakes(child)) {
                        more.add("child:" + child.mergedInto());
                    }
                }
                more.removeAll(held);
                if (more.isEmpty()) {
                    break;
                }
                batches.lockAll(List.copyOf(more));
                held.addAll(more);
            }
            for (NamedChild child : found) {
                named.computeIfAbsent(child.reference(), r -> new ArrayList<>()).add(child);
                shielded.putIfAbsent(child.contactPointId(), child.shielded());
                if (child.mergedInto() != null && child.survivorStatus() != null) {
                    shielded.putIfAbsent(child.mergedInto(), child.survivorShielded());
                }
            }
        }

        /** The active involvements (and so the lead) of every child the batch's involvements would join. */
        private void readActive() {
            Set<String> homes = new HashSet<>();
            named.values().forEach(children -> children.forEach(child -> {
                if (child.status() != null && !KnownChild.PURGED.equals(child.status())) {
                    homes.add(home(child));
                }
            }));
            for (Involvement involvement : batches.activeForChildren(homes)) {
                active.computeIfAbsent(involvement.contactPointId(), c -> new ArrayList<>()).add(involvement);
                if (involvement.leadProfessional()) {
                    leads.put(involvement.contactPointId(), involvement);
                }
            }
        }

        private SubmissionOutcome one(int i) {
            SubmitInvolvement request = requests[i];
            Submitter submitter = entries.get(i).submitter();
            String key = keyOf(i);
            SubmissionOutcome earlier = madeHere.get(key);
            if (earlier != null) {
                return duplicate(earlier, request, submitter);
            }
            Involvement made = existing.get(key);
            if (made != null) {
                return duplicate(SubmissionOutcome.of(SubmissionOutcome.Kind.CREATED, made), request, submitter);
            }
            ParkedSubmission parked = alreadyParked.get(key);
            if (parked != null) {
                return duplicate(SubmissionOutcome.parked(parked, request.serviceType()), request, submitter);
            }
            SubmissionKey.Tombstone removed = removedForGood.get(key);
            if (removed != null) {
                throw SubmissionService.removedForGood(request.submissionId(), removed);
            }
            List<NamedChild> children = named.getOrDefault(referenceOf[i], List.of());
            if (request.contactPointId() == null && children.size() > 1) {
                var identifier = request.sourceIdentifier();
                throw Conflict.onField("sourceIdentifier " + identifier.scheme() + " " + identifier.value()
                        + " names more than one child; submit with the contactPointId", "sourceIdentifier",
                        "names more than one child");
            }
            SubmissionOutcome outcome;
            if (children.isEmpty() || children.get(0).status() == null) {
                outcome = park(request, submitter, children.isEmpty() ? null : children.get(0).contactPointId());
            } else {
                NamedChild child = children.get(0);
                if (KnownChild.PURGED.equals(child.status())) {
                    throw new Gone("Child " + child.contactPointId()
                            + " is no longer on ContactPoint; its involvements are not kept");
                }
                outcome = SubmissionOutcome.of(SubmissionOutcome.Kind.CREATED,
                        start(request, submitter, child.contactPointId(), home(child)));
            }
            madeHere.put(key, outcome);
            return outcome;
        }

        private SubmissionOutcome duplicate(SubmissionOutcome earlier, SubmitInvolvement request,
                                            Submitter submitter) {
            if (earlier.kind() == SubmissionOutcome.Kind.PARKED) {
                audit(submitter.actor(), "SUBMIT_INVOLVEMENT_DUPLICATE", request.serviceType().sensitive(),
                        earlier.parked().involvementId(), request.contactPointId());
                return SubmissionOutcome.parked(earlier.parked(), request.serviceType());
            }
            Involvement involvement = earlier.involvement();
            audit(submitter.actor(), "SUBMIT_INVOLVEMENT_DUPLICATE", involvement.sensitive(), involvement.id(),
                    involvement.contactPointId());
            return SubmissionOutcome.of(SubmissionOutcome.Kind.DUPLICATE, involvement);
        }

        private SubmissionOutcome park(SubmitInvolvement request, Submitter submitter, String contactPointId) {
            ParkedSubmission parked = submissions.newParked(request, submitter, contactPointId);
            parking.add(parked);
            audit(submitter.actor(), "PARK_INVOLVEMENT", request.serviceType().sensitive(), parked.involvementId(),
                    contactPointId);
            return SubmissionOutcome.parked(parked, request.serviceType());
        }

        /** As {@link SubmissionService#submit} starts one, the lead rules included; stored with the batch. */
        private Involvement start(SubmitInvolvement request, Submitter submitter, String submittedFor, String home) {
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            if (request.leadProfessional() && (request.endDate() == null || request.endDate().isAfter(today))) {
                Involvement currentLead = leads.get(home);
                if (currentLead != null) {
                    boolean ownLead = request.organisation().code() != null
                            && request.organisation().code().equals(currentLead.organisationCode());
                    if (request.replacesLead() && !ownLead) {
                        throw audit.denied(AccessAudit.asRecorded(submitter.actor(),
                                        request.serviceType().sensitive()), "SUBMIT_INVOLVEMENT", Map.of(),
                                List.of(home), "The child's lead professional is another organisation's; only that"
                                        + " organisation can stand it down");
                    } else if (request.replacesLead()) {
                        standDown(currentLead, now);
                        leads.remove(home);
                    } else {
                        throw Conflict.onField("Child " + home + " already has an active lead professional; submit"
                                + " with replacesLead: true to make this the lead instead", "leadProfessional",
                                "the child already has an active lead professional");
                    }
                }
            }
            Involvement involvement = submissions.newInvolvement(UUID.randomUUID(), request, submitter.agency(),
                    submittedFor, home, request.leadProfessional());
            pending.add(involvement);
            if (involvement.leadProfessional()) {
                leads.put(home, involvement);
            }
            if (involvement.isActive()) {
                List<Involvement> forChild = active.computeIfAbsent(home, c -> new ArrayList<>());
                forChild.add(involvement);
                forChild.sort(Comparator.comparing(Involvement::startDate)
                        .thenComparing(i -> i.id().toString()));
                notices.addAll(publisher.newInvolvementNotices(involvement, shielded.getOrDefault(home, false),
                        List.copyOf(forChild)));
            }
            audit(submitter.actor(), "SUBMIT_INVOLVEMENT", involvement.sensitive(), involvement.id(), home);
            return involvement;
        }

        /**
         * The current lead stands down for the new one: its update, and whatever the batch has made so far, go out
         * before the new lead is stored (the one-active-lead index sees them in that order).
         */
        private void standDown(Involvement currentLead, Instant now) {
            flushPending();
            Involvement stored = involvements.forChange(currentLead.id());
            stored.setLeadProfessional(false, now);
            involvements.flush();
            publisher.updated(stored);
        }

        private void flushPending() {
            involvements.flush();
            batches.insertInvolvements(pending);
            publisher.startedAll(pending);
            pending.clear();
        }

        private void audit(AuditEvent.Actor actor, String action, boolean sensitive, UUID reference,
                           String contactPointId) {
            if (batchAudit != null) {
                if (!"SUBMIT_INVOLVEMENT_DUPLICATE".equals(action)) {
                    references.add(reference.toString());
                }
                if (contactPointId != null) {
                    referenced.add(contactPointId);
                }
                return;
            }
            audits.add(audit.successEvent(AccessAudit.asRecorded(actor, sensitive), action,
                    Map.of("involvementId", reference.toString()),
                    contactPointId == null ? List.of() : List.of(contactPointId), 1));
        }

        private String keyOf(int i) {
            return key(entries.get(i).submitter().agency(), requests[i].submissionId());
        }
    }

    private static String key(String agency, String submissionId) {
        return agency + "\u0000" + submissionId;
    }

    private static boolean isMerged(NamedChild child) {
        return KnownChild.MERGED.equals(child.status()) && child.mergedInto() != null;
    }

    private static boolean survivorTakes(NamedChild child) {
        return child.survivorStatus() != null && !KnownChild.PURGED.equals(child.survivorStatus());
    }

    /** Where an involvement for this child lives: itself, or the child it was merged into (one hop), if known. */
    private static String home(NamedChild child) {
        return isMerged(child) && survivorTakes(child) ? child.mergedInto() : child.contactPointId();
    }
}
