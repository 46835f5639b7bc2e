package org.contactpoint.support.names;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Given names people use interchangeably (Bill for William, Liz for Elizabeth), from the one list every service reads,
 * {@code nicknames.txt} beside this class. Names here are folded: lower case, letters only, no accents.
 */
public final class Nicknames {

    private static final List<List<String>> GROUPS = load();
    private static final Map<String, String> FORMAL = new HashMap<>();
    // Each name's alternatives worked out once: a search grades every child it finds against the name typed.
    private static final Map<String, Set<String>> ALTERNATIVES = new HashMap<>();

    static {
        for (List<String> group : GROUPS) {
            for (String nickname : group.subList(1, group.size())) {
                FORMAL.putIfAbsent(nickname, group.get(0));
            }
            for (String name : group) {
                ALTERNATIVES.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(group);
            }
        }
        ALTERNATIVES.replaceAll((name, names) -> {
            Set<String> others = new LinkedHashSet<>(names);
            others.remove(name);
            return Collections.unmodifiableSet(others);
        });
    }

    private Nicknames() {
    }

    /**
     * The formal name a nickname stands for ({@code bill} gives {@code william}), from the first group that lists it
     * as a nickname; any other name is returned unchanged.
     */
    public static String formal(String foldedName) {
        return FORMAL.getOrDefault(foldedName, foldedName);
    }

    /** Every name of every group the name is in, itself excluded ({@code alex}: alexander, alexandra, sandy, ...). */
    public static Set<String> alternatives(String foldedName) {
        return ALTERNATIVES.getOrDefault(foldedName, Set.of());
    }

    private static List<List<String>> load() {
        List<List<String>> groups = new ArrayList<>();
        try (InputStream in = Nicknames.class.getResourceAsStream("nicknames.txt")) {
            if (in == null) {
                throw new IllegalStateException("nicknames.txt is missing beside " + Nicknames.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    groups.add(List.copyOf(Arrays.asList(trimmed.split("\\s+"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(groups);
    }
}
