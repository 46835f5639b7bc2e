package org.contactpoint.identity.domain.matching;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.contactpoint.support.names.Nicknames;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Name handling shared by blocking and comparison: normal form, phonetic code, nickname to formal name. */
public final class Names {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
    private static final int CODES_KEPT = 100_000;
    private static final Map<String, String[]> CODES = new ConcurrentHashMap<>();
    private static final int TOKENS_KEPT = 100_000;
    private static final Map<String, List<String>> TOKENS = new ConcurrentHashMap<>();

    private Names() {
    }

    /**
     * Lower case, accents dropped, anything but letters a separator: "O'Brien-Smith" becomes "o brien smith". One pass
     * over the characters (decomposed first only when there is anything but ASCII): matching normalises every name of
     * every candidate, and the two regular expressions this was written with, compiled on each call, were a fifth of
     * identity-service's CPU time in a bulk load (issue 17, session 13).
     */
    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String plain = isAscii(name) ? name : Normalizer.normalize(name, Normalizer.Form.NFD);
        StringBuilder normal = new StringBuilder(plain.length());
        boolean separated = false;
        for (int i = 0; i < plain.length(); ) {
            int c = plain.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) {
                continue;
            }
            int lower = Character.toLowerCase(c);
            if (lower >= 'a' && lower <= 'z') {
                if (separated && normal.length() > 0) {
                    normal.append(' ');
                }
                separated = false;
                normal.append((char) lower);
            } else {
                separated = true;
            }
        }
        return normal.toString();
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /**
     * The words of a name in normal form, unmodifiable and kept as the codes are: matching asks for the same names
     * again for every candidate pair (a record's and each candidate's names, their carers' names), and splitting them
     * anew was a fifth of identity-service's allocation in a bulk load (issue 17, session 15).
     */
    public static List<String> tokens(String name) {
        if (name == null) {
            return List.of();
        }
        List<String> tokens = TOKENS.get(name);
        if (tokens == null) {
            String normal = normalise(name);
            tokens = normal.isEmpty() ? List.of() : List.of(normal.split(" "));
            if (TOKENS.size() >= TOKENS_KEPT) {
                TOKENS.clear();
            }
            TOKENS.put(name, tokens);
        }
        return tokens;
    }

    private static final java.util.Set<String> TITLES = java.util.Set.of("mr", "mrs", "ms", "miss", "mx", "dr");

    /**
     * A carer's name as words, leading titles dropped ("Mrs Ngozi Okafor" is Ngozi Okafor): how carers are compared,
     * and how their full names are counted, so that a count and its lookup agree.
     */
    public static List<String> withoutTitle(String name) {
        List<String> tokens = tokens(name);
        int first = 0;
        while (first < tokens.size() && TITLES.contains(tokens.get(first))) {
            first++;
        }
        return first == 0 ? tokens : tokens.subList(first, tokens.size());
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

    /**
     * Whether two given names are one child's name in two forms: a nickname beside the formal name it stands for
     * (Amy and Amelia, Bill and William), or two spellings of one short form that sound alike (Mohammad and Muhammad,
     * Sam and Sammy). Two different nicknames of one formal name are not (Amy and Mia, Liz and Beth, Alfie and Alex):
     * they are two names, and parents give them to twins (session 18's 1 M bench linked Amy and Mia, both Amelia's,
     * as one child).
     */
    public static boolean oneNameInTwoForms(String a, String b) {
        if (!sameFormalName(a, b)) {
            return false;
        }
        return formal(a).equals(a) || formal(b).equals(b) || soundAlike(a, b);
    }

    /**
     * The formal name two given names both stand for, or null when they are not one name: the same formal name
     * ({@link #sameFormalName}), or a nickname beside a formal name it is listed under in any group, which
     * {@link #formal} alone misses for a nickname of several names ("sam" is Samuel's first, so "Sam" against
     * "Samantha" was another person; "jon" is John's first, so "Jon" against "Jonathan" too). Two formal names are
     * never one name because a nickname serves both (Samuel and Samantha, John and Jonathan).
     */
    public static String commonFormalName(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return null;
        }
        String formalA = formal(a);
        String formalB = formal(b);
        if (formalA.equals(formalB)) {
            return formalA;
        }
        if (nicknameOf(a, b)) {
            return b;
        }
        return nicknameOf(b, a) ? a : null;
    }

    /** Whether {@code nickname} is a nickname (listed under some formal name) listed under the formal name given. */
    private static boolean nicknameOf(String nickname, String formalName) {
        return !formal(nickname).equals(nickname) && formal(formalName).equals(formalName)
                && Nicknames.alternatives(nickname).contains(formalName);
    }

    /** The primary Double Metaphone code (up to four characters). */
    public static String phonetic(String normalisedName) {
        String code = codes(normalisedName.replace(" ", ""))[0];
        return code == null || code.isEmpty() ? "_" : code;
    }

    /** True when either Double Metaphone code of one name equals either code of the other. */
    public static boolean soundAlike(String a, String b) {
        String compactA = a.replace(" ", "");
        String compactB = b.replace(" ", "");
        if (compactA.isEmpty() || compactB.isEmpty()) {
            return false;
        }
        String[] codesA = codes(compactA);
        String[] codesB = codes(compactB);
        return Objects.equals(codesA[0], codesB[0]) || Objects.equals(codesA[1], codesB[1])
                || Objects.equals(codesA[0], codesB[1]) || Objects.equals(codesA[1], codesB[0]);
    }

    /**
     * A name's primary and alternate Double Metaphone codes, kept: names repeat (a few hundred given names are most
     * children's), and encoding them again for every candidate pair was a tenth of a bulk load's matching time. The
     * store is emptied when it reaches its bound rather than evicting one by one: refilling it costs one encoding per
     * name.
     */
    private static String[] codes(String compactName) {
        String[] codes = CODES.get(compactName);
        if (codes == null) {
            codes = new String[] {METAPHONE.doubleMetaphone(compactName), METAPHONE.doubleMetaphone(compactName, true)};
            if (CODES.size() >= CODES_KEPT) {
                CODES.clear();
            }
            CODES.put(compactName, codes);
        }
        return codes;
    }
}
