package org.contactpoint.involvement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.involvement.domain.BrokeringRequest;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.repository.BrokeringRequestRepository;
import org.contactpoint.involvement.repository.InvolvementRepository;
import org.contactpoint.involvement.rest.BrokeringRequestView;
import org.contactpoint.involvement.security.AccessPolicy;
import org.contactpoint.involvement.security.Roles;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Brokered contact with sensitive services: a practitioner (or the LA team itself) asks to be put in touch; the LA
 * management team of the child's local authority, who can see the provider, passes it on or declines.
 */
@ApplicationScoped
public class BrokeringService {

    private final BrokeringRequestRepository requests;
    private final InvolvementRepository involvements;
    private final AccessPolicy policy;
    private final AccessAudit audit;
    private final Clock clock;

    public BrokeringService(BrokeringRequestRepository requests, InvolvementRepository involvements,
                            AccessPolicy policy, AccessAudit audit, Clock clock) {
        this.requests = requests;
        this.involvements = involvements;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public BrokeringRequestView request(String involvementId, String reason, String requesterContact, Caller caller) {
        Involvement involvement = InvolvementQueryService.find(involvements, involvementId);
        if (!involvement.sensitive()) {
            throw ProblemException.conflict("Involvement " + involvementId + " is not a sensitive service: its"
                    + " contact details are on the child's record, no brokering is needed");
        }
        if (involvement.status() == InvolvementEvent.Status.REMOVED) {
            throw ProblemException.notFound("No involvement " + involvementId);
        }
        if (caller.hasRole(Roles.LA_MANAGEMENT) && !caller.hasRole(Roles.PRACTITIONER)
                && !policy.managesChild(caller, involvement.contactPointId())) {
            throw audit.denied(caller, "REQUEST_BROKERING", Map.of("involvementId", involvementId),
                    List.of(involvement.contactPointId()), "Child " + involvement.contactPointId()
                            + " is not in your local authority");
        }
        BrokeringRequest request = BrokeringRequest.open(involvement.id(), reason, caller.userId(), caller.name(),
                caller.organisation(), requesterContact, clock.instant());
        requests.persist(request);
        audit.success(caller, "REQUEST_BROKERING", Map.of("involvementId", involvementId,
                "brokeringRequestId", request.id().toString()), List.of(involvement.contactPointId()), 1);
        return BrokeringRequestView.of(request, involvement, false);
    }

    /** The LA team's queue: requests about children of the caller's local authority, with the provider shown. */
    @Transactional
    public List<BrokeringRequestView> queue(BrokeringRequest.Status status, Caller caller) {
        if (caller.localAuthority() == null) {
            throw ProblemException.forbidden("Your token names no local authority (la)");
        }
        List<BrokeringRequestView> views = requests.forLocalAuthority(caller.localAuthority(), status).stream()
                .map(r -> BrokeringRequestView.of(r, involvements.findById(r.involvementId()), true)).toList();
        audit.success(caller, "LIST_BROKERING_REQUESTS", Map.of("status", status.name()),
                views.stream().map(BrokeringRequestView::contactPointId).toList(), views.size());
        return views;
    }

    @Transactional
    public BrokeringRequestView decide(String requestId, BrokeringRequest.Status outcome, String note, Caller caller) {
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "is not a brokering request id (a UUID)");
        }
        if (outcome == BrokeringRequest.Status.OPEN) {
            throw ProblemException.invalidField("outcome", "must be CONTACT_BROKERED or DECLINED");
        }
        BrokeringRequest request = requests.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No brokering request " + requestId));
        Involvement involvement = involvements.findById(request.involvementId());
        if (!policy.managesChild(caller, involvement.contactPointId())) {
            throw audit.denied(caller, "DECIDE_BROKERING", Map.of("brokeringRequestId", requestId),
                    List.of(involvement.contactPointId()), "Child " + involvement.contactPointId()
                            + " is not in your local authority");
        }
        if (request.status() != BrokeringRequest.Status.OPEN) {
            throw ProblemException.conflict("Brokering request " + requestId + " was already decided: "
                    + request.status());
        }
        request.decide(outcome, note, caller.userId(), clock.instant());
        audit.success(caller, "DECIDE_BROKERING", Map.of("brokeringRequestId", requestId,
                "outcome", outcome.name()), List.of(involvement.contactPointId()), 1);
        return BrokeringRequestView.of(request, involvement, true);
    }
}
