package org.contactpoint.events.json;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Names the field a JSON mapping failure is about, the way problem details and dead-letter reasons name it. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** The JSON path of the failure, e.g. {@code parentsCarers[0].email}; empty for the document itself. */
    public static String of(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /**
     * A message of Jackson's in words for someone who does not read Java: a parenthesis that quotes Jackson's own
     * settings is dropped, and a quoted type is named by its simple name ({@code `java.lang.String`} becomes String).
     */
    public static String words(String message) {
        if (message == null) {
            return "";
        }
        String plain = message.replaceAll("\\s*\\([^()]*`[^()]*\\)", "")
                .replaceAll("`(?:[\\w$]+\\.)*([\\w$\\[\\]<>, ]+)`", "$1");
        return plain.replace("`", "");
    }

    /** Why the value at the path could not be read, without Jackson's internals. */
    public static String reason(JsonMappingException e) {
        if (e instanceof RefusedText) {
            return e.getOriginalMessage();
        }
        String original = e.getOriginalMessage();
        return original != null && original.contains("not one of the values")
                ? "is not one of the accepted values" : "has a value that cannot be read as the expected type";
    }
}
