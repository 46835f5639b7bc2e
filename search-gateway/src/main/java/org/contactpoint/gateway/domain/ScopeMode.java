package org.contactpoint.gateway.domain;

import org.contactpoint.events.identity.ChildEvent;

import java.util.List;

/**
 * Which children the gateway holds. {@code UNIVERSAL}: every child (the original ContactPoint). {@code TARGETED}: only
 * children flagged by children's social care (child-protection plan, looked after, or a social-care flag); nothing
 * about any other child is stored or returned.
 */
public enum ScopeMode {
    UNIVERSAL,
    TARGETED;

    public boolean includes(List<ChildEvent.Vulnerability> vulnerabilities) {
        return this == UNIVERSAL || (vulnerabilities != null && !vulnerabilities.isEmpty());
    }
}
