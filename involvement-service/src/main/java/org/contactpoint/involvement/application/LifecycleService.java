package org.contactpoint.involvement.application;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.config.InvolvementConfig;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.InvolvementStatus;
import org.contactpoint.involvement.domain.SubmissionKey;
import org.contactpoint.involvement.messaging.out.InvolvementPublisher;
import org.contactpoint.involvement.repository.BrokeringRequestRepository;
import org.contactpoint.involvement.repository.InvolvementRepository;
import org.contactpoint.involvement.repository.KnownChildRepository;
import org.contactpoint.involvement.security.AccessPolicy;
import org.contactpoint.support.domain.Conflict;
import org.contactpoint.support.domain.ExpectedVersion;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.scheduling.SingleReplica;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Ends involvements: ceasing, withdrawal of consent, and removal once "has worked with" has run its course. */
@ApplicationScoped
public class LifecycleService {

    /** The expiry sweep runs on one replica at a time (see {@link SingleReplica}). */
    private static final long EXPIRY_JOB_KEY = 0x1E_C7_E7_01L;

    private final InvolvementRepository involvements;
    private final BrokeringRequestRepository brokeringRequests;
    private final KnownChildRepository children;
    private final InvolvementPublisher publisher;
    private final AccessPolicy policy;
    private final AccessAudit audit;
    private final InvolvementConfig config;
    private final SingleReplica singleReplica;
    private final Clock clock;

    public LifecycleService(InvolvementRepository involvements, BrokeringRequestRepository brokeringRequests,
                            KnownChildRepository children, InvolvementPublisher publisher, AccessPolicy policy, AccessAudit audit,
                            InvolvementConfig config, SingleReplica singleReplica, Clock clock) {
        this.involvements = involvements;
        this.brokeringRequests = brokeringRequests;
        this.children = children;
        this.publisher = publisher;
        this.policy = policy;
        this.audit = audit;
        this.config = config;
        this.singleReplica = singleReplica;
        this.clock = clock;
    }

    @Transactional
    public Involvement cease(String id, LocalDate endDate, Caller caller) {
        return cease(id, endDate, caller, ExpectedVersion.ANY);
    }

    /** Ceases the involvement, only from the version the caller read when it names one (else 412). */
    @Transactional
    public Involvement cease(String id, LocalDate endDate, Caller caller, ExpectedVersion expected) {
        Involvement involvement = changeable(id, caller, "CEASE_INVOLVEMENT", expected);
        if (involvement.status() != InvolvementStatus.ACTIVE) {
            throw new Conflict("Involvement " + id + " has already ceased");
        }
        if (endDate.isBefore(involvement.startDate())) {
            throw Rejected.field("endDate", "must not be before the start date " + involvement.startDate());
        }
        involvement.cease(endDate, clock.instant());
        involvements.flush();
        publisher.ceased(involvement);
        audit.success(AccessAudit.asRecorded(caller, List.of(involvement)), "CEASE_INVOLVEMENT",
                Map.of("involvementId", id, "endDate", endDate.toString()), List.of(involvement.contactPointId()), 1);
        return involvement;
    }

    /**
     * Consent for a sensitive service was withdrawn: the involvement is removed here and, through its REMOVED event,
     * from every downstream store. Not for one recorded on a significant-harm basis, which does not rest on consent.
     */
    @Transactional
    public Involvement withdrawConsent(String id, WithdrawConsent request, Caller caller) {
        return withdrawConsent(id, request, caller, ExpectedVersion.ANY);
    }

    /** Withdraws consent, only from the version the caller read when it names one (else 412). */
    @Transactional
    public Involvement withdrawConsent(String id, WithdrawConsent request, Caller caller, ExpectedVersion expected) {
        Involvement involvement = changeable(id, caller, "WITHDRAW_CONSENT", expected);
        if (involvement.basis() == null || involvement.basis().kind() == null
                || !involvement.basis().kind().isConsent()) {
            throw new Conflict("Involvement " + id + " was not shared on the basis of consent");
        }
        remove(involvement);
        // Kept so that the agency sending the same submission again does not bring it back.
        involvements.tombstone(List.of(SubmissionKey.of(involvement)), SubmissionKey.Tombstone.CONSENT_WITHDRAWN,
                clock.instant());
        audit.success(AccessAudit.asRecorded(caller, List.of(involvement)), "WITHDRAW_CONSENT",
                Map.of("involvementId", id, "withdrawnAt", request.withdrawnAt().toString()),
                List.of(involvement.contactPointId()), 1);
        return involvement;
    }

    /**
     * Removes ceased involvements whose "has worked with" period ended before {@code today}; returns how many
     * (0 when another replica is sweeping: each removal must be published once).
     */
    @Transactional
    public int removeExpired(LocalDate today) {
        if (!singleReplica.leads(EXPIRY_JOB_KEY)) {
            return 0;
        }
        List<Involvement> expired = involvements.ceasedBefore(today.minusDays(config.hasWorkedWithPeriod().toDays()));
        expired.forEach(this::remove);
        if (!expired.isEmpty()) {
            Log.infof("Removed %d ceased involvement(s) past the has-worked-with period", expired.size());
        }
        return expired.size();
    }

    private void remove(Involvement involvement) {
        Instant now = clock.instant();
        involvement.remove(now);
        publisher.removed(involvement);
        brokeringRequests.deleteForInvolvement(involvement.id());
        involvements.delete(involvement);
    }

    private Involvement changeable(String id, Caller caller, String action, ExpectedVersion expected) {
        Involvement involvement = expected.any() ? InvolvementQueryService.find(involvements, id)
                : InvolvementQueryService.findForChange(involvements, id);
        if (!policy.mayChange(caller, involvement,
                InvolvementQueryService.localAuthorityOf(children, involvement.contactPointId()))) {
            throw audit.denied(caller, action, Map.of("involvementId", id), List.of(involvement.contactPointId()),
                    "Only a system or practitioner of the involvement's own organisation or the child's local authority"
                            + " management team may change this involvement");
        }
        expected.require(involvement.version(), "Involvement " + id);
        return involvement;
    }
}
