package org.contactpoint.audit.domain;

import java.text.Normalizer;
import java.util.Locale;

/** Comparing family names the way a person would: ignoring case, accents and surrounding spaces. */
public final class FamilyNames {

    private FamilyNames() {
    }

    /**
     * The family name in a display name such as "Ms Priya Shah" or "Dr Alan Reid": its last word. Returns null for
     * a blank name.
     */
    public static String ofDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return null;
        }
        String[] words = displayName.trim().split("\\s+");
        return words[words.length - 1];
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && !a.isBlank() && fold(a).equals(fold(b));
    }

    private static String fold(String name) {
        return Normalizer.normalize(name.trim(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }
}
