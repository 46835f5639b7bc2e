package org.contactpoint.support.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

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
     * The largest body of an ordinary request, when it must be smaller than Quarkus's
     * {@code quarkus.http.limits.max-body-size} (which then only bounds the streamed paths); unset: Quarkus's.
     */
    Optional<MemorySize> maxBodySize();

    /**
     * Paths whose endpoint streams the body itself (a bulk upload): neither read whole here nor held to
     * {@link #maxBodySize()}, only to Quarkus's {@code quarkus.http.limits.max-body-size}.
     */
    Optional<List<String>> streamedPaths();
}
