package org.contactpoint.gateway.service;

import org.contactpoint.gateway.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;

/** Who is looking, and why: recorded with every lookup. */
public record LookupContext(Caller caller, PurposeOfUse purpose) {
}
