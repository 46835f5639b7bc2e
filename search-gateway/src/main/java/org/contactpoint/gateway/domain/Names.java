package org.contactpoint.gateway.domain;

import com.ibm.icu.text.Transliterator;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.contactpoint.support.names.Nicknames;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How names are taken apart and compared for matching. A name's key is the name read in Latin letters (ICU's
 * {@code Any-Latin; Latin-ASCII}: Иванов is ivanov, Nguyễn is nguyen), lower case, letters only (O'Brien is obrien);
 * the search table stores keys made by {@link #key} and a query is folded by the same method, so what is stored and
 * what is searched can never be folded differently. Sounds are Double Metaphone codes of a key; nicknames come from
 * the one shared list ({@link Nicknames}).
 */
public final class Names {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
    // A Transliterator is not documented as safe to share between threads.
    private static final ThreadLocal<Transliterator> TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));

    // A name in Cyrillic is also read as BGN/PCGN spells it, the spelling English documents most often carry (Кузнецов:
    // Kuznetsov, Сергей: Sergey), where Any-Latin gives the scholarly one (Kuznecov, Sergej).
    private static final ThreadLocal<Transliterator> CYRILLIC_AS_IN_ENGLISH =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Russian-Latin/BGN; Latin-ASCII"));

    // Compiled once: a search splits the names typed for every hit it grades.
    private static final Pattern PART_BREAKS = Pattern.compile("[\\s\\-\u2010\u2011\u2013]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^a-z]");

    private Names() {
    }

    /** The parts of a name: "Smith-Jones" and "Smith Jones" give [Smith, Jones]; "O'Brien" stays one part. */
    public static List<String> parts(String name) {
        if (name == null) {
            return List.of();
        }
        return Arrays.stream(PART_BREAKS.split(name.trim())).filter(p -> !p.isBlank()).toList();
    }

    /** Accents and everything but letters removed, without transliterating (the form a Latin-script name is typed in). */
    public static String fold(String name) {
        if (name == null) {
            return "";
        }
        String ascii = foldAscii(name);
        if (ascii != null) {
            return ascii;
        }
        return NOT_LETTERS.matcher(MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase()).replaceAll("");
    }

    /**
     * The folded form of a name that is all ASCII (nearly every name typed or held), without the normaliser and the
     * two regular expressions the general form costs on every hit a search grades; null for any other name.
     */
    private static String foldAscii(String name) {
        StringBuilder folded = null;
        int length = name.length();
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            boolean lower = c >= 'a' && c <= 'z';
            boolean upper = c >= 'A' && c <= 'Z';
            if (folded == null && !lower) {
                folded = new StringBuilder(length).append(name, 0, i);
            }
            if (folded != null && (lower || upper)) {
                folded.append(upper ? (char) (c + ('a' - 'A')) : c);
            }
        }
        return folded == null ? name : folded.toString();
    }

    /** The search key of a name: read in Latin letters, then folded. Empty when nothing of it is a letter. */
    public static String key(String name) {
        if (name == null) {
            return "";
        }
        boolean ascii = name.chars().allMatch(c -> c < 0x80);
        return fold(ascii ? name : TO_LATIN.get().transliterate(name));
    }

    /**
     * The name held in another script as it is also commonly spelt in Latin letters, when that differs from what
     * {@link #key} reads: Cyrillic as BGN/PCGN spells it (Кузнецов: Kuznetsov; {@link #key} gives kuznecov). Null when
     * there is no other reading (a Latin name, or one in a script {@link #key} already reads the common way).
     */
    public static String otherReading(String name) {
        if (name == null || name.codePoints().noneMatch(c -> Character.UnicodeScript.of(c)
                == Character.UnicodeScript.CYRILLIC)) {
            return null;
        }
        String reading = CYRILLIC_AS_IN_ENGLISH.get().transliterate(name);
        return fold(reading).equals(key(name)) ? null : reading;
    }

    /** Whether the name is written (at least partly) in a script other than Latin. */
    public static boolean nonLatin(String name) {
        return name != null && name.codePoints().anyMatch(c -> Character.isLetter(c)
                && Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN);
    }

    /** The keys a name can be found by: the whole name and, for a name of several parts, each part. */
    public static List<String> keys(String name) {
        List<String> keys = new ArrayList<>();
        String whole = key(name);
        if (!whole.isEmpty()) {
            keys.add(whole);
        }
        List<String> parts = parts(name);
        if (parts.size() > 1) {
            for (String part : parts) {
                String key = key(part);
                if (!key.isEmpty() && !keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /** The Double Metaphone primary code of a key. */
    public static String sound(String key) {
        String code = METAPHONE.doubleMetaphone(key);
        return code == null ? "" : code;
    }

    /** The Double Metaphone alternate code of a key. */
    public static String alternateSound(String key) {
        String code = METAPHONE.doubleMetaphone(key, true);
        return code == null ? "" : code;
    }

    /** Whether two keys sound alike: either Double Metaphone code of one equals either code of the other. */
    public static boolean soundAlike(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        String a1 = sound(a);
        String a2 = alternateSound(a);
        String b1 = sound(b);
        String b2 = alternateSound(b);
        return !a1.isEmpty() && (a1.equals(b1) || a1.equals(b2) || a2.equals(b1) || a2.equals(b2));
    }

    /**
     * Letters to change, add or remove, or adjacent letters to swap, to turn one key into the other, or 3 when it is
     * more than 2 (the optimal string alignment distance). Two letters typed the wrong way round are one slip, as
     * people make it: plain Levenshtein counted "Emam" for Emma as two, which ruled a short name out.
     */
    public static int typos(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return 3;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return Math.min(3, d[a.length()][b.length()]);
    }

    /**
     * Keys up to this long are also searched by every key a letter changed or added away: pg_trgm's similarity of two
     * such keys falls to its threshold (0.3) or below, so its index does not find them.
     */
    static final int SHORT_KEY = 5;

    /**
     * The keys one slip from a key that the family-name typo search ({@code child_search_typo}, pg_trgm) does not
     * reliably reach, to be looked up exactly: every key with one letter removed or two adjacent letters swapped, and
     * for a key of {@value #SHORT_KEY} letters or fewer every key with one letter changed or added as well. A swap
     * changes up to four of a key's trigrams, so pg_trgm finds it only from 7 letters (Wislon for Wilson, Wsod for
     * Wood, Autsin for Austin share too few), and the Double Metaphone code of a swapped key often differs; a letter
     * changed or added in a short key (Wst, Hlil) is as far in trigrams. Not the key itself; about 2 keys a letter of
     * a long key, at most 290 for a short one.
     */
    public static Set<String> oneSlipFrom(String key) {
        Set<String> slips = new LinkedHashSet<>();
        int n = key.length();
        if (n == 0) {
            return slips;
        }
        StringBuilder b = new StringBuilder(n + 1);
        for (int i = 0; i < n; i++) {
            if (n > 1) {
                slips.add(b.replace(0, b.length(), key).deleteCharAt(i).toString());
            }
            if (i + 1 < n && key.charAt(i) != key.charAt(i + 1)) {
                b.replace(0, b.length(), key);
                b.setCharAt(i, key.charAt(i + 1));
                b.setCharAt(i + 1, key.charAt(i));
                slips.add(b.toString());
            }
        }
        if (n <= SHORT_KEY) {
            for (int i = 0; i <= n; i++) {
                for (char c = 'a'; c <= 'z'; c++) {
                    slips.add(b.replace(0, b.length(), key).insert(i, c).toString());
                    if (i < n && c != key.charAt(i)) {
                        b.replace(0, b.length(), key);
                        b.setCharAt(i, c);
                        slips.add(b.toString());
                    }
                }
            }
        }
        slips.remove(key);
        return slips;
    }

    /**
     * Every name that is an accepted alternative for a given name (not including the name itself): every name of
     * every nickname group a part is in (Bill: william, will, billy, liam, ...; Sasha: alexandra and alexander). A part
     * with a group is itself an alternative for the whole (Mary Beth: beth, elizabeth, ...).
     */
    public static Set<String> alternatives(String givenName) {
        Set<String> alternatives = new LinkedHashSet<>();
        for (String part : parts(givenName)) {
            String folded = key(part);
            Set<String> nicknames = Nicknames.alternatives(folded);
            if (!nicknames.isEmpty()) {
                alternatives.add(folded);
                alternatives.addAll(nicknames);
            }
        }
        alternatives.remove(key(givenName));
        return alternatives;
    }
}
