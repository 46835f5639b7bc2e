package org.contactpoint.gateway.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Local-run only: the demo sign-in page mints tokens itself. Never set in any shared environment. */
@ConfigMapping(prefix = "contactpoint.demo")
public interface DemoConfig {

    /** The private key (PEM PKCS#8, or DER) demo tokens are signed with; the demo sign-in is off without it. */
    Optional<String> signKeyLocation();
}
