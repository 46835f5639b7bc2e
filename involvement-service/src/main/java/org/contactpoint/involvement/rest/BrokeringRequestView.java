package org.contactpoint.involvement.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.involvement.domain.BrokeringRequest;
import org.contactpoint.involvement.domain.Involvement;

import java.time.Instant;

/**
 * A brokering request. {@code provider} (the sensitive service's organisation and contact) is shown only to the LA
 * management team; the requester sees the request and its outcome.
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

    public static BrokeringRequestView of(BrokeringRequest request, Involvement involvement, boolean showProvider) {
        return new BrokeringRequestView(request.id().toString(), request.involvementId().toString(),
                involvement.contactPointId(), involvement.serviceType().name(), request.status().name(),
                request.reason(), new Requester(request.requesterUserId(), request.requesterName(),
                request.requesterOrganisation(), request.requesterContact()),
                showProvider ? InvolvementView.of(involvement) : null, request.outcomeNote(), request.actedBy(),
                request.createdAt(), request.actedAt());
    }
}
