package org.contactpoint.gateway.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Someone working with a child, and how to reach them. For a sensitive service nothing but its existence is kept:
 * the details never arrive, and any that did would be dropped here.
 */
@Entity
@Table(name = "involvement")
public class Involvement {

    @Id
    @Column(name = "involvement_id")
    private String involvementId;

    @Column(name = "contact_point_id", nullable = false)
    private String contactPointId;

    @Column(nullable = false)
    private long version;

    @Column(nullable = false)
    private String status;

    @Column(name = "service_type")
    private String serviceType;

    @Column(nullable = false)
    private boolean sensitive;

    @Column(name = "organisation_name")
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

    @Column(name = "start_date")
    private LocalDate startDate;

    @Column(name = "end_date")
    private LocalDate endDate;

    @Column(name = "lead_professional", nullable = false)
    private boolean leadProfessional;

    @Column(name = "caf_held", nullable = false)
    private boolean cafHeld;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Involvement() {
    }

    public Involvement(String involvementId) {
        this.involvementId = involvementId;
    }

    /** Takes the state involvement-service published; the caller has already checked it is newer. */
    public void apply(InvolvementState state, Instant now) {
        contactPointId = state.contactPointId();
        version = state.version();
        status = state.status().name();
        sensitive = state.sensitive();
        boolean detailed = !sensitive;
        serviceType = detailed ? state.serviceType() : null;
        organisationName = detailed ? state.organisationName() : null;
        organisationCode = detailed ? state.organisationCode() : null;
        practitionerName = detailed ? state.practitionerName() : null;
        practitionerRole = detailed ? state.practitionerRole() : null;
        contactPhone = detailed ? state.contactPhone() : null;
        contactEmail = detailed ? state.contactEmail() : null;
        startDate = detailed ? state.startDate() : null;
        endDate = detailed ? state.endDate() : null;
        leadProfessional = detailed && state.leadProfessional();
        cafHeld = detailed && state.cafHeld();
        updatedAt = now;
    }

    public String involvementId() {
        return involvementId;
    }

    public String contactPointId() {
        return contactPointId;
    }

    public long version() {
        return version;
    }

    public String status() {
        return status;
    }

    public String serviceType() {
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
}
