package org.contactpoint.involvement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.config.InvolvementConfig;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.repository.InvolvementRepository;
import org.contactpoint.involvement.repository.KnownChildRepository;
import org.contactpoint.involvement.rest.InvolvementView;
import org.contactpoint.involvement.security.AccessPolicy;
import org.contactpoint.involvement.security.Roles;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads involvements, each read audited: active ones, and ceased ones within the "has worked with" period. */
@ApplicationScoped
public class InvolvementQueryService {

    private final InvolvementRepository involvements;
    private final KnownChildRepository children;
    private final AccessPolicy policy;
    private final AccessAudit audit;
    private final InvolvementConfig config;
    private final Clock clock;

    public InvolvementQueryService(InvolvementRepository involvements, KnownChildRepository children,
                                   AccessPolicy policy, AccessAudit audit, InvolvementConfig config, Clock clock) {
        this.involvements = involvements;
        this.children = children;
        this.policy = policy;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * la-management: every involvement of a child of their local authority (contactPointId required). A practitioner:
     * their own organisation's involvements, for one child or all. Either way one page at a time, active ones and
     * those ended within the "has worked with" period.
     */
    @Transactional
    public Paging.Slice<InvolvementView> list(String contactPointId, Paging paging, Caller caller) {
        if (contactPointId != null && !ContactPointIds.isValid(contactPointId)) {
            throw ProblemException.invalidField("contactPointId", "is not a valid ContactPoint ID");
        }
        String organisation = null;
        if (caller.hasRole(Roles.LA_MANAGEMENT)) {
            if (contactPointId == null) {
                throw ProblemException.invalidField("contactPointId", "is required");
            }
            if (children.find(contactPointId).isEmpty()) {
                throw ProblemException.notFound("No child " + contactPointId + " is known to involvement-service");
            }
            if (!policy.managesChild(caller, contactPointId)) {
                throw audit.denied(caller, "LIST_INVOLVEMENTS", Map.of("contactPointId", contactPointId),
                        List.of(contactPointId), "Child " + contactPointId + " is not in your local authority");
            }
        } else {
            if (caller.organisationCode() == null) {
                throw ProblemException.forbidden("Your token names no organisation (org_code)");
            }
            organisation = caller.organisationCode();
        }
        LocalDate endedSince = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .minusDays(config.hasWorkedWithPeriod().toDays());
        Paging.Slice<Involvement> found = paging.slice(involvements.listable(organisation, contactPointId, endedSince,
                paging.offset(), paging.fetch()));
        List<InvolvementView> views = found.items().stream().map(InvolvementView::of).toList();
        Map<String, String> query = new LinkedHashMap<>();
        if (contactPointId != null) {
            query.put("contactPointId", contactPointId);
        }
        query.put("page", String.valueOf(paging.page()));
        query.put("size", String.valueOf(paging.size()));
        audit.success(caller, "LIST_INVOLVEMENTS", query,
                views.stream().map(InvolvementView::contactPointId).toList(), views.size());
        return new Paging.Slice<>(views, found.more());
    }

    @Transactional
    public InvolvementView get(String id, Caller caller) {
        Involvement involvement = find(involvements, id);
        if (!policy.mayRead(caller, involvement)) {
            throw audit.denied(caller, "VIEW_INVOLVEMENT", Map.of("involvementId", id),
                    List.of(involvement.contactPointId()), "You may not see this involvement");
        }
        audit.success(caller, "VIEW_INVOLVEMENT", Map.of("involvementId", id),
                List.of(involvement.contactPointId()), 1);
        return InvolvementView.of(involvement);
    }

    static Involvement find(InvolvementRepository involvements, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "is not an involvement id (a UUID)");
        }
        return involvements.findByIdOptional(uuid)
                .orElseThrow(() -> ProblemException.notFound("No involvement " + id));
    }
}
