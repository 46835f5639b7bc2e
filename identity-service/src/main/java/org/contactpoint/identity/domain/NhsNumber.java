package org.contactpoint.identity.domain;

/**
 * NHS number check: ten digits; the first nine weighted 10 down to 2, {@code 11 - (sum mod 11)} is the check digit
 * (11 means 0; 10 means the number was never issued).
 */
public final class NhsNumber {

    private NhsNumber() {
    }

    /** Spaces and hyphens, as people write them, are ignored: "943 476 5919" is "9434765919". */
    public static String normalise(String value) {
        return value == null ? null : value.replaceAll("[\\s-]", "");
    }

    public static boolean isValid(String value) {
        String digits = normalise(value);
        if (digits == null || !digits.matches("\\d{10}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0';
    }
}
