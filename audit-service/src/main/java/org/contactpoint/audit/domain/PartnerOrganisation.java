package org.contactpoint.audit.domain;

import java.time.Instant;
import java.util.List;

/**
 * An organisation whose staff a local authority's team may give accounts, and the roles they may hold: registered by
 * one authority for itself, or nationally (a charity working across England) by an administrator, for every authority.
 *
 * @param localAuthority the authority that registered it; null for a national partner
 */
public record PartnerOrganisation(String organisationCode, String name, String localAuthority, List<String> roles,
                                  String registeredBy, Instant registeredAt) {

    public boolean national() {
        return localAuthority == null;
    }

    /** Whether an authority's team may give this organisation's staff accounts. */
    public boolean availableTo(String authority) {
        return national() || localAuthority.equals(authority);
    }
}
