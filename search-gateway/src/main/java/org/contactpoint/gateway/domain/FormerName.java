package org.contactpoint.gateway.domain;

/** A name the child was known by: a former legal name or an alias. Stored as JSON in {@code child.former_names}. */
public record FormerName(String givenNames, String familyName, Kind kind) {

    public enum Kind { FORMER, ALIAS }
}
