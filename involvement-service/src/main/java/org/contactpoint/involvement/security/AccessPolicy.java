package org.contactpoint.involvement.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.Notification;
import org.contactpoint.support.security.Caller;

import java.util.Objects;
import java.util.Optional;

/**
 * Who may see or act on an involvement:
 * <ul>
 *   <li>la-management: every involvement (sensitive ones included) of a child whose responsible local authority is
 *       the caller's ({@code la} claim);</li>
 *   <li>practitioner: involvements of their own organisation ({@code org_code} claim);</li>
 *   <li>agency-system, case-management: read the involvements they submitted; read and change (cease, withdraw
 *       consent) those of their own organisation ({@code org_code} claim), which is the only organisation they
 *       submit for.</li>
 * </ul>
 * The child's responsible local authority is passed in (null when the child is not known): the rules read no store.
 */
@ApplicationScoped
public class AccessPolicy {

    public boolean mayRead(Caller caller, Involvement involvement, String childsLocalAuthority) {
        return isSubmitter(caller, involvement) || actsForOrganisation(caller, involvement)
                || isOwnOrganisation(caller, involvement) || managesChild(caller, childsLocalAuthority);
    }

    /**
     * Ceasing and withdrawing consent: a system of the organisation the involvement is for (not merely whichever
     * system submitted it: before credentials were bound to one organisation, a hub could submit for any), or the
     * child's LA management team.
     */
    public boolean mayChange(Caller caller, Involvement involvement, String childsLocalAuthority) {
        return actsForOrganisation(caller, involvement) || managesChild(caller, childsLocalAuthority);
    }

    /** Whether the caller is on the LA management team of the child's responsible local authority. */
    public boolean managesChild(Caller caller, String childsLocalAuthority) {
        return caller.hasRole(Roles.LA_MANAGEMENT) && caller.localAuthority() != null
                && caller.localAuthority().equals(childsLocalAuthority);
    }

    public boolean isOwnOrganisation(Caller caller, Involvement involvement) {
        return caller.hasRole(Roles.PRACTITIONER) && caller.organisationCode() != null
                && Objects.equals(caller.organisationCode(), involvement.organisationCode());
    }

    /**
     * A system of the involvement's organisation, or one of its practitioners (who may have no case-management system
     * and records or ends the organisation's involvement on the practitioner page).
     */
    private static boolean actsForOrganisation(Caller caller, Involvement involvement) {
        return (caller.hasRole(Roles.AGENCY_SYSTEM) || caller.hasRole(Roles.CASE_MANAGEMENT)
                || caller.hasRole(Roles.PRACTITIONER))
                && caller.organisationCode() != null
                && Objects.equals(caller.organisationCode(), involvement.organisationCode());
    }

    private static boolean isSubmitter(Caller caller, Involvement involvement) {
        return (caller.hasRole(Roles.AGENCY_SYSTEM) || caller.hasRole(Roles.CASE_MANAGEMENT))
                && Objects.equals(caller.userId(), involvement.sourceAgency());
    }

    /**
     * Whose notifications the caller reads and acknowledges: the LA management team its local authority's ({@code la}
     * claim), everyone else its organisation's ({@code org_code} claim). Empty when the token names neither.
     */
    public Optional<Notification.Recipient> inboxOf(Caller caller) {
        if (caller.hasRole(Roles.LA_MANAGEMENT)) {
            return Optional.ofNullable(caller.localAuthority()).filter(la -> !la.isBlank())
                    .map(Notification.Recipient::localAuthority);
        }
        return Optional.ofNullable(caller.organisationCode()).filter(code -> !code.isBlank())
                .map(code -> Notification.Recipient.organisation(code, caller.organisation()));
    }
}
