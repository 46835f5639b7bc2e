package org.contactpoint.involvement.domain;

/** Where an involvement stands: working with the child, has worked with it, or gone (removed everywhere). */
public enum InvolvementStatus {
    ACTIVE, CEASED, REMOVED
}
