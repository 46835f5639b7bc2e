package org.contactpoint.support.domain;

/**
 * The caller changed a record from a version that is no longer the current one: someone else changed it since the
 * caller read it, and applying the change would silently overwrite theirs (a lost update). Answered as 412.
 */
public final class StaleVersion extends DomainException {

    public StaleVersion(String detail) {
        super(detail);
    }
}
