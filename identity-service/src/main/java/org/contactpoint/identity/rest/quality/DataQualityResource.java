package org.contactpoint.identity.rest.quality;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.identity.application.quality.DataQualityService;
import org.contactpoint.identity.domain.quality.DataQuality;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/** How well the register is kept (issue 23): per feed, the review queue, unconfirmed children, duplicates. */
@Path("/data-quality")
@Produces(MediaType.APPLICATION_JSON)
public class DataQualityResource {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final DataQualityService quality;
    private final JsonWebToken token;

    public DataQualityResource(DataQualityService quality, JsonWebToken token) {
        this.quality = quality;
        this.token = token;
    }

    @GET
    @RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR, Roles.NATIONAL_OVERVIEW})
    @Operation(summary = "Data quality with no personal data: per source feed over the period, the review queue per "
            + "local authority, children no source has confirmed for 12 months, the count of suspected duplicates. "
            + "la-management: its own local authority; administrator and national-overview: England")
    public DataQuality report(
            @Parameter(description = "start, inclusive: a date (midnight in England) or an instant")
            @QueryParam("from") String from,
            @Parameter(description = "end, exclusive: a date (midnight in England) or an instant")
            @QueryParam("to") String to) {
        return quality.report(Caller.from(token), instant("from", from), instant("to", to));
    }

    @GET
    @Path("/suspected-duplicates")
    @RolesAllowed(Roles.LA_MANAGEMENT)
    @Operation(summary = "Your local authority's pairs of separate records the matcher scored at or above the review "
            + "band, the likeliest first (paged; needs X-Purpose-Of-Use: it names children)")
    public RestResponse<List<DataQuality.SuspectedDuplicate>> suspectedDuplicates(
            @HeaderParam(PurposeOfUse.HEADER) String purpose, @QueryParam("page") String page,
            @QueryParam("size") String size, @Context UriInfo uri) {
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        Paging paging = Paging.of(page, size);
        DataQualityService.Page found = quality.suspectedDuplicates(Caller.from(token), stated, paging.offset(),
                paging.size());
        return paging.response(new Paging.Slice<>(found.items(), found.more()), uri);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(name, "is required: a date (2026-12-01) or an instant");
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(LONDON).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be a date (2026-12-01) or an instant "
                    + "(2026-12-01T09:00:00Z)");
        }
    }
}
