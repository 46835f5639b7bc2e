package org.contactpoint.support.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The request sizes every service accepts before any of its code runs (the body limit is Quarkus's
 * {@code quarkus.http.limits.max-body-size}). Vert.x's own limits must be set above these, or it refuses first and
 * without a problem document.
 */
@ConfigMapping(prefix = "contactpoint.http")
public interface TransportLimitsConfig {

    /** The longest path and query, in characters: a lookup needs a few hundred. */
    @WithDefault("4096")
    int maxUriLength();

    /** The largest sum of header names and values, in bytes: a bearer token is one to two kilobytes. */
    @WithDefault("16384")
    int maxHeaderBytes();

    /**
     * The largest body of an ordinary request, in bytes; unset, Quarkus's {@code quarkus.http.limits.max-body-size}. A
     * service with a bulk upload sets Quarkus's limit to the upload's and this one to what its other requests need.
     */
    java.util.Optional<io.quarkus.runtime.configuration.MemorySize> maxBodySize();

    /**
     * Paths (prefixes) of bulk uploads: their bodies are streamed to the resource, up to Quarkus's
     * {@code max-body-size}, instead of being held to {@link #maxBodySize()} and read whole first. None by default.
     */
    java.util.Optional<java.util.List<String>> bulkPaths();
}
