package org.contactpoint.involvement.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.involvement.domain.Basis;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.KnownChild;
import org.contactpoint.involvement.domain.ParkedSubmission;
import org.contactpoint.involvement.domain.SubmissionKey;
import org.contactpoint.involvement.messaging.out.InvolvementPublisher;
import org.contactpoint.involvement.repository.InvolvementRepository;
import org.contactpoint.involvement.repository.KnownChildRepository;
import org.contactpoint.involvement.repository.ParkedSubmissionRepository;
import org.contactpoint.support.domain.Conflict;
import org.contactpoint.support.domain.Gone;
import org.contactpoint.support.domain.Rejected;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Accepts involvement submissions, from REST and from the agency topic alike: the only creator of involvements.
 * The same submission (agency + submissionId) twice has one effect; a submission for a child not known yet is parked
 * and applied by {@link #applyParked} when identity's event for the child arrives.
 */
@ApplicationScoped
public class SubmissionService {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final InvolvementRepository involvements;
    private final KnownChildRepository children;
    private final ParkedSubmissionRepository parkedSubmissions;
    private final InvolvementPublisher publisher;
    private final AccessAudit audit;
    private final ObjectMapper json;
    private final Clock clock;

    public SubmissionService(InvolvementRepository involvements, KnownChildRepository children,
                             ParkedSubmissionRepository parkedSubmissions, InvolvementPublisher publisher,
                             AccessAudit audit, ObjectMapper json, Clock clock) {
        this.involvements = involvements;
        this.children = children;
        this.parkedSubmissions = parkedSubmissions;
        this.publisher = publisher;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param submitter who submitted it: the signed-in caller on REST, the record's {@code ce_source} on Kafka;
     *                  submission ids are unique per agency
     * @throws Rejected      for a bad submission
     * @throws Conflict naming the field, for a second lead professional, or a source identifier naming more than one child
     * @throws Gone          for a purged child
     */
    @Transactional
    public SubmissionOutcome submit(SubmitInvolvement submitted, Submitter submitter) {
        validate(submitted);
        SubmitInvolvement request = forCredentialsOrganisation(submitted, submitter);
        String sourceAgency = submitter.agency();
        children.lock("submission:" + sourceAgency + ":" + request.submissionId());
        Optional<Involvement> existing = involvements.findBySubmission(sourceAgency, request.submissionId());
        if (existing.isPresent()) {
            // The repeat's body is not compared: whether the involvement is sensitive is the first one's.
            audit(submitter.actor(), "SUBMIT_INVOLVEMENT_DUPLICATE", existing.get().sensitive(), existing.get().id(),
                    existing.get().contactPointId());
            return SubmissionOutcome.of(SubmissionOutcome.Kind.DUPLICATE, existing.get());
        }
        Optional<ParkedSubmission> alreadyParked = parkedSubmissions.findBySubmission(sourceAgency,
                request.submissionId());
        if (alreadyParked.isPresent()) {
            audit(submitter.actor(), "SUBMIT_INVOLVEMENT_DUPLICATE", request.serviceType().sensitive(),
                    alreadyParked.get().involvementId(), request.contactPointId());
            return SubmissionOutcome.parked(alreadyParked.get(), request.serviceType());
        }
        Optional<SubmissionKey.Tombstone> removed = involvements.tombstoneOf(
                new SubmissionKey(sourceAgency, request.submissionId()));
        if (removed.isPresent()) {
            // A replay must not undo a withdrawal of consent or a purge: the same submission is answered as gone.
            Log.infof("Submission %s of %s was removed for good (%s): not accepted again", request.submissionId(),
                    sourceAgency, removed.get());
            throw removedForGood(request.submissionId(), removed.get());
        }

        Optional<String> named = resolveNamedChild(request);
        Optional<KnownChild> child = named.flatMap(children::find);
        if (child.isEmpty()) {
            return park(request, submitter, named.orElse(null));
        }
        if (child.get().isPurged()) {
            throw new Gone("Child " + child.get().contactPointId()
                    + " is no longer on ContactPoint; its involvements are not kept");
        }
        String home = survivorOf(child.get());
        Involvement started = start(UUID.randomUUID(), request, sourceAgency, child.get().contactPointId(), home,
                submitter.actor(), false);
        return SubmissionOutcome.of(SubmissionOutcome.Kind.CREATED, started);
    }

    /**
     * Applies what was parked for this child (by its ContactPoint ID or one of its source identifiers), now that it
     * is known. Called in the transaction that applied the child's event, holding the child's lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int applyParked(KnownChild child, List<ParkedSubmission> parked) {
        int applied = 0;
        for (ParkedSubmission submission : parked) {
            if (involvements.findByIdOptional(submission.involvementId()).isPresent()) {
                parkedSubmissions.delete(submission);
                continue;
            }
            try {
                SubmitInvolvement request = json.readValue(submission.submission(), SubmitInvolvement.class);
                // Rows parked before held the signed-in Caller, whose JSON has the Actor's fields.
                AuditEvent.Actor submittedBy = json.readValue(submission.submittedBy(), AuditEvent.Actor.class);
                start(submission.involvementId(), request, submission.sourceAgency(), child.contactPointId(),
                        survivorOf(child), submittedBy, true);
                parkedSubmissions.delete(submission);
                applied++;
            } catch (JsonProcessingException e) {
                // It was written by this service from a validated request: unreadable means a bug, not bad input.
                throw new IllegalStateException("Parked submission " + submission.involvementId() + " is unreadable",
                        e);
            }
        }
        if (applied > 0) {
            Log.infof("Applied %d parked submission(s) for %s", applied, child.contactPointId());
        }
        return applied;
    }

    /**
     * The child an involvement for this child belongs with: itself, or the child it was merged into, locked. One hop:
     * identity publishes the final survivor in {@code mergedInto}. A survivor not known yet, or purged, leaves it here.
     */
    String survivorOf(KnownChild child) {
        if (!child.isMerged()) {
            return child.contactPointId();
        }
        Optional<KnownChild> survivor = children.find(child.mergedInto());
        if (survivor.isEmpty() || survivor.get().isPurged()) {
            return child.contactPointId();
        }
        children.lock("child:" + survivor.get().contactPointId());
        return survivor.get().contactPointId();
    }

    private Involvement start(UUID id, SubmitInvolvement request, String sourceAgency, String submittedFor,
                              String home, AuditEvent.Actor actor, boolean wasParked) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        boolean lead = request.leadProfessional();
        if (lead && (request.endDate() == null || request.endDate().isAfter(today))) {
            Optional<Involvement> currentLead = involvements.activeLead(home);
            if (currentLead.isPresent()) {
                boolean ownLead = request.organisation().code() != null
                        && request.organisation().code().equals(currentLead.get().organisationCode());
                if (request.replacesLead() && !ownLead) {
                    if (!wasParked) {
                        // An organisation answers for its own lead only: another's is ended by that organisation
                        // (or the LA team) ceasing it. Not named: the submitter may not be entitled to know it.
                        throw audit.denied(AccessAudit.asRecorded(actor, request.serviceType().sensitive()),
                                "SUBMIT_INVOLVEMENT", Map.of(), List.of(home), "The child's lead professional is"
                                        + " another organisation's; only that organisation can stand it down");
                    }
                    Log.infof("Parked submission %s would replace another organisation's lead of %s: applied as"
                            + " non-lead", request.submissionId(), home);
                    lead = false;
                } else if (request.replacesLead()) {
                    currentLead.get().setLeadProfessional(false, now);
                    // Flush now: the one-active-lead index must see the old lead stood down before the new one.
                    involvements.flush();
                    publisher.updated(currentLead.get());
                } else if (wasParked) {
                    // Nobody is waiting for an answer to a parked submission: it is applied, without the lead flag.
                    Log.infof("Parked submission %s claimed lead for %s, which already has one: applied as non-lead",
                            request.submissionId(), home);
                    lead = false;
                } else {
                    // Neither the other organisation nor its involvement id: the submitter may not be entitled to
                    // know who else works with the child (it may be a sensitive service).
                    throw Conflict.onField("Child " + home + " already has an active lead professional; submit"
                            + " with replacesLead: true to make this the lead instead", "leadProfessional",
                            "the child already has an active lead professional");
                }
            }
        }
        Involvement involvement = Involvement.start(id, sourceAgency, request.submissionId(), submittedFor, home,
                details(request, lead), today, now);
        involvements.persist(involvement);
        involvements.flush();
        publisher.started(involvement);
        if (involvement.isActive()) {
            boolean shielded = children.find(home).map(KnownChild::isShielded).orElse(false);
            publisher.notifyNewInvolvement(involvement, shielded, involvements.activeForChild(home));
        }
        audit(actor, wasParked ? "APPLY_PARKED_INVOLVEMENT" : "SUBMIT_INVOLVEMENT", involvement.sensitive(),
                involvement.id(), home);
        return involvement;
    }

    private SubmissionOutcome park(SubmitInvolvement request, Submitter submitter, String contactPointId) {
        try {
            var identifier = request.sourceIdentifier();
            ParkedSubmission parked = new ParkedSubmission(UUID.randomUUID(), submitter.agency(),
                    request.submissionId(), contactPointId, contactPointId == null ? identifier.scheme() : null,
                    contactPointId == null ? identifier.value() : null,
                    contactPointId == null ? identifier.source() : null, json.writeValueAsString(request),
                    json.writeValueAsString(submitter.actor()), clock.instant());
            parkedSubmissions.persist(parked);
            audit(submitter.actor(), "PARK_INVOLVEMENT", request.serviceType().sensitive(), parked.involvementId(),
                    contactPointId);
            return SubmissionOutcome.parked(parked, request.serviceType());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not park submission " + request.submissionId(), e);
        }
    }

    /**
     * The child the submission names, locked for the rest of the transaction: by ContactPoint ID, or by a source
     * identifier identity-service has told us of. Empty when a source identifier names no known child yet.
     */
    private Optional<String> resolveNamedChild(SubmitInvolvement request) {
        if (request.contactPointId() != null) {
            children.lock("child:" + request.contactPointId());
            return Optional.of(request.contactPointId());
        }
        var identifier = request.sourceIdentifier();
        children.lock("identifier:" + identifier.scheme() + ":" + identifier.value());
        List<String> named = children.byIdentifier(identifier.scheme(), identifier.value(), identifier.source());
        if (named.size() > 1) {
            throw Conflict.onField("sourceIdentifier " + identifier.scheme() + " " + identifier.value()
                    + " names more than one child; submit with the contactPointId", "sourceIdentifier",
                    "names more than one child");
        }
        if (named.isEmpty()) {
            return Optional.empty();
        }
        children.lock("child:" + named.get(0));
        return Optional.of(named.get(0));
    }

    /**
     * The submission as made for the organisation the submitter's credential proves (REST: the token's {@code org}
     * and {@code org_code}): without an organisation it is the credential's; naming another one (code or name) is
     * refused and audited as DENIED. One organisation per credential: a hub serving several organisations holds one
     * credential for each. On an organisation's own agency topic the topic proves the code (Kafka ACLs) and the name is
     * the payload's.
     */
    private SubmitInvolvement forCredentialsOrganisation(SubmitInvolvement request, Submitter submitter) {
        SubmitInvolvement.Organisation claimed = request.organisation();
        if (!submitter.organisationProven()) {
            if (claimed == null) {
                throw Rejected.field("organisation", "is required");
            }
            return request;
        }
        String code = submitter.provenOrganisationCode();
        String name = submitter.actor().organisation();
        if (code == null || code.isBlank()) {
            throw refusedOrganisation(request, submitter, "Your token names no organisation (org_code): a"
                    + " credential submits for its own organisation only");
        }
        if (claimed == null) {
            if (name == null || name.isBlank()) {
                throw Rejected.field("organisation.name", "is required: your token names no organisation (org)");
            }
            return request.withOrganisation(new SubmitInvolvement.Organisation(name, code));
        }
        boolean otherCode = claimed.code() != null && !claimed.code().equals(code);
        boolean otherName = name != null && !sameName(name, claimed.name());
        if (otherCode || otherName) {
            throw refusedOrganisation(request, submitter, "You may submit only for your own organisation ("
                    + code + "), as your credential names it");
        }
        return request.withOrganisation(new SubmitInvolvement.Organisation(name == null ? claimed.name() : name,
                code));
    }

    /**
     * The same organisation name, whatever the case and the spaces around and between words. A name as the token gives
     * it (every line of an agency's load) is answered without a regular expression: folding both names with
     * {@code String.replaceAll} for each line was a third of the import worker's CPU (docs/benchmarks.md, "Session
     * 19").
     */
    static boolean sameName(String a, String b) {
        if (b == null) {
            return false;
        }
        // Equal but for case means equal once spaces are folded too: a space equals no other character in any case.
        return a.equalsIgnoreCase(b) || folded(a).equalsIgnoreCase(folded(b));
    }

    private static String folded(String name) {
        return SPACES.matcher(name.trim()).replaceAll(" ");
    }

    /** Neither the claimed organisation nor the service type goes in the trail: the claim may name a sensitive one. */
    private RuntimeException refusedOrganisation(SubmitInvolvement request, Submitter submitter, String detail) {
        return audit.denied(AccessAudit.asRecorded(submitter.actor(), request.serviceType().sensitive()),
                "SUBMIT_INVOLVEMENT", Map.of(),
                request.contactPointId() == null ? List.of() : List.of(request.contactPointId()), detail);
    }

    /**
     * A submission checked as {@link #submit} checks it before touching any store (its own rules, then the credential's
     * organisation), for the batch path: the request as it will be applied.
     */
    SubmitInvolvement checked(SubmitInvolvement submitted, Submitter submitter) {
        validate(submitted);
        return forCredentialsOrganisation(submitted, submitter);
    }

    /** A new involvement for a checked request, as {@link #submit} starts it; not stored yet. */
    Involvement newInvolvement(UUID id, SubmitInvolvement request, String sourceAgency, String submittedFor,
                               String home, boolean lead) {
        Instant now = clock.instant();
        return Involvement.start(id, sourceAgency, request.submissionId(), submittedFor, home, details(request, lead),
                LocalDate.ofInstant(now, ZoneOffset.UTC), now);
    }

    /** A parked submission for a checked request, as {@link #submit} parks it; not stored yet. */
    ParkedSubmission newParked(SubmitInvolvement request, Submitter submitter, String contactPointId) {
        try {
            var identifier = request.sourceIdentifier();
            return new ParkedSubmission(UUID.randomUUID(), submitter.agency(), request.submissionId(), contactPointId,
                    contactPointId == null ? identifier.scheme() : null,
                    contactPointId == null ? identifier.value() : null,
                    contactPointId == null ? identifier.source() : null, json.writeValueAsString(request),
                    json.writeValueAsString(submitter.actor()), clock.instant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not park submission " + request.submissionId(), e);
        }
    }

    /** The rules Bean Validation cannot express; every failure names the field. */
    void validate(SubmitInvolvement request) {
        if (request.contactPointId() == null && request.sourceIdentifier() == null) {
            throw Rejected.field("contactPointId", "give the child's contactPointId or a sourceIdentifier");
        }
        if (request.contactPointId() != null && !ContactPointIds.isValid(request.contactPointId())) {
            throw Rejected.field("contactPointId",
                    "is not a valid ContactPoint ID (CP and 10 digits, the last a check digit)");
        }
        if (request.contact().phone() == null && request.contact().email() == null) {
            throw Rejected.field("contact", "give a phone number, an email address or both");
        }
        if (request.endDate() != null && request.endDate().isBefore(request.startDate())) {
            throw Rejected.field("endDate", "must not be before startDate");
        }
        if (request.replacesLead() && !request.leadProfessional()) {
            throw Rejected.field("replacesLead", "only applies with leadProfessional: true");
        }
        List<Basis.Violation> violations = Basis.check(request.serviceType(), request.consent(), clock.instant());
        if (!violations.isEmpty()) {
            throw Rejected.fields(violations.stream()
                    .map(v -> new Rejected.FieldError(v.field(), v.reason())).toList());
        }
    }

    private static Involvement.Details details(SubmitInvolvement request, boolean lead) {
        var practitioner = request.practitioner();
        return new Involvement.Details(request.serviceType(), request.organisation().name(),
                request.organisation().code(), practitioner == null ? null : practitioner.name(),
                practitioner == null ? null : practitioner.role(), request.contact().phone(),
                request.contact().email(), request.startDate(), request.endDate(), lead, request.cafHeld(),
                request.consent());
    }

    /**
     * The involvement id is the trail's reference to what was submitted (an investigator resolves it): the service
     * type, the organisation, the identifier and the agency's own submission id (free text, which may name the
     * service) stay here. The submitter of a sensitive service is its provider, so its name and organisation are left
     * out of the record too.
     */
    private void audit(AuditEvent.Actor actor, String action, boolean sensitive, UUID reference,
                       String contactPointId) {
        audit.success(AccessAudit.asRecorded(actor, sensitive), action,
                Map.of("involvementId", reference.toString()),
                contactPointId == null ? List.of() : List.of(contactPointId), 1);
    }

    /** The answer to a replay of a submission whose involvement was removed for good (single and batch paths alike). */
    static Gone removedForGood(String submissionId, SubmissionKey.Tombstone reason) {
        return new Gone("Submission " + submissionId + " was removed for good ("
                + (reason == SubmissionKey.Tombstone.PURGED ? "the child is no longer on ContactPoint"
                : "consent was withdrawn") + "); the same submission is not accepted again");
    }
}
