package org.contactpoint.identity.domain.matching;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.contactpoint.support.names.Nicknames;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;

/** Name handling shared by blocking and comparison: normal form, phonetic code, nickname to formal name. */
public final class Names {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    private Names() {
    }

    /** Lower case, accents dropped, anything but letters a separator: "O'Brien-Smith" becomes "o brien smith". */
    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase().replaceAll("[^a-z]+", " ").trim();
    }

    /** The words of a name in normal form. */
    public static List<String> tokens(String name) {
        String normal = normalise(name);
        return normal.isEmpty() ? List.of() : Arrays.asList(normal.split(" "));
    }

    /** A family name as one word ("o brien" and "obrien" compare equal). */
    public static String compact(String name) {
        return normalise(name).replace(" ", "");
    }

    /**
     * The formal name a nickname stands for ("bill" gives "william"); any other name is returned unchanged. The
     * nickname list is the one every service reads.
     */
    public static String formal(String normalisedName) {
        return Nicknames.formal(normalisedName);
    }

    /** True when both names stand for the same formal name, e.g. "bill" and "will", or "liz" and "elizabeth". */
    public static boolean sameFormalName(String a, String b) {
        return !a.isEmpty() && formal(a).equals(formal(b));
    }

    /** The primary Double Metaphone code (up to four characters). */
    public static String phonetic(String normalisedName) {
        String code = METAPHONE.doubleMetaphone(normalisedName.replace(" ", ""));
        return code == null || code.isEmpty() ? "_" : code;
    }

    /** True when either Double Metaphone code of one name equals either code of the other. */
    public static boolean soundAlike(String a, String b) {
        String compactA = a.replace(" ", "");
        String compactB = b.replace(" ", "");
        if (compactA.isEmpty() || compactB.isEmpty()) {
            return false;
        }
        return METAPHONE.isDoubleMetaphoneEqual(compactA, compactB, false)
                || METAPHONE.isDoubleMetaphoneEqual(compactA, compactB, true)
                || METAPHONE.doubleMetaphone(compactA).equals(METAPHONE.doubleMetaphone(compactB, true))
                || METAPHONE.doubleMetaphone(compactA, true).equals(METAPHONE.doubleMetaphone(compactB));
    }
}
