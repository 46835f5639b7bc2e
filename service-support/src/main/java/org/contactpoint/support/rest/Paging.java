package org.contactpoint.support.rest;

import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * One page of a list: {@code page} (from 0) and {@code size} query parameters, and a {@code Link: <...>; rel="next"}
 * header while there is more. The body stays a plain JSON array, so a client that reads only the first page still
 * works; a list that could grow with a local authority's caseload is never answered in one piece.
 */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    private static final int MAX_PAGE = 100_000;

    /** The page asked for by the query parameters, with a 400 naming the parameter when one is not a number in range. */
    public static Paging of(String page, String size) {
        return new Paging(parameter("page", page, 0, 0, MAX_PAGE), parameter("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }

    /** The first row of this page, for a query's offset. */
    public int offset() {
        return page * size;
    }

    /** How many rows to fetch: one more than the page holds, to know whether a next page exists. */
    public int fetch() {
        return size + 1;
    }

    /** The page's rows out of what was fetched with {@link #offset()} and {@link #fetch()}. */
    public <T> Slice<T> slice(List<T> fetched) {
        boolean more = fetched.size() > size;
        return new Slice<>(more ? List.copyOf(fetched.subList(0, size)) : fetched, more);
    }

    /** The rows as the response body, with the next page's link when there is one. */
    public <T> RestResponse<List<T>> response(Slice<T> slice, UriInfo uri) {
        RestResponse.ResponseBuilder<List<T>> response = RestResponse.ResponseBuilder.ok(slice.items());
        if (slice.more()) {
            response.link(uri.getRequestUriBuilder().replaceQueryParam("page", page + 1)
                    .replaceQueryParam("size", size).build(), "next");
        }
        return response.build();
    }

    /** One page's rows, and whether more follow. */
    public record Slice<T>(List<T> items, boolean more) {
    }

    private static int parameter(String name, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw ProblemException.invalidField(name, "must be a whole number from " + min + " to " + max);
    }
}
