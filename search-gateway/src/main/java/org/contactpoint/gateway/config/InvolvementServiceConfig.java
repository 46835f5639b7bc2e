package org.contactpoint.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** Where the practitioner page's self-service requests go: involvement-service, called with the practitioner's token. */
@ConfigMapping(prefix = "contactpoint.involvement-service")
public interface InvolvementServiceConfig {

    /** involvement-service's base URL (locally http://127.0.0.1:18082; in Kubernetes its Service). */
    URI url();

    /** The longest wait for its answer before the page is told it did not answer (504). */
    @WithDefault("5s")
    Duration timeout();
}
