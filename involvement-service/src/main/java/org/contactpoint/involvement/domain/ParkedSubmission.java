package org.contactpoint.involvement.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A submission for a child this service has not heard of yet (identity's event has not arrived). It keeps the
 * involvement ID it was promised and is applied, as submitted, when the child appears; it is never dropped, except
 * when the child is purged.
 */
@Entity
@Table(name = "parked_submission")
public class ParkedSubmission {

    @Id
    @Column(name = "involvement_id")
    private UUID involvementId;

    @Column(name = "source_agency", nullable = false)
    private String sourceAgency;

    @Column(name = "submission_id", nullable = false)
    private String submissionId;

    @Column(name = "contact_point_id")
    private String contactPointId;

    @Column(name = "identifier_scheme")
    private String identifierScheme;

    @Column(name = "identifier_value")
    private String identifierValue;

    /** The source system the identifier must come from, when the agency named one. */
    @Column(name = "identifier_source")
    private String identifierSource;

    /** The submission as received (JSON), applied later exactly as if it had just arrived. */
    @Column(nullable = false)
    private String submission;

    /** Who submitted it, for the audit record written when it is applied. */
    @Column(name = "submitted_by", nullable = false)
    private String submittedBy;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected ParkedSubmission() {
    }

    public ParkedSubmission(UUID involvementId, String sourceAgency, String submissionId, String contactPointId,
                            String identifierScheme, String identifierValue, String identifierSource, String submission, String submittedBy,
                            Instant receivedAt) {
        this.involvementId = involvementId;
        this.sourceAgency = sourceAgency;
        this.submissionId = submissionId;
        this.contactPointId = contactPointId;
        this.identifierScheme = identifierScheme;
        this.identifierValue = identifierValue;
        this.identifierSource = identifierSource;
        this.submission = submission;
        this.submittedBy = submittedBy;
        this.receivedAt = receivedAt;
    }

    public UUID involvementId() {
        return involvementId;
    }

    public String sourceAgency() {
        return sourceAgency;
    }

    public String submissionId() {
        return submissionId;
    }

    public String contactPointId() {
        return contactPointId;
    }

    public String identifierSource() {
        return identifierSource;
    }

    public String submission() {
        return submission;
    }

    public String submittedBy() {
        return submittedBy;
    }
    public String identifierScheme() {
        return identifierScheme;
    }

    public String identifierValue() {
        return identifierValue;
    }

    public Instant receivedAt() {
        return receivedAt;
    }
}
