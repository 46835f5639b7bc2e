package org.contactpoint.involvement.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A practitioner's request to be put in touch with a sensitive service whose details they cannot see. The local
 * authority management team, who can see the provider, acts on it: passes the request on, or declines it.
 */
@Entity
@Table(name = "brokering_request")
public class BrokeringRequest {

    public enum Status { OPEN, CONTACT_BROKERED, DECLINED }

    @Id
    private UUID id;

    @Column(name = "involvement_id", nullable = false)
    private UUID involvementId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(nullable = false)
    private String reason;

    @Column(name = "requester_user_id", nullable = false)
    private String requesterUserId;

    @Column(name = "requester_name")
    private String requesterName;

    @Column(name = "requester_organisation")
    private String requesterOrganisation;

    @Column(name = "requester_contact", nullable = false)
    private String requesterContact;

    @Column(name = "outcome_note")
    private String outcomeNote;

    @Column(name = "acted_by")
    private String actedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "acted_at")
    private Instant actedAt;

    protected BrokeringRequest() {
    }

    public static BrokeringRequest open(UUID involvementId, String reason, String requesterUserId,
                                        String requesterName, String requesterOrganisation, String requesterContact,
                                        Instant now) {
        BrokeringRequest request = new BrokeringRequest();
        request.id = UUID.randomUUID();
        request.involvementId = involvementId;
        request.status = Status.OPEN;
        request.reason = reason;
        request.requesterUserId = requesterUserId;
        request.requesterName = requesterName;
        request.requesterOrganisation = requesterOrganisation;
        request.requesterContact = requesterContact;
        request.createdAt = now;
        return request;
    }

    /** The team's decision; a request is decided once. */
    public void decide(Status outcome, String note, String actedBy, Instant now) {
        this.status = outcome;
        this.outcomeNote = note;
        this.actedBy = actedBy;
        this.actedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID involvementId() {
        return involvementId;
    }

    public Status status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String requesterUserId() {
        return requesterUserId;
    }

    public String requesterName() {
        return requesterName;
    }

    public String requesterOrganisation() {
        return requesterOrganisation;
    }

    public String requesterContact() {
        return requesterContact;
    }

    public String outcomeNote() {
        return outcomeNote;
    }

    public String actedBy() {
        return actedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant actedAt() {
        return actedAt;
    }
}
