package org.contactpoint.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import io.vertx.core.http.HttpServerResponse;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.gateway.application.ChildRecordView;
import org.contactpoint.gateway.application.Lookup;
import org.contactpoint.gateway.application.LookupService;
import org.contactpoint.gateway.application.SearchQuery;
import org.contactpoint.gateway.application.SearchResult;
import org.contactpoint.gateway.security.Roles;
import org.contactpoint.gateway.security.SystemClients;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The lookup API: find a child, then see who else is working with them. There is deliberately no list, export or
 * paging endpoint: a search answers at most the cap, and quotas limit how many lookups one person makes.
 */
@Path("/children")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRACTITIONER, Roles.CHILD_PROTECTION, Roles.LA_MANAGEMENT})
public class ChildLookupResource {

    private final LookupService lookups;
    private final JsonWebToken token;

    public ChildLookupResource(LookupService lookups, JsonWebToken token) {
        this.lookups = lookups;
        this.token = token;
    }

    @GET
    @Operation(summary = "Find a child by family name and date of birth, family name, gender and postcode, "
            + "or an exact identifier (contactPointId, nhsNumber)")
    public SearchResponse search(
            @Parameter(description = "DIRECT_CARE, SAFEGUARDING, CHILD_PROTECTION_ENQUIRY or ADMINISTRATION")
            @HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose,
            @BeanParam SearchParameters parameters,
            @Context HttpServerResponse response) {
        Lookup lookup = new Lookup(Caller.from(token), LookupHeaders.purpose(purpose),
                SystemClients.isSystemClient(token));
        SearchQuery query = parameters.query();
        SearchResult result = lookups.search(query, lookup);
        response.putHeader(LookupHeaders.LOOKUP_ID, result.lookupId());
        return SearchResponse.of(result);
    }

    @GET
    @Path("/{contactPointId}")
    @Operation(summary = "A child's record: identity, parents and carers, who works with the child and how to "
            + "reach them. Send X-Break-Glass-Reason (child-protection role) to reveal a shielded child's location")
    public ChildRecordResponse view(
            @PathParam("contactPointId") String contactPointId,
            @HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose,
            @HeaderParam(LookupHeaders.BREAK_GLASS_REASON) String breakGlassReason,
            @Context HttpServerResponse response) {
        Lookup lookup = new Lookup(Caller.from(token), LookupHeaders.purpose(purpose),
                SystemClients.isSystemClient(token));
        String reason = LookupHeaders.breakGlassReason(breakGlassReason);
        if (!ContactPointIds.isValid(contactPointId)) {
            throw ProblemException.invalidField("contactPointId",
                    "is not a ContactPoint ID: CP followed by 10 digits, the last a check digit (check for a typo)");
        }
        ChildRecordView record = lookups.view(contactPointId, reason, lookup)
                .orElseThrow(() -> ProblemException.notFound("No child with ContactPoint ID " + contactPointId
                        + " is available to you"));
        response.putHeader(LookupHeaders.LOOKUP_ID, record.lookupId());
        return ChildRecordResponse.of(record);
    }
}
