package org.contactpoint.gateway.application;

import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;

/**
 * Who is looking, and why: recorded with every lookup.
 *
 * @param systemClient a case-management system rather than a person: counted against the system clients' quotas
 */
public record Lookup(Caller caller, PurposeOfUse purpose, boolean systemClient) {

    /** A person's lookup. */
    public Lookup(Caller caller, PurposeOfUse purpose) {
        this(caller, purpose, false);
    }
}
