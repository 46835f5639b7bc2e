package org.contactpoint.support.rest;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tells a client of a {@link Superseded} operation, on every answer, that it is deprecated, when it may go, and what
 * replaces it, so an integrator's logs say so long before the sunset.
 */
public class Deprecations {

    public static final String DEPRECATION = "Deprecation";
    public static final String SUNSET = "Sunset";
    /** RFC 9110's IMF-fixdate (the JDK's RFC 1123 formatter drops the day's leading zero). */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    @ServerResponseFilter
    public void announce(ContainerResponseContext response, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Superseded superseded = method.getAnnotation(Superseded.class);
        if (superseded == null && resource.getResourceClass() != null) {
            superseded = resource.getResourceClass().getAnnotation(Superseded.class);
        }
        if (superseded != null) {
            headers(superseded).forEach((name, value) -> response.getHeaders().add(name, value));
        }
    }

    /** The three headers of a superseded operation, in the order they are sent. */
    static Map<String, String> headers(Superseded superseded) {
        Map<String, String> headers = new LinkedHashMap<>();
        // RFC 9745: a structured-field date, seconds since the epoch after "@".
        headers.put(DEPRECATION, "@" + LocalDate.parse(superseded.since()).atStartOfDay(ZoneOffset.UTC)
                .toEpochSecond());
        headers.put(SUNSET, HTTP_DATE.format(LocalDate.parse(superseded.sunset()).atStartOfDay(ZoneOffset.UTC)));
        headers.put("Link", "<" + superseded.by() + ">; rel=\"successor-version\"");
        return headers;
    }
}
