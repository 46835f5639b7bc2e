package org.contactpoint.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the practitioner page needs to sign a practitioner in, published to it by the gateway (rest.PageSettings). No
 * secret: the page is a public client using the authorization code flow with PKCE.
 */
@ConfigMapping(prefix = "contactpoint.page")
public interface PageConfig {

    /** The OpenID Connect issuer the page signs in at: by default the one whose tokens the services accept. */
    @WithDefault("${mp.jwt.verify.issuer}")
    String issuer();

    /** The page's public client at the issuer. */
    @WithDefault("contactpoint-page")
    String clientId();

    /**
     * Development only: the sign-in screen also takes a pasted bearer token (one minted by deploy/local/token, or a
     * test's). Never on in a shared environment: practitioners sign in at the issuer.
     */
    @WithDefault("false")
    boolean tokenEntry();
}
