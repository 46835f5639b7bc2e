package org.contactpoint.involvement.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.involvement.config.InvolvementConfig;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.KnownChild;
import org.contactpoint.involvement.repository.InvolvementRepository;
import org.contactpoint.involvement.repository.KnownChildRepository;
import org.contactpoint.involvement.security.AccessPolicy;
import org.contactpoint.involvement.security.Roles;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.domain.Rejected;
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
    public InvolvementPage list(ListInvolvements query, Caller caller) {
        String contactPointId = query.contactPointId();
        if (contactPointId != null && !ContactPointIds.isValid(contactPointId)) {
            throw Rejected.field("contactPointId", "is not a valid ContactPoint ID");
        }
        String organisation = null;
        if (caller.hasRole(Roles.LA_MANAGEMENT)) {
            if (contactPointId == null) {
                throw Rejected.field("contactPointId", "is required");
            }
            KnownChild child = children.find(contactPointId).orElseThrow(() ->
                    new NotFound("No child " + contactPointId + " is known to involvement-service"));
            if (!policy.managesChild(caller, child.responsibleLocalAuthority())) {
                throw audit.denied(caller, "LIST_INVOLVEMENTS", query.purpose(),
                        Map.of("contactPointId", contactPointId), List.of(contactPointId),
                        "Child " + contactPointId + " is not in your local authority");
            }
        } else {
            if (caller.organisationCode() == null) {
                throw new Forbidden("Your token names no organisation (org_code)");
            }
            organisation = caller.organisationCode();
        }
        LocalDate endedSince = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .minusDays(config.hasWorkedWithPeriod().toDays());
        // One row more than the page holds says whether a next page exists.
        List<Involvement> fetched = involvements.listable(organisation, contactPointId, endedSince,
                query.page() * query.size(), query.size() + 1);
        boolean more = fetched.size() > query.size();
        List<Involvement> page = more ? List.copyOf(fetched.subList(0, query.size())) : fetched;
        Map<String, String> audited = new LinkedHashMap<>();
        if (contactPointId != null) {
            audited.put("contactPointId", contactPointId);
        }
        audited.put("page", String.valueOf(query.page()));
        audited.put("size", String.valueOf(query.size()));
        audit.success(AccessAudit.asRecorded(caller, page), "LIST_INVOLVEMENTS", query.purpose(), audited,
                page.stream().map(Involvement::contactPointId).toList(), page.size());
        return new InvolvementPage(page, more);
    }

    @Transactional
    public Involvement get(String id, PurposeOfUse purpose, Caller caller) {
        Involvement involvement = find(involvements, id);
        if (!policy.mayRead(caller, involvement, localAuthorityOf(children, involvement.contactPointId()))) {
            throw audit.denied(caller, "VIEW_INVOLVEMENT", purpose, Map.of("involvementId", id),
                    List.of(involvement.contactPointId()), "You may not see this involvement");
        }
        audit.success(AccessAudit.asRecorded(caller, List.of(involvement)), "VIEW_INVOLVEMENT", purpose,
                Map.of("involvementId", id),
                List.of(involvement.contactPointId()), 1);
        return involvement;
    }

    static Involvement find(InvolvementRepository involvements, String id) {
        return involvements.findByIdOptional(uuidOf(id)).orElseThrow(() -> new NotFound("No involvement " + id));
    }

    /**
     * An involvement locked until the transaction ends, so that a change made from the version its caller read
     * (If-Match) is compared and written with no other change in between.
     */
    static Involvement findForChange(InvolvementRepository involvements, String id) {
        return involvements.findByIdOptional(uuidOf(id), LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NotFound("No involvement " + id));
    }

    private static UUID uuidOf(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Rejected.field("id", "is not an involvement id (a UUID)");
        }
    }

    /** The child's responsible local authority, for the access rules; null when the child is not known. */
    static String localAuthorityOf(KnownChildRepository children, String contactPointId) {
        return children.find(contactPointId).map(KnownChild::responsibleLocalAuthority).orElse(null);
    }
}
