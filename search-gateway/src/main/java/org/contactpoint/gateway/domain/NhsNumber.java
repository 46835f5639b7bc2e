package org.contactpoint.gateway.domain;

/** An NHS number: ten digits, the last a modulus 11 check digit over the first nine (weights 10 down to 2). */
public final class NhsNumber {

    public static final String SCHEME = "NHS_NUMBER";

    private NhsNumber() {
    }

    /** Spaces are allowed as people write them ({@code 943 476 5919}); returns the ten digits or null if invalid. */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.replace(" ", "");
        if (!digits.matches("\\d{10}")) {
            return null;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0' ? digits : null;
    }
}
