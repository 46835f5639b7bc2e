package org.contactpoint.events.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Text refused by {@link PlainText}'s rule while JSON was read. A mapping failure like any other, so its path names
 * the field; its message is the reason in words.
 */
public class RefusedText extends MismatchedInputException {

    public RefusedText(JsonParser parser, String reason) {
        super(parser, reason, String.class);
    }
}
