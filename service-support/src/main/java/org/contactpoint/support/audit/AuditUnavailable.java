package org.contactpoint.support.audit;

/**
 * The audit trail could not take an access's record in time (the broker did not acknowledge it): the access must not
 * be answered. A service answers it as 503, with nothing of what was asked for.
 */
public class AuditUnavailable extends RuntimeException {

    public AuditUnavailable(String detail, Throwable cause) {
        super(detail, cause);
    }
}
