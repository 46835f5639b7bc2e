package org.contactpoint.gateway.application;

import org.contactpoint.gateway.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;

/** Who is looking, and why: recorded with every lookup. */
public record Lookup(Caller caller, PurposeOfUse purpose) {
}
