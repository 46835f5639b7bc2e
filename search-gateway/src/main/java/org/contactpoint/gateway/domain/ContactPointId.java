package org.contactpoint.gateway.domain;

import java.util.regex.Pattern;

/**
 * Checks a ContactPoint ID as a practitioner types it: {@code CP}, nine digits and a Damm check digit. A copy of
 * identity-service's check (the gateway never issues IDs), so a mistyped ID is refused before it reaches the database.
 */
public final class ContactPointId {

    private static final Pattern FORMAT = Pattern.compile("CP\\d{10}");
    private static final int[][] DAMM = {
            {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
            {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
            {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
            {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
            {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
            {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
            {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
            {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
            {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
            {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

    private ContactPointId() {
    }

    /** True when the text is a well-formed ContactPoint ID whose check digit is right. */
    public static boolean isValid(String id) {
        if (id == null || !FORMAT.matcher(id).matches()) {
            return false;
        }
        int interim = 0;
        for (int i = 2; i < id.length(); i++) {
            interim = DAMM[interim][id.charAt(i) - '0'];
        }
        return interim == 0;
    }
}
