package org.contactpoint.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.contactpoint.audit.application.ChildAccessReport;
import org.contactpoint.audit.application.ChildAccessService;
import org.contactpoint.audit.application.RecentAccessSeen;
import org.contactpoint.audit.security.Roles;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

/** Who has looked at a child's record. */
@Path("/children/{childId}")
public class ChildAccessResource {

    private final ChildAccessService service;
    private final JsonWebToken token;

    public ChildAccessResource(ChildAccessService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @GET
    @Path("access-report")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    public AccessReport accessReport(@PathParam("childId") String childId,
                                     @HeaderParam(PurposeOfUse.HEADER) String purpose) {
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        return report(service.accessReport(pathChildId(childId), Caller.from(token), stated));
    }

    @GET
    @Path("access-report")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(Roles.AUDITOR)
    public String accessReportPage(@PathParam("childId") String childId,
                                   @HeaderParam(PurposeOfUse.HEADER) String purpose) {
        return AccessReportPage.render(accessReport(childId, purpose));
    }

    @GET
    @Path("recent-accesses")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRACTITIONER)
    public List<RecentAccess> recentAccesses(@PathParam("childId") String childId,
                                             @HeaderParam(PurposeOfUse.HEADER) String purpose) {
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        return service.recentAccesses(pathChildId(childId), Caller.from(token), stated)
                .map(seen -> seen.stream().map(ChildAccessResource::recentAccess).toList())
                .orElseThrow(() -> ProblemException.forbidden(
                        "Only the organisation holding the child's lead professional role may see recent accesses"));
    }

    /** A blank path segment ("/children/%20/...") is no child at all: 400, not a query for a null id. */
    private static String pathChildId(String childId) {
        String id = QueryParameters.childId("childId", childId);
        if (id == null) {
            throw ProblemException.invalidField("childId", "must be a ContactPoint ID");
        }
        return id;
    }

    private static AccessReport report(ChildAccessReport report) {
        return new AccessReport(report.childId(), report.generatedAt(), report.shielded(), report.totalAccesses(),
                report.accesses().stream().map(ChildAccessResource::access).toList());
    }

    private static AccessReport.Access access(ChildAccessReport.Access a) {
        return new AccessReport.Access(a.sequence(), a.occurredAt(), a.service(), a.action(), a.outcome(), a.userId(),
                a.name(), a.organisation(), a.organisationCode(), a.purpose(), a.breakGlassReason(), a.brokeGlass(),
                a.query(),
                a.detailsWithheld(), a.otherChildren());
    }

    private static RecentAccess recentAccess(RecentAccessSeen seen) {
        return new RecentAccess(seen.occurredAt(), seen.name(), seen.organisation(), seen.roles(),
                seen.organisationWithheld(), seen.action(), seen.purpose());
    }
}
