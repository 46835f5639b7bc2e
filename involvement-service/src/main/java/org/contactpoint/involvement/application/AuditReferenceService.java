package org.contactpoint.involvement.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.ParkedSubmission;
import org.contactpoint.involvement.repository.InvolvementRepository;
import org.contactpoint.involvement.repository.ParkedSubmissionRepository;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.security.Caller;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves the trail's references for an investigator. The audit records name an involvement only by its id; what it
 * stands for (the service type, the provider, the agency's submission) is held here and shown only to the audit
 * team, each time with the purpose they state, and that resolution is itself audited (by reference only). An
 * involvement removed since (consent withdrawn, purged, expired) no longer resolves: its details are not kept.
 */
@ApplicationScoped
public class AuditReferenceService {

    private final InvolvementRepository involvements;
    private final ParkedSubmissionRepository parkedSubmissions;
    private final AccessAudit audit;
    private final ObjectMapper json;

    public AuditReferenceService(InvolvementRepository involvements, ParkedSubmissionRepository parkedSubmissions,
                                 AccessAudit audit, ObjectMapper json) {
        this.involvements = involvements;
        this.parkedSubmissions = parkedSubmissions;
        this.audit = audit;
        this.json = json;
    }

    @Transactional
    public AuditReference resolve(String reference, String purpose, Caller caller) {
        UUID id;
        try {
            id = UUID.fromString(reference);
        } catch (IllegalArgumentException e) {
            throw Rejected.field("reference", "is not an audit reference (an involvement id, a UUID)");
        }
        AuditReference resolved = involvements.findByIdOptional(id).map(AuditReferenceService::of)
                .or(() -> parkedSubmissions.findByIdOptional(id).map(this::of))
                .orElseThrow(() -> new NotFound("No involvement " + reference + " is held: it was never submitted,"
                        + " or it has been removed with its details"));
        audit.success(caller, "RESOLVE_AUDIT_REFERENCE", purpose, Map.of("involvementId", reference),
                Optional.ofNullable(resolved.contactPointId()).map(List::of).orElse(List.of()), 1);
        return resolved;
    }

    private static AuditReference of(Involvement involvement) {
        return new AuditReference(involvement.id().toString(), false, involvement.contactPointId(),
                involvement.status().name(), involvement.serviceType(), involvement.organisationName(),
                involvement.organisationCode(), involvement.sourceAgency(), involvement.submissionId(),
                involvement.startDate(), involvement.endDate());
    }

    private AuditReference of(ParkedSubmission parked) {
        try {
            SubmitInvolvement request = json.readValue(parked.submission(), SubmitInvolvement.class);
            return new AuditReference(parked.involvementId().toString(), true, parked.contactPointId(), "PARKED",
                    request.serviceType(), request.organisation().name(), request.organisation().code(),
                    parked.sourceAgency(), parked.submissionId(), request.startDate(), request.endDate());
        } catch (JsonProcessingException e) {
            // Written by this service from a validated request: unreadable means a bug, not bad input.
            throw new IllegalStateException("Parked submission " + parked.involvementId() + " is unreadable", e);
        }
    }
}
