package org.contactpoint.audit.rest.usage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.contactpoint.audit.application.usage.UsageReports;
import org.contactpoint.audit.domain.usage.UsageReport;
import org.contactpoint.audit.security.Roles;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Usage reports with no personal data: lookups per organisation per day, break-glass and shielded accesses, alerts. */
@Path("/usage-reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.LA_MANAGEMENT, Roles.NATIONAL_OVERVIEW, Roles.ADMINISTRATOR})
public class UsageReportResource {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final UsageReports reports;
    private final JsonWebToken token;

    public UsageReportResource(UsageReports reports, JsonWebToken token) {
        this.reports = reports;
        this.token = token;
    }

    @GET
    @Operation(summary = "Usage over a period with no personal data: lookups per organisation per day, break-glass "
            + "and shielded accesses, alerts by rule, refusals. la-management: its own local authority's "
            + "organisations; national-overview and administrator: England")
    public UsageReport report(
            @Parameter(description = "start, inclusive: a date (2026-12-01, midnight in England) or an instant")
            @QueryParam("from") String from,
            @Parameter(description = "end, exclusive: a date (the start of that day in England) or an instant")
            @QueryParam("to") String to) {
        return reports.report(Caller.from(token), instant("from", from), instant("to", to));
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
