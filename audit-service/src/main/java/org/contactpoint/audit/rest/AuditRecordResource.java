package org.contactpoint.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.contactpoint.audit.application.AuditQueryService;
import org.contactpoint.audit.application.ChainedRecord;
import org.contactpoint.audit.application.RecordPage;
import org.contactpoint.audit.domain.AuditQuery;
import org.contactpoint.audit.security.Roles;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.rest.Superseded;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;

/** The security team's view of the trail: queries and verification. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AuditRecordResource {

    static final int MAX_PAGE_SIZE = 200;

    private final AuditQueryService queries;
    private final JsonWebToken token;

    public AuditRecordResource(AuditQueryService queries, JsonWebToken token) {
        this.queries = queries;
        this.token = token;
    }

    /** v1: an envelope with totals. Superseded by {@code /v2/audit-records} (a page as a plain array). */
    @GET
    @Path("audit-records")
    @RolesAllowed(Roles.AUDITOR)
    @Deprecated
    @Superseded(by = "/v2/audit-records", since = V1Lists.SINCE, sunset = V1Lists.SUNSET)
    public AuditRecordPage search(@HeaderParam(PurposeOfUse.HEADER) String purposeHeader,
                                  @QueryParam("childId") String childId, @QueryParam("userId") String userId,
                                  @QueryParam("organisation") String organisation, @QueryParam("from") String from,
                                  @QueryParam("to") String to, @QueryParam("purpose") String purpose,
                                  @QueryParam("action") String action, @QueryParam("page") String page,
                                  @QueryParam("size") String size) {
        PurposeOfUse stated = PurposeOfUse.required(purposeHeader);
        AuditQuery query = query(childId, userId, organisation, from, to, purpose, action);
        RecordPage found = queries.search(query, QueryParameters.integer("page", page, 0, 0, 100_000),
                QueryParameters.integer("size", size, 50, 1, MAX_PAGE_SIZE), Caller.from(token), stated);
        return new AuditRecordPage(found.records().stream().map(AuditRecordResource::view).toList(), found.page(),
                found.size(), found.totalRecords(), found.totalPages());
    }

    @GET
    @Path("audit-chain/verification")
    @RolesAllowed(Roles.AUDITOR)
    public ChainVerification verify() {
        return ChainVerification.of(queries.verify(Caller.from(token)));
    }

    /** The query the filters describe, each read strictly (a 400 naming the parameter it cannot understand). */
    static AuditQuery query(String childId, String userId, String organisation, String from, String to,
                            String purpose, String action) {
        Instant fromInstant = QueryParameters.instant("from", from, false);
        Instant toInstant = QueryParameters.instant("to", to, true);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        return new AuditQuery(QueryParameters.childId("childId", childId),
                QueryParameters.text("userId", userId), QueryParameters.text("organisation", organisation),
                fromInstant, toInstant, QueryParameters.code("purpose", purpose),
                QueryParameters.code("action", action));
    }

    static AuditRecordView view(ChainedRecord record) {
        return new AuditRecordView(record.sequence(), record.source(), record.storedAt(), record.previousHash(),
                record.recordHash(), record.event());
    }
}
