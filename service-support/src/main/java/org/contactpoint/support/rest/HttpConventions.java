package org.contactpoint.support.rest;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The HTTP conventions every service keeps, set once for every route (REST, refusals answered before REST, the page):
 * <ul>
 *   <li>{@code X-Request-ID}: the caller's, when it is a plain token, else a new one; echoed on the response and put
 *   in the log MDC as {@code request_id}, so a support call and the service's log lines meet.</li>
 *   <li>{@code Cache-Control: no-store} unless the response set its own: nearly every answer carries personal data,
 *   and a shared cache or a browser's disk must keep none of it.</li>
 * </ul>
 * Runs ahead of {@link TransportLimits}, so its refusals carry the same headers.
 */
@ApplicationScoped
public class HttpConventions {

    public static final String REQUEST_ID = "X-Request-ID";
    /** The MDC key of the request id in every log line written while serving the request. */
    public static final String REQUEST_ID_MDC = "request_id";

    /** A caller's id is echoed and logged only when it cannot forge a log line or a header. */
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(this::apply);
    }

    void apply(RoutingContext context) {
        HttpServerRequest request = context.request();
        String given = request.getHeader(REQUEST_ID);
        String requestId = given != null && PLAIN_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        MDC.put(REQUEST_ID_MDC, requestId);
        HttpServerResponse response = context.response();
        response.putHeader(REQUEST_ID, requestId);
        context.addHeadersEndHandler(done -> {
            if (!response.headers().contains("Cache-Control")) {
                response.putHeader("Cache-Control", "no-store");
            }
        });
        context.addEndHandler(done -> MDC.remove(REQUEST_ID_MDC));
        context.next();
    }
}
