package org.contactpoint.gateway.rest;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.contactpoint.gateway.config.PageConfig;

import java.net.URI;

import java.util.regex.Pattern;

/**
 * The practitioner page's own response headers: a Content-Security-Policy allowing only this origin's scripts, styles,
 * fonts and images (no inline script or style), fetches only to this origin and the sign-in issuer, and no framing,
 * with the usual companions; {@code no-store} for the page, and a year's {@code immutable} cache only for {@code /assets/} files whose name carries their content's hash
 * (written so by the page's build, src/main/page/build.mjs), so a new release is never mixed with an old one. Set when
 * the headers go out, so the static handler's defaults never win. API responses are not the page's: their headers are
 * service-support's.
 */
@ApplicationScoped
public class PageHeaders {

    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; font-src 'self'; connect-src 'self'%s; manifest-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    /** name-&lt;16 hex digits of SHA-256&gt;.ext, as build.mjs names every asset. */
    private static final Pattern HASHED_ASSET = Pattern.compile("/assets/[\\w-]+-[0-9a-f]{16}(\\.[\\w]+)+");

    private final String contentSecurityPolicy;

    public PageHeaders(PageConfig config) {
        // The page fetches from the issuer (discovery, token and refresh) and from nowhere else; sign-in and sign-out
        // at the issuer are navigations, which connect-src does not govern.
        URI issuer = URI.create(config.issuer());
        String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        this.contentSecurityPolicy = CONTENT_SECURITY_POLICY.formatted(" " + origin);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::onRequest);
    }

    void onRequest(RoutingContext context) {
        String path = context.request().path();
        boolean page = "/".equals(path) || "/index.html".equals(path);
        boolean asset = path.startsWith("/assets/");
        if (page || asset) {
            boolean hashed = asset && HASHED_ASSET.matcher(path).matches();
            context.addHeadersEndHandler(ignored -> headers(context.response(), hashed, contentSecurityPolicy));
        }
        context.next();
    }

    private static void headers(HttpServerResponse response, boolean hashedName, String contentSecurityPolicy) {
        // A name the build never made answers 404: that answer is not kept.
        boolean hashedAsset = hashedName && response.getStatusCode() == 200;
        response.putHeader("Content-Security-Policy", contentSecurityPolicy)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin")
                .putHeader("Cross-Origin-Resource-Policy", "same-origin")
                .putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
                .putHeader("Cache-Control", hashedAsset ? "public, max-age=31536000, immutable" : "no-store");
        if (!hashedAsset) {
            response.headers().remove("Last-Modified");
            response.headers().remove("ETag");
        }
    }
}
