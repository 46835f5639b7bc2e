package org.contactpoint.events.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * The one rule for text that enters ContactPoint, from a request body, a query, a path or an event: no NUL character
 * (PostgreSQL refuses it in every text column, so it could only ever end as a server error) and no surrogate that
 * is not half of a pair (not Unicode at all: every encoder writes it as {@code ?}, so it would be stored changed).
 * Both are refused where the text is read, naming the field, so no service, handler or query sees them.
 */
public final class PlainText {

    private PlainText() {
    }

    /** Why the text cannot be taken, in words; null when it can (and for null). */
    public static String problem(CharSequence text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains a lone surrogate, which is not Unicode text";
            }
        }
        return null;
    }

    /**
     * A Jackson module that refuses such text in every string value and map key it reads, with a {@link RefusedText}
     * whose path names the field. Registered on the event mapper and on every service's mapper. A JSON tree is left
     * as it is: a batch read as trees converts each item to its record on its own, which applies the rule there, so
     * one bad item is refused by itself and the rest go ahead.
     */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("contactpoint-plain-text");
        module.addDeserializer(String.class, new CheckedStrings());
        module.addKeyDeserializer(String.class, new CheckedKeys());
        return module;
    }

    /**
     * Jackson's own string reading, then the rule. Not marked as Jackson's standard implementation, so collections and
     * arrays of strings read their elements through it too.
     */
    static final class CheckedStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            String problem = problem(value);
            if (problem != null) {
                throw new RefusedText(p, problem);
            }
            return value;
        }
    }

    static final class CheckedKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String problem = problem(key);
            if (problem != null) {
                throw new RefusedText(ctxt.getParser(), "has a name that " + problem);
            }
            return key;
        }
    }
}
