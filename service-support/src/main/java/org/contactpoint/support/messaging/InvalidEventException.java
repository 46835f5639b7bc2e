package org.contactpoint.support.messaging;

/**
 * An event that can never be applied as it stands (malformed, failing validation, an unknown type). The consumer
 * sends it to its dead-letter topic with this message as the reason, and moves on.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
