package org.contactpoint.audit.domain;

/** The identity provider's directory could not be reached, or refused a call it should have accepted. */
public class DirectoryUnavailable extends RuntimeException {

    public DirectoryUnavailable(String message) {
        super(message);
    }

    public DirectoryUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
