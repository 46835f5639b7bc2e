package org.contactpoint.identity.domain;

public record PersonName(String givenNames, String familyName) {
}
