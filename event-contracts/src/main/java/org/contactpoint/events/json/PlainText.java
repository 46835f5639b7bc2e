package org.contactpoint.events.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

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
     * A Jackson module that refuses such text in every string value, map key and JSON tree it reads, with a
     * {@link RefusedText} whose path names the field. Registered on the event mapper and on every service's mapper.
     */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("contactpoint-plain-text");
        module.addDeserializer(String.class, new CheckedStrings());
        module.addKeyDeserializer(String.class, new CheckedKeys());
        module.addDeserializer(JsonNode.class, new CheckedTrees());
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

    /** A tree read whole (a body taken as JSON to read item by item): every text and name in it is checked. */
    static final class CheckedTrees extends StdDeserializer<JsonNode> {

        @SuppressWarnings("unchecked")
        private static final JsonDeserializer<JsonNode> TREES =
                (JsonDeserializer<JsonNode>) JsonNodeDeserializer.getDeserializer(JsonNode.class);

        CheckedTrees() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = TREES.deserialize(p, ctxt);
            Deque<Object> path = new ArrayDeque<>();
            String problem = check(tree, path);
            if (problem != null) {
                RefusedText refused = new RefusedText(p, problem);
                // Innermost first: prepending builds the path from the leaf outwards.
                for (Iterator<Object> step = path.descendingIterator(); step.hasNext(); ) {
                    Object at = step.next();
                    if (at instanceof Integer index) {
                        refused.prependPath(tree, index);
                    } else {
                        refused.prependPath(tree, (String) at);
                    }
                }
                throw refused;
            }
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return NullNode.getInstance();
        }

        /** The first problem in the tree, leaving its path (names and indexes) in {@code path}; null when none. */
        private static String check(JsonNode node, Deque<Object> path) {
            if (node.isTextual()) {
                return problem(node.textValue());
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    path.addLast(i);
                    String problem = check(node.get(i), path);
                    if (problem != null) {
                        return problem;
                    }
                    path.removeLast();
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String nameProblem = problem(field.getKey());
                    if (nameProblem != null) {
                        // The name itself is not echoed: the object holding it is named instead.
                        return "has a field whose name " + nameProblem;
                    }
                    path.addLast(field.getKey());
                    String problem = check(field.getValue(), path);
                    if (problem != null) {
                        return problem;
                    }
                    path.removeLast();
                }
            }
            return null;
        }
    }
}
