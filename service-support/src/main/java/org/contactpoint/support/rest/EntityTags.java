package org.contactpoint.support.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.contactpoint.support.domain.ExpectedVersion;
import org.contactpoint.support.domain.Versioned;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Optimistic concurrency over HTTP (RFC 9110 8.8.3, 13.1.1): every answer that is one {@link Versioned} record carries
 * its version as a strong {@code ETag}, and a change sent with {@code If-Match} applies only when the record is still
 * at that version, else 412. Without {@code If-Match} a change applies as before (no 428): requiring it would break
 * every v1 client, which the version policy in docs/api.md does not allow within a major version.
 */
public class EntityTags {

    public static final String IF_MATCH = "If-Match";
    public static final String ETAG = "ETag";

    /** One entity-tag of a list: optionally weak ({@code W/}), then a quoted opaque string (RFC 9110 8.8.3). */
    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([^\"]*)\"\\s*(,|$)");

    /** The strong entity-tag of a record at this version. */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The versions an {@code If-Match} header names. Absent or {@code *}: any version. Weak tags never match (If-Match
     * compares strongly), and neither does anything unreadable, so a garbled header is a 412 rather than a blind write.
     */
    public static ExpectedVersion ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return ExpectedVersion.ANY;
        }
        Set<Long> versions = new HashSet<>();
        Matcher matcher = TAG.matcher(header);
        int end = 0;
        while (end < header.length() && matcher.find(end) && matcher.start() == end) {
            if (matcher.group(1) == null && matcher.group(2).matches("[0-9]{1,18}")) {
                versions.add(Long.parseLong(matcher.group(2)));
            }
            end = matcher.end();
        }
        return ExpectedVersion.oneOf(end == header.length() ? versions : Set.of());
    }

    /** Sets the {@code ETag} of a successful answer that is one versioned record, unless the resource set one. */
    @ServerResponseFilter
    public void tag(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() / 100 == 2 && response.getEntity() instanceof Versioned versioned
                && versioned.entityVersion() != null && !response.getHeaders().containsKey(ETAG)) {
            response.getHeaders().putSingle(ETAG, of(versioned.entityVersion()));
        }
    }
}
