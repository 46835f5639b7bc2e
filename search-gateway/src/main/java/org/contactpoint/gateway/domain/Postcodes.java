package org.contactpoint.gateway.domain;

import java.util.regex.Pattern;

/** Postcodes compared as people type them: "ec1r4sr", "EC1R 4SR" and "EC1R  4SR" are the same. */
public final class Postcodes {

    /** Compiled once: every record view and search compacts and checks postcodes. */
    private static final Pattern SPACE = Pattern.compile("\\s");
    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}");

    private Postcodes() {
    }

    public static String compact(String postcode) {
        if (postcode == null) {
            return null;
        }
        String compact = SPACE.matcher(postcode).replaceAll("").toUpperCase();
        return compact.isEmpty() ? null : compact;
    }

    /** Plausible UK postcode shape (outward code 2-4 characters, inward code digit and two letters). */
    public static boolean isPlausible(String compact) {
        return compact != null && PLAUSIBLE.matcher(compact).matches();
    }
}
