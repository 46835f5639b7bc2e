package org.contactpoint.involvement.application;

import org.contactpoint.involvement.domain.BrokeringRequest;
import org.contactpoint.involvement.domain.Involvement;

/** A brokering request with the sensitive service's involvement it is about. */
public record BrokeringCase(BrokeringRequest request, Involvement involvement) {
}
