package org.contactpoint.gateway.rest;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.contactpoint.gateway.config.PageConfig;

/**
 * {@code GET /page-config.json}: the issuer and client id the practitioner page signs in with, and whether the
 * development token entry is on. Part of the page, not of the API (so not in the OpenAPI document): open to all, as
 * the page must read it before anyone is signed in, and it holds nothing secret.
 */
@ApplicationScoped
public class PageSettings {

    static final String PATH = "/page-config.json";

    private final String body;

    public PageSettings(PageConfig config) {
        this.body = new JsonObject().put("issuer", config.issuer()).put("clientId", config.clientId())
                .put("tokenEntry", config.tokenEntry()).encode();
    }

    void install(@Observes Router router) {
        router.get(PATH).handler(context -> context.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(body));
    }
}
