package org.contactpoint.gateway.domain;

import org.contactpoint.support.names.Nicknames;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How names are taken apart for matching. The folding that the database indexes ({@code name_key()}: no accents,
 * lower case, letters only) is done in SQL; this class splits multi-part names and finds each part's nicknames in the
 * one shared list ({@link Nicknames}).
 */
public final class Names {

    private Names() {
    }

    /** The parts of a name: "Smith-Jones" and "Smith Jones" give [Smith, Jones]; "O'Brien" stays one part. */
    public static List<String> parts(String name) {
        if (name == null) {
            return List.of();
        }
        return Arrays.stream(name.trim().split("[\\s\\-\u2010\u2011\u2013]+")).filter(p -> !p.isBlank()).toList();
    }

    /** A Java approximation of the database's fold, used only to look names up in the nickname list. */
    public static String fold(String name) {
        if (name == null) {
            return "";
        }
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase()
                .replaceAll("[^a-z]", "");
    }

    /**
     * Every name that is an accepted alternative for a given name (not including the name itself): every name of
     * every nickname group a part is in (Bill: william, will, billy, liam, ...). A part with a group is itself an
     * alternative for the whole (Mary Beth: beth, elizabeth, ...).
     */
    public static Set<String> alternatives(String givenName) {
        Set<String> alternatives = new LinkedHashSet<>();
        for (String part : parts(givenName)) {
            String folded = fold(part);
            Set<String> nicknames = Nicknames.alternatives(folded);
            if (!nicknames.isEmpty()) {
                alternatives.add(folded);
                alternatives.addAll(nicknames);
            }
        }
        alternatives.remove(fold(givenName));
        return alternatives;
    }
}
