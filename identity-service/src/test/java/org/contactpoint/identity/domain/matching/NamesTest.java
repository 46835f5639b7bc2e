package org.contactpoint.identity.domain.matching;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one-pass normal form and the kept phonetic codes (issue 17, session 13) give what the regular expressions and
 * fresh encodings gave, so no blocking key or comparison changed with them.
 */
class NamesTest {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    @Test
    void namesNormaliseAsTheRegularExpressionsDid() {
        List<String> names = new ArrayList<>(List.of("O'Brien-Smith", "  Zoë  ", "Siobhán", "Nguyễn", "Wiśniewski",
                "Łukasz", "Øyvind", "Смирнова", "王", "D'Souza", "van der Berg", "MacDonald--Jones", "Ǆemal", "ﬁona",
                "Jean\u0301", "İlkay", "Kelvin\u212A", "Ångström\u212B", "e\u20DD", "123", "", " - ", "A1b2C3",
                "Mary\u00A0Ann", "Ana\tMaria", "José María", "Ⅻ", "ß", "Æthelred"));
        Random random = new Random(17);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                int pick = random.nextInt(10);
                int c = pick < 5 ? 'A' + random.nextInt(58) : pick < 7 ? 0xC0 + random.nextInt(0x250)
                        : pick < 8 ? 0x300 + random.nextInt(0x70) : pick < 9 ? 0x400 + random.nextInt(0x100)
                        : random.nextInt(0x2FFFF);
                if (Character.isValidCodePoint(c) && !Character.isSurrogate((char) c)) {
                    name.appendCodePoint(c);
                }
            }
            names.add(name.toString());
        }
        for (String name : names) {
            assertThat(Names.normalise(name)).as("normal form of %s", name).isEqualTo(byRegularExpressions(name));
        }
        assertThat(Names.normalise(null)).isEmpty();
    }

    @Test
    void namesSoundAlikeAsFreshEncodingsSay() {
        List<String> names = List.of("smith", "smyth", "schmidt", "catherine", "kathryn", "katherine", "mohammed",
                "muhammad", "mohamed", "zhang", "chang", "thompson", "tomson", "aoife", "eva", "xavier", "javier",
                "okafor", "okafo", "siobhan", "chevonne", "o brien", "obrien", "li", "lee", "ng", "x");
        for (String a : names) {
            for (String b : names) {
                assertThat(Names.soundAlike(a, b)).as("%s and %s", a, b).isEqualTo(freshlyEncodedAlike(a, b));
                // Asked again: the kept codes answer alike.
                assertThat(Names.soundAlike(a, b)).isEqualTo(freshlyEncodedAlike(a, b));
            }
            String code = METAPHONE.doubleMetaphone(a.replace(" ", ""));
            assertThat(Names.phonetic(a)).isEqualTo(code == null || code.isEmpty() ? "_" : code);
        }
    }

    @Test
    void aNamesWordsAreKeptAndNoCallerCanChangeThemForTheNext() {
        List<String> first = Names.tokens("Mrs Ngozi  O'Brien-Eze");
        assertThat(first).containsExactly("mrs", "ngozi", "o", "brien", "eze");
        // The same words are handed to every comparison of this name: a caller that edited them (dropping a title,
        // say) would change the name for every pair after it.
        assertThatThrownBy(() -> first.set(0, "ngozi")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Names.tokens("Mrs Ngozi  O'Brien-Eze")).containsExactly("mrs", "ngozi", "o", "brien", "eze");
        assertThat(Names.tokens(null)).isEmpty();
        assertThat(Names.tokens(" - ")).isEmpty();
    }

    private static String byRegularExpressions(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase().replaceAll("[^a-z]+", " ").trim();
    }

    private static boolean freshlyEncodedAlike(String a, String b) {
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
