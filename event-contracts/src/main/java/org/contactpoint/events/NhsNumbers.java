package org.contactpoint.events;

/**
 * The NHS number rule, the one copy every service uses: ten digits, the first nine weighted 10 down to 2, and
 * {@code 11 - (sum mod 11)} the check digit (11 means 0; 10 means the number was never issued). People write it with
 * spaces or hyphens ({@code 943 476 5919}, {@code 943-476-5919}); both are accepted and dropped.
 */
public final class NhsNumbers {

    /** The identifier scheme an NHS number is recorded under. */
    public static final String SCHEME = "NHS_NUMBER";

    private NhsNumbers() {
    }

    /** The text without the spaces and hyphens people write in it; null stays null. Not checked. */
    public static String strip(String text) {
        return text == null ? null : text.replaceAll("[\\s-]", "");
    }

    /** True when the text, spaces and hyphens dropped, is ten digits with the right check digit. */
    public static boolean isValid(String text) {
        return normalise(text) != null;
    }

    /** The ten digits of a valid NHS number, or null when the text is not one. */
    public static String normalise(String text) {
        String digits = strip(text);
        if (digits == null || !digits.matches("\\d{10}")) {
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
