package org.contactpoint.identity.domain.matching;

import org.apache.commons.codec.language.DoubleMetaphone;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Name handling shared by blocking and comparison: normal form, phonetic code, nickname to formal name. */
public final class Names {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    /** Common English nicknames and short forms, each listed under the formal name it stands for. */
    private static final String[][] NICKNAMES = {
            {"william", "will", "bill", "billy", "liam", "willy", "wil"},
            {"robert", "rob", "bob", "bobby", "robbie", "bert"},
            {"richard", "rich", "rick", "ricky", "dick", "richie"},
            {"james", "jim", "jimmy", "jamie", "jimmie"},
            {"john", "jack", "johnny", "jon"},
            {"jonathan", "jon", "jonny", "nathan"},
            {"thomas", "tom", "tommy", "thom"},
            {"michael", "mike", "mikey", "mick", "micky"},
            {"christopher", "chris", "kit", "topher"},
            {"daniel", "dan", "danny"},
            {"matthew", "matt", "matty"},
            {"joseph", "joe", "joey"},
            {"samuel", "sam", "sammy"},
            {"benjamin", "ben", "benji", "benny"},
            {"alexander", "alex", "alec", "sandy", "xander", "alfie"},
            {"edward", "ed", "eddie", "ted", "teddy", "ned"},
            {"henry", "harry", "hal", "hank"},
            {"charles", "charlie", "chas", "chuck"},
            {"anthony", "tony", "ant"},
            {"andrew", "andy", "drew"},
            {"nicholas", "nick", "nicky", "nico"},
            {"joshua", "josh"},
            {"oliver", "ollie", "olly"},
            {"frederick", "fred", "freddie", "freddy"},
            {"alfred", "alf", "alfie", "fred"},
            {"theodore", "theo", "ted", "teddy"},
            {"zachary", "zach", "zack"},
            {"timothy", "tim", "timmy"},
            {"steven", "steve", "stevie", "stephen"},
            {"patrick", "pat", "paddy"},
            {"elizabeth", "liz", "lizzie", "lizzy", "beth", "betty", "eliza", "libby", "elsie", "bessie"},
            {"margaret", "maggie", "meg", "peggy", "margo", "daisy"},
            {"katherine", "kate", "katie", "kathy", "kat", "kitty", "catherine", "cathy", "kath"},
            {"rebecca", "becky", "becca", "bex"},
            {"jennifer", "jen", "jenny", "jenna"},
            {"victoria", "vicky", "tori", "vic"},
            {"alexandra", "alex", "lexi", "sandra", "alexa"},
            {"samantha", "sam", "sammy"},
            {"charlotte", "lottie", "charlie", "lotty"},
            {"abigail", "abby", "abbie", "gail"},
            {"amelia", "millie", "amy", "mia"},
            {"isabella", "bella", "izzy", "isabel", "issy"},
            {"eleanor", "ellie", "nell", "nora", "elle"},
            {"emily", "em", "emmy", "millie"},
            {"olivia", "liv", "livvy", "ollie"},
            {"sophia", "sophie", "soph"},
            {"jessica", "jess", "jessie"},
            {"madeleine", "maddie", "maddy", "madeline"},
            {"natalie", "nat", "tally"},
            {"susan", "sue", "susie", "suzy"},
            {"deborah", "debbie", "deb"},
            {"patricia", "patty", "trish", "tricia"},
            {"christina", "chrissy", "tina", "christine"},
            {"josephine", "jo", "josie"},
            {"amara", "mara"},
            {"bartholomew", "bart", "barty"},
            {"mohammed", "mohammad", "muhammad", "mohamed", "mo"},
            {"aleksander", "aleks", "olek"},
    };

    private static final Map<String, String> FORMAL = new HashMap<>();

    static {
        for (String[] row : NICKNAMES) {
            for (int i = 1; i < row.length; i++) {
                FORMAL.putIfAbsent(row[i], row[0]);
            }
        }
    }

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

    /** The formal name a nickname stands for ("bill" gives "william"); any other name is returned unchanged. */
    public static String formal(String normalisedName) {
        return FORMAL.getOrDefault(normalisedName, normalisedName);
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
