package org.contactpoint.involvement.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.involvement.domain.BrokeringRequest;
import org.contactpoint.involvement.domain.Involvement;

import java.time.Instant;

/**
 * A brokering request. {@code serviceType} and {@code provider} (the sensitive service's type, organisation and
 * contact) are shown only to the LA management team; the requester sees the request and its outcome, not which kind of
 * sensitive service the child uses.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrokeringRequestView(
        String brokeringRequestId,
        String involvementId,
        String contactPointId,
        String serviceType,
        String status,
        String reason,
        Requester requester,
        InvolvementView provider,
        String outcomeNote,
        String actedBy,
        Instant createdAt,
        Instant actedAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Requester(String userId, String name, String organisation, String contact) {
    }

    /** @param forLaTeam the LA management team's view (service type and provider); otherwise the requester's */
    public static BrokeringRequestView of(BrokeringRequest request, Involvement involvement, boolean forLaTeam) {
        return new BrokeringRequestView(request.id().toString(), request.involvementId().toString(),
                involvement.contactPointId(), forLaTeam ? involvement.serviceType().name() : null,
                request.status().name(),
                request.reason(), new Requester(request.requesterUserId(), request.requesterName(),
                request.requesterOrganisation(), request.requesterContact()),
                forLaTeam ? InvolvementView.of(involvement) : null, request.outcomeNote(), request.actedBy(),
                request.createdAt(), request.actedAt());
    }
}
