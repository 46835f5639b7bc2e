package org.contactpoint.support.tracing;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the request's server span which route matched: the resource's path template ({@code /children/{id}}), from
 * its {@code @Path} annotations, worked out once per resource method. The span is named by it, never by the path
 * (which holds identifiers).
 */
public class RouteTemplates {

    static final String ROUTE = "contactpoint.route-template";

    private final Map<Method, String> templates = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void name(ResourceInfo resource, RoutingContext routing) {
        Method method = resource.getResourceMethod();
        if (method != null) {
            routing.put(ROUTE, templates.computeIfAbsent(method, m -> template(resource.getResourceClass(), m)));
        }
    }

    private static String template(Class<?> type, Method method) {
        Path onClass = type == null ? null : type.getAnnotation(Path.class);
        Path onMethod = method.getAnnotation(Path.class);
        String joined = "/" + trim(onClass == null ? "" : onClass.value()) + "/"
                + trim(onMethod == null ? "" : onMethod.value());
        String template = joined.replaceAll("/+", "/");
        return template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1)
                : template;
    }

    private static String trim(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
