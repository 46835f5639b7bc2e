package org.contactpoint.identity.domain;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A child's ContactPoint ID: {@code CP}, nine random digits and a Damm check digit, e.g. {@code CP4830192657}.
 * <p>
 * Damm was chosen over Luhn and mod 11: it catches every single-digit error and every swap of adjacent digits (Luhn
 * misses 09/90) and, unlike mod 11, every payload has a valid check digit. The digits are random, not sequential, so
 * an ID says nothing about when or where a child was registered and cannot be enumerated.
 */
public final class ContactPointId {

    private static final Pattern FORMAT = Pattern.compile("CP\\d{10}");
    private static final SecureRandom RANDOM = new SecureRandom();
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

    /** A new random ID with its check digit. Uniqueness is enforced by the database; callers retry on collision. */
    public static String issue() {
        StringBuilder digits = new StringBuilder(9);
        digits.append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < 9; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return "CP" + digits + checkDigit(digits);
    }

    /** True when the text is a well-formed ContactPoint ID whose check digit is right. */
    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches() && checkDigit(id.substring(2)) == 0;
    }

    /** The Damm check digit of the digits; a full ID (payload plus check digit) gives 0. */
    static int checkDigit(CharSequence digits) {
        int interim = 0;
        for (int i = 0; i < digits.length(); i++) {
            interim = DAMM[interim][digits.charAt(i) - '0'];
        }
        return interim;
    }
}
