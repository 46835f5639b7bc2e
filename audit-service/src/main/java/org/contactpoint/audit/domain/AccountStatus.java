package org.contactpoint.audit.domain;

/** Whether an account may use ContactPoint: a suspended one may be reinstated, a closed one never. */
public enum AccountStatus {
    ACTIVE, SUSPENDED, CLOSED
}
