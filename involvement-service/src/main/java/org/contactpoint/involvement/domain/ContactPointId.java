package org.contactpoint.involvement.domain;

import java.util.regex.Pattern;

/**
 * Checks a child's ContactPoint ID: {@code CP}, nine digits and a Damm check digit over them. identity-service issues
 * the IDs; this copy of the check lets agencies' typos be refused at the door without a call to identity-service.
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
        return id != null && FORMAT.matcher(id).matches() && checkDigit(id.substring(2)) == 0;
    }

    /** The Damm check digit of the digits; a full ID (payload plus check digit) gives 0. */
    public static int checkDigit(CharSequence digits) {
        int interim = 0;
        for (int i = 0; i < digits.length(); i++) {
            interim = DAMM[interim][digits.charAt(i) - '0'];
        }
        return interim;
    }
}
