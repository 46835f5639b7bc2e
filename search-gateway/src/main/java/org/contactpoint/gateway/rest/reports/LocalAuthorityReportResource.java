package org.contactpoint.gateway.rest.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.gateway.application.Lookup;
import org.contactpoint.gateway.application.reports.LocalAuthorityReports;
import org.contactpoint.gateway.application.reports.LocalAuthorityReports.Report;
import org.contactpoint.gateway.domain.reports.ReportedChild;
import org.contactpoint.gateway.rest.LookupHeaders;
import org.contactpoint.gateway.security.Roles;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The local authority team's reports of children who may be falling through the gaps (issue 23): only children whose
 * responsible local authority is the caller's ({@code la} claim), for la-management, with a stated purpose; paged in
 * the common style; every page audited naming the children shown.
 */
@Path("/local-authority-reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.LA_MANAGEMENT)
public class LocalAuthorityReportResource {

    static final String CSV = "text/csv";
    private static final CsvMapper CSV_MAPPER = new CsvMapper();
    private static final CsvSchema CSV_SCHEMA = CsvSchema.builder()
            .addColumn("contactPointId").addColumn("givenNames").addColumn("familyName").addColumn("dateOfBirth")
            .addColumn("postcode").addColumn("previousLocalAuthority").addColumn("movedInAt")
            .setUseHeader(true).build();

    /**
     * One child on a report.
     *
     * @param age                    whole years on the day the report was run (England's calendar)
     * @param postcode               as the read model holds it; null while the child is shielded
     * @param locationWithheld       the child is shielded: the postcode is left out
     * @param movedInAt              when the child came to this authority from another, when known
     * @param previousLocalAuthority the authority they came from (ONS code), with movedInAt
     * @param serviceTypes           the current involvements' service types (sensitive services left out)
     */
    public record ReportRow(String contactPointId, String givenNames, String familyName, String preferredName,
                            LocalDate dateOfBirth, int age, String postcode, boolean locationWithheld,
                            Instant movedInAt, String previousLocalAuthority, List<String> serviceTypes) {

        static ReportRow of(ReportedChild child, LocalDate today) {
            return new ReportRow(child.contactPointId(), child.givenNames(), child.familyName(),
                    child.preferredName(), child.dateOfBirth(), LocalAuthorityReports.age(child, today),
                    child.postcode(), child.locationWithheld(), child.movedInAt(), child.previousLocalAuthority(),
                    child.serviceTypes());
        }
    }

    private final LocalAuthorityReports reports;
    private final JsonWebToken token;

    public LocalAuthorityReportResource(LocalAuthorityReports reports, JsonWebToken token) {
        this.reports = reports;
        this.token = token;
    }

    @GET
    @Path("/children-without-school")
    @Operation(summary = "Your local authority's children of compulsory school age with no current school "
            + "involvement, in name order")
    public RestResponse<List<ReportRow>> withoutSchool(
            @Parameter(description = "DIRECT_CARE, SAFEGUARDING, CHILD_PROTECTION_ENQUIRY or ADMINISTRATION")
            @HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose,
            @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri,
            @Context HttpServerResponse response) {
        return page(Report.CHILDREN_WITHOUT_SCHOOL, purpose, page, size, uri, response);
    }

    @GET
    @Path("/children-moved-in-without-school-or-gp")
    @Operation(summary = "Children who moved into your local authority in the last 90 days with no current school "
            + "or GP involvement, the latest arrivals first")
    public RestResponse<List<ReportRow>> movedInWithoutSchoolOrGp(
            @Parameter(description = "DIRECT_CARE, SAFEGUARDING, CHILD_PROTECTION_ENQUIRY or ADMINISTRATION")
            @HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose,
            @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri,
            @Context HttpServerResponse response) {
        return page(Report.CHILDREN_MOVED_IN_WITHOUT_SCHOOL_OR_GP, purpose, page, size, uri, response);
    }

    @GET
    @Path("/children-without-gp")
    @Operation(summary = "Your local authority's children with no current GP involvement, in name order")
    public RestResponse<List<ReportRow>> withoutGp(
            @Parameter(description = "DIRECT_CARE, SAFEGUARDING, CHILD_PROTECTION_ENQUIRY or ADMINISTRATION")
            @HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose,
            @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri,
            @Context HttpServerResponse response) {
        return page(Report.CHILDREN_WITHOUT_GP, purpose, page, size, uri, response);
    }

    @GET
    @Path("/children-missing-education.csv")
    @Produces({CSV, "application/problem+json"})
    @Operation(summary = "The children-without-school rows as CSV for the children-missing-education duty: a bulk "
            + "disclosure, audited as one, with a daily quota per local authority (429 + Retry-After beyond it)")
    public RestResponse<String> missingEducation(
            @Parameter(description = "DIRECT_CARE, SAFEGUARDING, CHILD_PROTECTION_ENQUIRY or ADMINISTRATION")
            @HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose,
            @Context HttpServerResponse response) {
        LocalAuthorityReports.Page export = reports.export(lookup(purpose));
        response.putHeader(LookupHeaders.LOOKUP_ID, export.auditEventId());
        return RestResponse.ResponseBuilder.ok(csv(export.children()), CSV + "; charset=UTF-8")
                .header("Content-Disposition",
                        "attachment; filename=\"children-missing-education-" + export.today() + ".csv\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private RestResponse<List<ReportRow>> page(Report report, String purpose, String page, String size, UriInfo uri,
                                               HttpServerResponse response) {
        Lookup lookup = lookup(purpose);
        Paging paging = Paging.of(page, size);
        LocalAuthorityReports.Page found = reports.page(report, paging.offset(), paging.size(), lookup);
        response.putHeader(LookupHeaders.LOOKUP_ID, found.auditEventId());
        List<ReportRow> rows = found.children().stream().map(child -> ReportRow.of(child, found.today())).toList();
        return paging.response(new Paging.Slice<>(rows, found.more()), uri);
    }

    private Lookup lookup(String purpose) {
        return new Lookup(Caller.from(token), LookupHeaders.purpose(purpose));
    }

    static String csv(List<ReportedChild> children) {
        List<List<String>> rows = new ArrayList<>();
        for (ReportedChild child : children) {
            rows.add(List.of(cell(child.contactPointId()), cell(child.givenNames()), cell(child.familyName()),
                    cell(child.dateOfBirth()), cell(child.postcode()), cell(child.previousLocalAuthority()),
                    cell(child.movedInAt())));
        }
        try {
            return CSV_MAPPER.writer(CSV_SCHEMA).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the CSV", e);
        }
    }

    /**
     * A cell as text. A value a spreadsheet would run as a formula (starting =, +, -, @, tab or carriage return) is
     * prefixed with an apostrophe (OWASP's advice on CSV injection): names come from many source systems.
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
