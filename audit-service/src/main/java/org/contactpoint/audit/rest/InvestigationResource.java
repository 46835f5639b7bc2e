package org.contactpoint.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.contactpoint.audit.application.Investigations;
import org.contactpoint.audit.domain.Investigation;
import org.contactpoint.audit.security.Roles;
import org.contactpoint.support.domain.Versioned;
import org.contactpoint.support.rest.EntityTags;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.rest.Superseded;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The local authority team's misuse investigations, opened by HIGH alerts about the accounts it administers. */
@Path("/investigations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.LA_MANAGEMENT)
public class InvestigationResource {

    private final Investigations investigations;
    private final JsonWebToken token;

    public InvestigationResource(Investigations investigations, JsonWebToken token) {
        this.investigations = investigations;
        this.token = token;
    }

    /** An investigation; {@code version} is what a closure sends back, quoted, in {@code If-Match}. */
    public record View(UUID investigationId, UUID alertId, String rule, String summary, String userId,
                       String userName, String organisation, String organisationCode, String localAuthority,
                       boolean accountSuspended, Instant openedAt, String outcome, String outcomeNote,
                       String closedBy, Instant closedAt, long version) implements Versioned {

        @Override
        public Long entityVersion() {
            return version;
        }
    }

    public record Page(List<View> investigations, int page, int size, boolean more) {
    }

    /** The outcome: {@code NO_MISUSE}, {@code MISUSE_CONFIRMED} or {@code REFERRED}, and what was found. */
    public record Closure(String outcome, String note) {
    }

    /** v1: an envelope. Superseded by {@code /v2/investigations} (a page as a plain array). */
    @GET
    @Deprecated
    @Superseded(by = "/v2/investigations", since = V1Lists.SINCE, sunset = V1Lists.SUNSET)
    public Page inbox(@QueryParam("includeClosed") boolean includeClosed, @QueryParam("page") String page,
                      @QueryParam("size") String size) {
        int number = QueryParameters.integer("page", page, 0, 0, 100_000);
        int perPage = QueryParameters.integer("size", size, 50, 1, 200);
        Investigations.InvestigationPage found = investigations.inbox(Caller.from(token), includeClosed,
                number * perPage, perPage);
        return new Page(found.investigations().stream().map(InvestigationResource::view).toList(), number, perPage,
                found.more());
    }

    @POST
    @Path("{id}/closure")
    @Consumes(MediaType.APPLICATION_JSON)
    public View close(@PathParam("id") String id, @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                      Closure closure) {
        UUID investigationId;
        try {
            investigationId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "must be an investigation id (a UUID)");
        }
        return view(investigations.close(Caller.from(token), investigationId,
                closure == null ? null : closure.outcome(), closure == null ? null : closure.note(),
                EntityTags.ifMatch(ifMatch)));
    }

    static View view(Investigation i) {
        return new View(i.investigationId(), i.alertId(), i.rule(), i.summary(), i.userId(), i.userName(),
                i.organisation(), i.organisationCode(), i.localAuthority(), i.accountSuspended(), i.openedAt(),
                i.outcome() == null ? null : i.outcome().name(), i.outcomeNote(), i.closedBy(), i.closedAt(), i.version());
    }
}
