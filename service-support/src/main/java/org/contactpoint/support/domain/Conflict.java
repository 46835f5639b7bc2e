package org.contactpoint.support.domain;

/** The command clashes with the state it would change (already merged, already a lead, a stale version). 409. */
public final class Conflict extends DomainException {

    public Conflict(String detail) {
        super(detail);
    }
}
