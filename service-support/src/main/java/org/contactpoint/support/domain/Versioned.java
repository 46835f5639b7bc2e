package org.contactpoint.support.domain;

/**
 * A view of a record that moves its {@code version} on with every change. The REST layer answers it with the version
 * as a strong {@code ETag}, which a client sends back in {@code If-Match} to change the record only as it saw it.
 */
public interface Versioned {

    /** The record's version; {@code null} when the view is of something that has none. */
    Long entityVersion();
}
