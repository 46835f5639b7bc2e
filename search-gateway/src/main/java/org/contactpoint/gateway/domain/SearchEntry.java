package org.contactpoint.gateway.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One row of the search table: a child as found by one of its family names. A child has a row for its current family
 * name, one for each former name or alias, one for each part of a multi-part family name (Smith-Jones is found by
 * Jones), and one for the common Latin spelling of a name held in another script when it differs from the key
 * (Кузнецов: kuznecov and kuznetsov, {@link Names#otherReading}); each row carries everything a match shows, so a
 * search never reads another table.
 *
 * @param familyKey      the variant's key ({@link Names#key})
 * @param familySound    Double Metaphone codes of the key
 * @param variantName    the family name as held for this variant (for telling a transliterated match)
 */
public record SearchEntry(Variant variant, String familyKey, String familySound, String familySoundAlt,
                          String variantName) {

    /** Which of the child's family names a row stands for. */
    public enum Variant {
        CURRENT("C"), FORMER("F"), PART("P");

        private final String code;

        Variant(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Variant ofCode(String code) {
            for (Variant v : values()) {
                if (v.code.equals(code)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("No search variant " + code);
        }
    }

    /**
     * The rows a child is found by; none for a child that may never be found (archived, closed, merged: nothing
     * leads from a new identity to an old one).
     */
    public static List<SearchEntry> of(Child child) {
        if (!findable(child)) {
            return List.of();
        }
        List<SearchEntry> entries = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        addName(entries, seen, Variant.CURRENT, child.familyName(), Names.keys(child.familyName()));
        // A name in another script is found by its common Latin spelling too (Kuznetsov for Кузнецов), exactly, so a
        // slip in the date of birth typed with it is one slip, not two.
        addName(entries, seen, Variant.CURRENT, child.familyName(), Names.keys(Names.otherReading(child.familyName())));
        for (FormerName former : child.formerNames()) {
            addName(entries, seen, Variant.FORMER, former.familyName(), Names.keys(former.familyName()));
            addName(entries, seen, Variant.FORMER, former.familyName(),
                    Names.keys(Names.otherReading(former.familyName())));
        }
        return entries;
    }

    /** The rows of one family name: its whole key as {@code variant}, then each part's (a part's name as held). */
    private static void addName(List<SearchEntry> entries, Set<String> seen, Variant variant, String name,
                                List<String> keys) {
        List<String> parts = Names.parts(name);
        for (int i = 0; i < keys.size(); i++) {
            add(entries, seen, i == 0 ? variant : Variant.PART, keys.get(i),
                    i == 0 || i > parts.size() ? name : parts.get(i - 1));
        }
    }

    /** The keys of the child's current given names: the whole and each part. */
    public static List<String> givenKeys(Child child) {
        return Names.keys(child.givenNames());
    }

    /**
     * The keys of the names the child is also known by: preferred name, former and alias given names, and the common
     * Latin spelling of a given name held in another script (Sergey for Сергей).
     */
    public static List<String> otherGivenKeys(Child child) {
        Set<String> keys = new LinkedHashSet<>(Names.keys(Names.otherReading(child.givenNames())));
        keys.addAll(Names.keys(child.preferredName()));
        keys.addAll(Names.keys(Names.otherReading(child.preferredName())));
        for (FormerName former : child.formerNames()) {
            keys.addAll(Names.keys(former.givenNames()));
            keys.addAll(Names.keys(Names.otherReading(former.givenNames())));
        }
        keys.removeAll(givenKeys(child));
        return List.copyOf(keys);
    }

    /** Whether a child may be found by a search at all. */
    public static boolean findable(Child child) {
        return !child.isArchived() && !child.isClosed() && !ChildStatus.MERGED.name().equals(child.status());
    }

    private static void add(List<SearchEntry> entries, Set<String> seen, Variant variant, String key, String name) {
        if (seen.add(key)) {
            entries.add(new SearchEntry(variant, key, Names.sound(key), Names.alternateSound(key), name));
        }
    }
}
