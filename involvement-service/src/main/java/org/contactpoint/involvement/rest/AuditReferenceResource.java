package org.contactpoint.involvement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.contactpoint.involvement.application.AuditReference;
import org.contactpoint.involvement.application.AuditReferenceService;
import org.contactpoint.involvement.security.Roles;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.LocalDate;

/**
 * The audit team resolves a reference from the trail (an involvement id) to what it stands for. A POST: each
 * resolution states its purpose and is itself an audited act.
 */
@Path("/audit-references")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuditReferenceResource {

    private final AuditReferenceService references;
    private final JsonWebToken token;

    public AuditReferenceResource(AuditReferenceService references, JsonWebToken token) {
        this.references = references;
        this.token = token;
    }

    /** Why the investigator needs the details, e.g. the complaint or investigation it serves; recorded as given. */
    public record ResolutionRequest(@NotBlank @Size(max = 500) String purpose) {
    }

    /** What the reference stands for; {@code status} PARKED while the submission waits for its child. */
    public record ResolutionView(String reference, String contactPointId, String status, String serviceType,
                                 boolean sensitive, InvolvementView.Organisation organisation, String sourceAgency,
                                 String submissionId, LocalDate startDate, LocalDate endDate) {

        static ResolutionView of(AuditReference resolved) {
            return new ResolutionView(resolved.reference(), resolved.contactPointId(), resolved.status(),
                    resolved.serviceType().name(), resolved.serviceType().sensitive(),
                    new InvolvementView.Organisation(resolved.organisationName(), resolved.organisationCode()),
                    resolved.sourceAgency(), resolved.submissionId(), resolved.startDate(), resolved.endDate());
        }
    }

    @POST
    @Path("/{reference}/resolution")
    @RolesAllowed(Roles.AUDITOR)
    public ResolutionView resolve(@PathParam("reference") String reference,
                                  @NotNull @Valid ResolutionRequest request) {
        return ResolutionView.of(references.resolve(reference, request.purpose(), Caller.from(token)));
    }
}
