package org.contactpoint.gateway.domain;

/** Postcodes compared as people type them: "ec1r4sr", "EC1R 4SR" and "EC1R  4SR" are the same. */
public final class Postcodes {

    private Postcodes() {
    }

    public static String compact(String postcode) {
        if (postcode == null) {
            return null;
        }
        String compact = postcode.replaceAll("\\s", "").toUpperCase();
        return compact.isEmpty() ? null : compact;
    }

    /** Plausible UK postcode shape (outward code 2-4 characters, inward code digit and two letters). */
    public static boolean isPlausible(String compact) {
        return compact != null && compact.matches("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}");
    }
}
