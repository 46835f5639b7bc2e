package org.contactpoint.support.domain;

/** What the command names existed and no longer may be used (a closed or purged child). Answered as 410. */
public final class Gone extends DomainException {

    public Gone(String detail) {
        super(detail);
    }
}
