package org.contactpoint.events;

import java.util.regex.Pattern;

/**
 * The format of a child's ContactPoint ID, which every event about a child carries as its key: {@code CP}, nine
 * digits and a Damm check digit, e.g. {@code CP1234567894}. identity-service issues the IDs; every service uses this
 * check to refuse a mistyped ID at the door.
 * <p>
 * Damm rather than Luhn or mod 11: it catches every single-digit error and every swap of adjacent digits (Luhn misses
 * 09/90) and, unlike mod 11, every payload has a valid check digit.
 */
public final class ContactPointIds {

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

    private ContactPointIds() {
    }

    /** True when the text is a well-formed ContactPoint ID whose check digit is right. */
    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches() && checkDigit(id.substring(2)) == 0;
    }

    /** The Damm check digit of the digits; a full ID's digits (payload plus check digit) give 0. */
    public static int checkDigit(CharSequence digits) {
        int interim = 0;
        for (int i = 0; i < digits.length(); i++) {
            interim = DAMM[interim][digits.charAt(i) - '0'];
        }
        return interim;
    }
}
