package org.contactpoint.involvement.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.KnownChild;
import org.contactpoint.involvement.repository.KnownChildRepository;
import org.contactpoint.support.security.Caller;

import java.util.Objects;

/**
 * Who may see or act on an involvement:
 * <ul>
 *   <li>la-management: every involvement (sensitive ones included) of a child whose responsible local authority is
 *       the caller's ({@code la} claim);</li>
 *   <li>practitioner: involvements of their own organisation ({@code org_code} claim);</li>
 *   <li>agency-system, case-management: the involvements they submitted.</li>
 * </ul>
 */
@ApplicationScoped
public class AccessPolicy {

    private final KnownChildRepository children;

    public AccessPolicy(KnownChildRepository children) {
        this.children = children;
    }

    public boolean mayRead(Caller caller, Involvement involvement) {
        return isSubmitter(caller, involvement) || isOwnOrganisation(caller, involvement)
                || managesChild(caller, involvement.contactPointId());
    }

    /** Ceasing and withdrawing consent: the agency that submitted it, or the child's LA management team. */
    public boolean mayChange(Caller caller, Involvement involvement) {
        return isSubmitter(caller, involvement) || managesChild(caller, involvement.contactPointId());
    }

    public boolean managesChild(Caller caller, String contactPointId) {
        if (!caller.hasRole(Roles.LA_MANAGEMENT) || caller.localAuthority() == null) {
            return false;
        }
        return children.find(contactPointId).map(KnownChild::responsibleLocalAuthority)
                .filter(la -> la.equals(caller.localAuthority())).isPresent();
    }

    public boolean isOwnOrganisation(Caller caller, Involvement involvement) {
        return caller.hasRole(Roles.PRACTITIONER) && caller.organisationCode() != null
                && Objects.equals(caller.organisationCode(), involvement.organisationCode());
    }

    private static boolean isSubmitter(Caller caller, Involvement involvement) {
        return (caller.hasRole(Roles.AGENCY_SYSTEM) || caller.hasRole(Roles.CASE_MANAGEMENT))
                && Objects.equals(caller.userId(), involvement.sourceAgency());
    }
}
