package org.contactpoint.gateway.service;

import org.contactpoint.gateway.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;

import java.util.UUID;

/**
 * Who is looking, and why: recorded with every lookup.
 *
 * @param lookupId the id of this lookup's audit record (its {@code eventId}); the gateway returns it as
 *                 {@code X-Lookup-Id}, so a practitioner or an auditor can find the one record of an answer
 */
public record LookupContext(Caller caller, PurposeOfUse purpose, String lookupId) {

    public LookupContext(Caller caller, PurposeOfUse purpose) {
        this(caller, purpose, UUID.randomUUID().toString());
    }
}
