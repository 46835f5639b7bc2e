package org.contactpoint.gateway.config;

import java.util.Collection;

/**
 * Which children the gateway holds, as deployed. {@code UNIVERSAL}: every child (the original ContactPoint).
 * {@code TARGETED}: only children flagged by children's social care (child-protection plan, looked after, or a
 * social-care flag); nothing about any other child is stored or returned. A deployment setting rather than a domain
 * type, so the configuration can name it; the rule needs only whether a child carries any flag.
 */
public enum ScopeMode {
    UNIVERSAL,
    TARGETED;

    /** Whether a child with these vulnerability flags is held. */
    public boolean includes(Collection<?> vulnerabilities) {
        return this == UNIVERSAL || (vulnerabilities != null && !vulnerabilities.isEmpty());
    }
}
