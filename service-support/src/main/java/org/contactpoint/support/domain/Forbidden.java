package org.contactpoint.support.domain;

/** The caller may not do this, by policy (their relationship, their authority, a shield). Answered as 403. */
public final class Forbidden extends DomainException {

    public Forbidden(String detail) {
        super(detail);
    }
}
