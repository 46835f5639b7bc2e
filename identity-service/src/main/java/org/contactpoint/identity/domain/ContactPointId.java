package org.contactpoint.identity.domain;

import org.contactpoint.events.ContactPointIds;

import java.security.SecureRandom;

/**
 * Issues a child's ContactPoint ID: {@code CP}, nine random digits and a Damm check digit (the format and check are
 * {@link ContactPointIds}, shared by every service). The digits are random, not sequential, so an ID says nothing
 * about when or where a child was registered and cannot be enumerated.
 */
public final class ContactPointId {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ContactPointId() {
    }

    /** A new random ID with its check digit. Uniqueness is enforced by the database; callers retry on collision. */
    public static String issue() {
        StringBuilder digits = new StringBuilder(9);
        digits.append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < 9; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return "CP" + digits + ContactPointIds.checkDigit(digits);
    }

    /** True when the text is a well-formed ContactPoint ID whose check digit is right. */
    public static boolean isValid(String id) {
        return ContactPointIds.isValid(id);
    }
}
