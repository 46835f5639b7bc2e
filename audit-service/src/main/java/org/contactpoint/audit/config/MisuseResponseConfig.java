package org.contactpoint.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

/** What a HIGH alert does besides being published: an investigation always; a suspension for the rules named here. */
@ConfigMapping(prefix = "contactpoint.misuse-response")
public interface MisuseResponseConfig {

    /**
     * The HIGH rules whose alert suspends the user's account at once (rule names, comma-separated): a burst of searches
     * looks like harvesting, so it stops at once; the others are judged by the LA team first. {@code none}: none.
     */
    @WithDefault("SEARCH_BURST")
    Set<String> suspendOn();
}
