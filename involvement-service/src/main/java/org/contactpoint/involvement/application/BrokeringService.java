package org.contactpoint.involvement.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.domain.BrokeringRequest;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.InvolvementStatus;
import org.contactpoint.involvement.repository.BrokeringRequestRepository;
import org.contactpoint.involvement.repository.InvolvementRepository;
import org.contactpoint.involvement.repository.KnownChildRepository;
import org.contactpoint.involvement.security.AccessPolicy;
import org.contactpoint.involvement.security.Roles;
import org.contactpoint.support.domain.Conflict;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.domain.Rejected;
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
    private final KnownChildRepository children;
    private final AccessPolicy policy;
    private final AccessAudit audit;
    private final Clock clock;

    public BrokeringService(BrokeringRequestRepository requests, InvolvementRepository involvements,
                            KnownChildRepository children, AccessPolicy policy, AccessAudit audit, Clock clock) {
        this.requests = requests;
        this.involvements = involvements;
        this.children = children;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public BrokeringCase request(String involvementId, String reason, String requesterContact, Caller caller) {
        Involvement involvement = InvolvementQueryService.find(involvements, involvementId);
        if (!involvement.sensitive()) {
            throw new Conflict("Involvement " + involvementId + " is not a sensitive service: its"
                    + " contact details are on the child's record, no brokering is needed");
        }
        if (involvement.status() == InvolvementStatus.REMOVED) {
            throw new NotFound("No involvement " + involvementId);
        }
        if (caller.hasRole(Roles.LA_MANAGEMENT) && !caller.hasRole(Roles.PRACTITIONER)
                && !managesChild(caller, involvement)) {
            throw audit.denied(caller, "REQUEST_BROKERING", Map.of("involvementId", involvementId),
                    List.of(involvement.contactPointId()), "Child " + involvement.contactPointId()
                            + " is not in your local authority");
        }
        BrokeringRequest request = BrokeringRequest.open(involvement.id(), reason, caller.userId(), caller.name(),
                caller.organisation(), requesterContact, clock.instant());
        requests.persist(request);
        audit.success(AccessAudit.asRecorded(caller, List.of(involvement)), "REQUEST_BROKERING",
                Map.of("involvementId", involvementId, "brokeringRequestId", request.id().toString()),
                List.of(involvement.contactPointId()), 1);
        return new BrokeringCase(request, involvement);
    }

    /** The LA team's queue: requests about children of the caller's local authority, with the provider shown. */
    @Transactional
    public List<BrokeringCase> queue(BrokeringRequest.Status status, PurposeOfUse purpose, Caller caller) {
        if (caller.localAuthority() == null) {
            throw new Forbidden("Your token names no local authority (la)");
        }
        List<BrokeringCase> cases = requests.forLocalAuthority(caller.localAuthority(), status).stream()
                .map(r -> new BrokeringCase(r, involvements.findById(r.involvementId()))).toList();
        audit.success(caller.toActor(), "LIST_BROKERING_REQUESTS", purpose, Map.of("status", status.name()),
                cases.stream().map(c -> c.involvement().contactPointId()).toList(), cases.size());
        return cases;
    }

    @Transactional
    public BrokeringCase decide(String requestId, BrokeringRequest.Status outcome, String note, Caller caller) {
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            throw Rejected.field("id", "is not a brokering request id (a UUID)");
        }
        if (outcome == BrokeringRequest.Status.OPEN) {
            throw Rejected.field("outcome", "must be CONTACT_BROKERED or DECLINED");
        }
        BrokeringRequest request = requests.findByIdOptional(id)
                .orElseThrow(() -> new NotFound("No brokering request " + requestId));
        Involvement involvement = involvements.findById(request.involvementId());
        if (!managesChild(caller, involvement)) {
            throw audit.denied(caller, "DECIDE_BROKERING", Map.of("brokeringRequestId", requestId),
                    List.of(involvement.contactPointId()), "Child " + involvement.contactPointId()
                            + " is not in your local authority");
        }
        if (request.status() != BrokeringRequest.Status.OPEN) {
            throw new Conflict("Brokering request " + requestId + " was already decided: "
                    + request.status());
        }
        request.decide(outcome, note, caller.userId(), clock.instant());
        audit.success(caller, "DECIDE_BROKERING", Map.of("brokeringRequestId", requestId,
                "outcome", outcome.name()), List.of(involvement.contactPointId()), 1);
        return new BrokeringCase(request, involvement);
    }

    private boolean managesChild(Caller caller, Involvement involvement) {
        return policy.managesChild(caller,
                InvolvementQueryService.localAuthorityOf(children, involvement.contactPointId()));
    }
}
