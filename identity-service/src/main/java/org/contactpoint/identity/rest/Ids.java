package org.contactpoint.identity.rest;

import org.contactpoint.support.rest.ProblemException;

import java.util.UUID;

/** Path ids read strictly: a malformed one is a 400 naming the parameter, not a 404 or a 500. */
final class Ids {

    private Ids() {
    }

    static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "is not a UUID");
        }
    }
}
