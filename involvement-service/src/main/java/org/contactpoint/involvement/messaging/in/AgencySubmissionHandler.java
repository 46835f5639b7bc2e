package org.contactpoint.involvement.messaging.in;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.AgencySubmission;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.involvement.application.SubmissionBatches;
import org.contactpoint.involvement.application.SubmissionService;
import org.contactpoint.involvement.application.SubmitInvolvement;
import org.contactpoint.involvement.application.Submitter;
import org.contactpoint.involvement.domain.Basis;
import org.contactpoint.involvement.domain.ServiceType;
import org.contactpoint.involvement.domain.SourceIdentifier;
import org.contactpoint.support.domain.DomainException;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies records from the agency topics exactly as {@code POST /involvements} would apply the same bodies: the agency
 * is the record's {@code ce_source}, the idempotency id its {@code submissionId}, and the organisation the one whose
 * topic it is ({@code involvement.agency-submissions.<organisation-code>.v1}, written only by that organisation's
 * Kafka principal): a payload naming another organisation is refused. What REST would answer with 4xx is an invalid
 * event here, dead-lettered on its own with the same reason while the rest of the poll applies.
 *
 * <p>A poll is applied in one transaction through {@link SubmissionBatches} (each message in the inbox first, so a
 * redelivery changes nothing; in the order consumed, so a key's records keep their order). While the database is
 * unavailable the poll is retried, holding the partitions; if it keeps failing for another reason it is applied record
 * by record, so only the record that cannot be stored is dead-lettered.
 */
@ApplicationScoped
public class AgencySubmissionHandler {

    /** The inbox name: unchanged, so a record applied before an upgrade is still recognised when redelivered. */
    static final String CONSUMER = "involvement-service.agency-submissions";

    private final Inbound inbound;
    private final SubmissionService submissions;
    private final SubmissionBatches batches;
    private final DeadLetters deadLetters;

    public AgencySubmissionHandler(Inbound inbound, SubmissionService submissions, SubmissionBatches batches,
                                   DeadLetters deadLetters) {
        this.inbound = inbound;
        this.submissions = submissions;
        this.batches = batches;
        this.deadLetters = deadLetters;
    }

    /** A poll: the valid records applied together, each invalid or refused one dead-lettered with its reason. */
    public void handle(Iterable<ConsumerRecord<String, String>> records) {
        List<IncomingEvent> read = new ArrayList<>();
        List<SubmissionBatches.Delivery> deliveries = new ArrayList<>();
        List<ConsumerRecord<String, String>> origins = new ArrayList<>();
        List<DeadLetters.DeadLetter> invalid = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                IncomingEvent event = IncomingEvent.from(record);
                deliveries.add(new SubmissionBatches.Delivery(event.id(), entry(event)));
                read.add(event);
                origins.add(record);
            } catch (InvalidEventException e) {
                invalid.add(new DeadLetters.DeadLetter(record, new InvalidEventException(e.getMessage())));
            }
        }
        if (!deliveries.isEmpty()) {
            try {
                List<SubmissionBatches.Result> results = new ArrayList<>();
                ConsumerRetry.untilApplied(read.get(0), () -> {
                    results.clear();
                    results.addAll(batches.receiveAll(CONSUMER, deliveries));
                });
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).isRefused()) {
                        invalid.add(new DeadLetters.DeadLetter(origins.get(i),
                                new InvalidEventException(results.get(i).refusal().getMessage())));
                    }
                }
            } catch (RuntimeException e) {
                Log.warnf("A poll of %d agency submissions keeps failing (%s); applying it record by record",
                        deliveries.size(), e.getMessage());
                for (int i = 0; i < read.size(); i++) {
                    IncomingEvent event = read.get(i);
                    try {
                        ConsumerRetry.untilApplied(event, () -> apply(event));
                    } catch (InvalidEventException refused) {
                        invalid.add(new DeadLetters.DeadLetter(origins.get(i), refused));
                    }
                }
            }
        }
        deadLetters.send(invalid);
    }

    /** One record on its own, in its own transaction: for a poll that could not be applied as a whole. */
    @Transactional
    public void apply(IncomingEvent event) {
        Submitter submitter = submitter(event);
        var submission = inbound.receive(event, CONSUMER, AgencySubmission.TYPE, AgencySubmission.class);
        if (submission.isEmpty()) {
            return;
        }
        try {
            submissions.submit(command(submission.get()), submitter);
        } catch (DomainException e) {
            throw new InvalidEventException(e.getMessage(), e);
        }
    }

    /**
     * The record as a submission, checked as the inbound template checks a record (the agency, the topic's
     * organisation, a value, the type, the contract), before any transaction.
     */
    private static SubmissionBatches.Entry entry(IncomingEvent event) {
        Submitter submitter = submitter(event);
        if (event.isTombstone()) {
            throw new InvalidEventException("a " + AgencySubmission.class.getSimpleName() + " must have a value");
        }
        if (!AgencySubmission.TYPE.equals(event.type())) {
            throw new InvalidEventException("unknown ce_type " + event.type() + "; expected one of ["
                    + AgencySubmission.TYPE + "]");
        }
        return new SubmissionBatches.Entry(command(Inbound.parse(event, AgencySubmission.class)), submitter);
    }

    /** The agency ({@code ce_source}) and the organisation its topic proves. */
    private static Submitter submitter(IncomingEvent event) {
        if (event.source() == null || event.source().isBlank()) {
            throw new InvalidEventException("missing header ce_source: the submitting agency");
        }
        String organisation = Topics.agencyOrganisation(event.topic()).orElseThrow(() -> new InvalidEventException(
                "topic " + event.topic() + " is not an organisation's own submission topic"
                        + " (involvement.agency-submissions.<organisation-code>.v1): the organisation is not proven"));
        return Submitter.agencyTopic(event.source(), organisation);
    }

    /** The contract's values, already checked against its vocabularies, in the service's own types. */
    static SubmitInvolvement command(AgencySubmission submission) {
        AgencySubmission.SourceIdentifier identifier = submission.sourceIdentifier();
        InvolvementEvent.Organisation organisation = submission.organisation();
        InvolvementEvent.Practitioner practitioner = submission.practitioner();
        InvolvementEvent.Contact contact = submission.contact();
        AgencySubmission.Consent consent = submission.consent();
        return new SubmitInvolvement(submission.submissionId(), submission.contactPointId(),
                identifier == null ? null
                        : new SourceIdentifier(identifier.scheme(), identifier.value(), identifier.source()),
                ServiceType.valueOf(submission.serviceType()),
                new SubmitInvolvement.Organisation(organisation.name(), organisation.code()),
                practitioner == null ? null
                        : new SubmitInvolvement.Practitioner(practitioner.name(), practitioner.role()),
                new SubmitInvolvement.Contact(contact.phone(), contact.email()),
                submission.startDate(), submission.endDate(), submission.leadProfessional(),
                submission.replacesLead(), submission.cafHeld(),
                consent == null ? null : new Basis(consent.kind() == null ? null : Basis.Kind.valueOf(consent.kind()),
                        consent.givenBy(), consent.recordedAt(), consent.scope(), consent.sufficientUnderstanding()));
    }
}
