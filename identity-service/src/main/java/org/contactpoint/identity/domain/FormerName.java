package org.contactpoint.identity.domain;

/** A name the child was known by: a former legal name or an alias. */
public record FormerName(String givenNames, String familyName, Kind kind) {
    public enum Kind { FORMER, ALIAS }
}
