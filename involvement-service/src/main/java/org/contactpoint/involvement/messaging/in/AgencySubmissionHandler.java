package org.contactpoint.involvement.messaging.in;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.involvement.AgencySubmission;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.involvement.application.SubmissionService;
import org.contactpoint.involvement.application.SubmitInvolvement;
import org.contactpoint.involvement.application.Submitter;
import org.contactpoint.involvement.domain.Basis;
import org.contactpoint.involvement.domain.ServiceType;
import org.contactpoint.involvement.domain.SourceIdentifier;
import org.contactpoint.support.domain.DomainException;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

/**
 * Applies a record from the agency topic exactly as {@code POST /involvements} would apply the same body: the agency is
 * the record's {@code ce_source}, the idempotency id its {@code submissionId}. What REST would answer with 4xx is an
 * invalid event here, dead-lettered with the same reason.
 */
@ApplicationScoped
public class AgencySubmissionHandler {

    /** The inbox name: unchanged, so a record applied before an upgrade is still recognised when redelivered. */
    static final String CONSUMER = "involvement-service.agency-submissions";

    private final Inbound inbound;
    private final SubmissionService submissions;

    public AgencySubmissionHandler(Inbound inbound, SubmissionService submissions) {
        this.inbound = inbound;
        this.submissions = submissions;
    }

    @Transactional
    public void apply(IncomingEvent event) {
        if (event.source() == null || event.source().isBlank()) {
            throw new InvalidEventException("missing header ce_source: the submitting agency");
        }
        var submission = inbound.receive(event, CONSUMER, AgencySubmission.TYPE, AgencySubmission.class);
        if (submission.isEmpty()) {
            return;
        }
        try {
            submissions.submit(command(submission.get()), Submitter.agencyTopic(event.source()));
        } catch (DomainException e) {
            throw new InvalidEventException(e.getMessage(), e);
        }
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
