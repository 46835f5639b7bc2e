package org.contactpoint.support.domain;

/** What the command or query names does not exist (or is not for this caller to know of). Answered as 404. */
public final class NotFound extends DomainException {

    public NotFound(String detail) {
        super(detail);
    }
}
