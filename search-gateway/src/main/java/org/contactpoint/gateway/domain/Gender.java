package org.contactpoint.gateway.domain;

/** A child's gender as recorded; a search by gender never rules out a child recorded as unspecified. */
public enum Gender {
    FEMALE,
    MALE,
    INDETERMINATE,
    NOT_SPECIFIED
}
