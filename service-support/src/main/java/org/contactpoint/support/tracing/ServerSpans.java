package org.contactpoint.support.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/**
 * A server span for every HTTP request, continuing the caller's W3C {@code traceparent} when it sends one. It is set
 * ahead of every other route (REST, refusals answered before REST, the page), kept in the request's Vert.x context so
 * the blocking resource on its worker thread writes it into the outbox ({@link Tracing#current()}), and its trace id
 * goes into the log MDC as {@code traceId} (the key the log formats already name) beside {@code request_id}.
 * <p>
 * The span is named by method and route template ({@code GET /children/{id}}), never by the path: a path holds a
 * child's ContactPoint ID, and traces are operational data that must carry no identifier. For the same reason the
 * query string is not recorded.
 */
@ApplicationScoped
public class ServerSpans {

    /** Where Quarkus REST leaves the matched resource's path template (the same key its metrics read). */
    private static final String PATH_TEMPLATE = "UrlPathTemplate";
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServerRequest request) {
            return request.headers().names();
        }

        @Override
        public String get(HttpServerRequest request, String key) {
            return request == null ? null : request.getHeader(key);
        }
    };

    private final Tracing tracing;

    public ServerSpans(Tracing tracing) {
        this.tracing = tracing;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 3).handler(this::start);
    }

    void start(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        Context parent = tracing.propagator().extract(Context.root(), request, HEADERS);
        String method = request.method().name();
        Span span = tracing.tracer().spanBuilder(method).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method).startSpan();
        Context context = parent.with(span);
        ContextLocals.put(Tracing.REQUEST_CONTEXT, context);
        String traceId = Tracing.traceId(context);
        if (traceId != null) {
            MDC.put(Tracing.TRACE_ID_MDC, traceId);
        }
        routing.addEndHandler(done -> {
            Object template = routing.get(RouteTemplates.ROUTE);
            if (template == null) {
                template = routing.get(PATH_TEMPLATE);
            }
            if (template instanceof String route) {
                span.updateName(method + " " + route);
                span.setAttribute(ROUTE, route);
            }
            int status = routing.response().getStatusCode();
            span.setAttribute(STATUS, (long) status);
            if (status >= 500 || done.failed()) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
            MDC.remove(Tracing.TRACE_ID_MDC);
        });
        routing.next();
    }
}
