package org.contactpoint.gateway.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How names are taken apart for matching. The folding that the database indexes ({@code name_key()}: no accents,
 * lower case, letters only) is done in SQL; this class splits multi-part names and knows common nicknames.
 */
public final class Names {

    /** Groups of given names people use interchangeably; a name may sit in more than one group (Alex, Sam). */
    private static final List<Set<String>> NICKNAMES = Stream.of(
            "william bill billy will willy liam", "robert bob bobby rob robbie bert", "elizabeth liz lizzie beth betty eliza libby",
            "margaret maggie meg peggy", "james jim jimmy jamie", "john jack johnny jon", "thomas tom tommy",
            "alexander alex sandy xander al", "alexandra alex sasha lexi", "katherine kate katie kathy kat",
            "catherine cathy kate katie cat", "edward ed eddie ted teddy ned", "richard rich rick ricky dick",
            "michael mike mikey mick", "daniel dan danny", "joseph joe joey", "samuel sam sammy",
            "samantha sam sammie", "christopher chris kit", "nicholas nick nicky", "benjamin ben benny",
            "matthew matt", "anthony tony", "jennifer jen jenny", "rebecca becky becca", "victoria vicky tori",
            "charlotte charlie lottie", "charles charlie chas chuck", "oliver ollie olly", "harry henry hal",
            "jacob jake", "joshua josh", "nathaniel nathan nat", "zachary zach zack", "abigail abby abbie",
            "olivia liv livvy", "isabella bella izzy isabel", "isabel izzy bella", "amelia millie amy",
            "emily em emmy", "eleanor ellie nell", "sophia sophie", "jessica jess jessie", "mohammed muhammad mohammad mo",
            "patrick pat paddy", "siobhan shiv", "stephen steve stevie", "steven steve stevie", "peter pete",
            "david dave davy", "andrew andy drew", "timothy tim timmy", "gabriel gabe", "frederick fred freddie",
            "alfred alf alfie", "theodore theo ted teddy")
            .map(group -> Set.copyOf(Arrays.asList(group.split(" "))))
            .toList();

    private Names() {
    }

    /** The parts of a name: "Smith-Jones" and "Smith Jones" give [Smith, Jones]; "O'Brien" stays one part. */
    public static List<String> parts(String name) {
        if (name == null) {
            return List.of();
        }
        return Arrays.stream(name.trim().split("[\\s\\-\u2010\u2011\u2013]+")).filter(p -> !p.isBlank()).toList();
    }

    /** A Java approximation of the database's fold, used only to look names up in the nickname table. */
    public static String fold(String name) {
        if (name == null) {
            return "";
        }
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase()
                .replaceAll("[^a-z]", "");
    }

    /** Every name that is an accepted alternative for a given name (not including the name itself). */
    public static Set<String> alternatives(String givenName) {
        String folded = fold(givenName);
        Set<String> alternatives = new LinkedHashSet<>();
        for (String part : parts(givenName).stream().map(Names::fold).collect(Collectors.toList())) {
            NICKNAMES.stream().filter(group -> group.contains(part)).forEach(alternatives::addAll);
        }
        alternatives.remove(folded);
        return alternatives;
    }
}
