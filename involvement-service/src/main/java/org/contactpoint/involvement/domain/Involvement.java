package org.contactpoint.involvement.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A service working with a child: who (organisation, practitioner), how to reach them, since when and until when.
 * Never case information; for a CAF only whether one is held.
 */
@Entity
@Table(name = "involvement")
public class Involvement {

    @Id
    private UUID id;

    @Column(name = "source_agency", nullable = false, updatable = false)
    private String sourceAgency;

    @Column(name = "submission_id", nullable = false, updatable = false)
    private String submissionId;

    /** The child it is with now; a merge moves it to the surviving child. */
    @Column(name = "contact_point_id", nullable = false)
    private String contactPointId;

    /** The child it was submitted for; an unmerge moves it back here. */
    @Column(name = "submitted_for", nullable = false, updatable = false)
    private String submittedFor;

    /** Increases with every change, so downstream stores can drop stale or duplicate events. */
    @Column(nullable = false)
    private long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InvolvementStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "service_type", nullable = false)
    private ServiceType serviceType;

    @Column(nullable = false)
    private boolean sensitive;

    @Column(name = "organisation_name", nullable = false)
    private String organisationName;

    @Column(name = "organisation_code")
    private String organisationCode;

    @Column(name = "practitioner_name")
    private String practitionerName;

    @Column(name = "practitioner_role")
    private String practitionerRole;

    @Column(name = "contact_phone")
    private String contactPhone;

    @Column(name = "contact_email")
    private String contactEmail;

    @Column(name = "start_date", nullable = false)
    private LocalDate startDate;

    @Column(name = "end_date")
    private LocalDate endDate;

    @Column(name = "lead_professional", nullable = false)
    private boolean leadProfessional;

    @Column(name = "caf_held", nullable = false)
    private boolean cafHeld;

    @JdbcTypeCode(SqlTypes.JSON)
    private Basis basis;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Involvement() {
    }

    /** What an agency said about the service; the same shape whichever way it was submitted. */
    public record Details(ServiceType serviceType, String organisationName, String organisationCode,
                          String practitionerName, String practitionerRole, String contactPhone, String contactEmail,
                          LocalDate startDate, LocalDate endDate, boolean leadProfessional, boolean cafHeld,
                          Basis basis) {
    }

    /** A new involvement: ACTIVE, or CEASED straight away when its end date has already passed. */
    public static Involvement start(UUID id, String sourceAgency, String submissionId, String submittedFor,
                                    String contactPointId, Details details, LocalDate today, Instant now) {
        boolean ended = details.endDate() != null && !details.endDate().isAfter(today);
        Involvement involvement = stored(id, sourceAgency, submissionId, submittedFor, contactPointId, 1,
                ended ? InvolvementStatus.CEASED : InvolvementStatus.ACTIVE, details.serviceType().sensitive(), details,
                now);
        involvement.leadProfessional = details.leadProfessional() && !ended;
        return involvement;
    }

    /**
     * An involvement as stored, read back by a batch's plain-JDBC queries rather than through Hibernate: detached, for
     * deciding and notifying; a change goes through the repository's managed copy.
     */
    public static Involvement stored(UUID id, String sourceAgency, String submissionId, String submittedFor,
                                     String contactPointId, long version, InvolvementStatus status, boolean sensitive,
                                     Details details, Instant updatedAt) {
        Involvement involvement = new Involvement();
        involvement.id = id;
        involvement.sourceAgency = sourceAgency;
        involvement.submissionId = submissionId;
        involvement.submittedFor = submittedFor;
        involvement.contactPointId = contactPointId;
        involvement.version = version;
        involvement.status = status;
        involvement.serviceType = details.serviceType();
        involvement.sensitive = sensitive;
        involvement.organisationName = details.organisationName();
        involvement.organisationCode = details.organisationCode();
        involvement.practitionerName = details.practitionerName();
        involvement.practitionerRole = details.practitionerRole();
        involvement.contactPhone = details.contactPhone();
        involvement.contactEmail = details.contactEmail();
        involvement.startDate = details.startDate();
        involvement.endDate = details.endDate();
        involvement.leadProfessional = details.leadProfessional();
        involvement.cafHeld = details.cafHeld();
        involvement.basis = details.basis();
        involvement.updatedAt = updatedAt;
        return involvement;
    }

    /** Ends the involvement: it stays visible as "has worked with" and is no longer the lead. */
    public void cease(LocalDate endDate, Instant now) {
        this.endDate = endDate;
        this.status = InvolvementStatus.CEASED;
        this.leadProfessional = false;
        changed(now);
    }

    public void setLeadProfessional(boolean lead, Instant now) {
        this.leadProfessional = lead;
        changed(now);
    }

    /** Moves the involvement to another child (merge: to the survivor; unmerge: back to the child it was for). */
    public void rehome(String contactPointId, Instant now) {
        this.contactPointId = contactPointId;
        changed(now);
    }

    /** The last version: downstream stores delete it. */
    public void remove(Instant now) {
        this.status = InvolvementStatus.REMOVED;
        changed(now);
    }

    private void changed(Instant now) {
        this.version++;
        this.updatedAt = now;
    }

    public boolean isActive() {
        return status == InvolvementStatus.ACTIVE;
    }

    public UUID id() {
        return id;
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

    public String submittedFor() {
        return submittedFor;
    }

    public long version() {
        return version;
    }

    public InvolvementStatus status() {
        return status;
    }

    public ServiceType serviceType() {
        return serviceType;
    }

    public boolean sensitive() {
        return sensitive;
    }

    public String organisationName() {
        return organisationName;
    }

    public String organisationCode() {
        return organisationCode;
    }

    public String practitionerName() {
        return practitionerName;
    }

    public String practitionerRole() {
        return practitionerRole;
    }

    public String contactPhone() {
        return contactPhone;
    }

    public String contactEmail() {
        return contactEmail;
    }

    public LocalDate startDate() {
        return startDate;
    }

    public LocalDate endDate() {
        return endDate;
    }

    public boolean leadProfessional() {
        return leadProfessional;
    }

    public boolean cafHeld() {
        return cafHeld;
    }

    public Basis basis() {
        return basis;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
