package org.contactpoint.gateway.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.contactpoint.events.involvement.InvolvementEvent;

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

    public void apply(InvolvementEvent event, Instant now) {
        contactPointId = event.contactPointId();
        version = event.version();
        status = event.status().name();
        sensitive = event.sensitive();
        boolean detailed = !sensitive;
        serviceType = detailed ? event.serviceType() : null;
        organisationName = detailed && event.organisation() != null ? event.organisation().name() : null;
        organisationCode = detailed && event.organisation() != null ? event.organisation().code() : null;
        practitionerName = detailed && event.practitioner() != null ? event.practitioner().name() : null;
        practitionerRole = detailed && event.practitioner() != null ? event.practitioner().role() : null;
        contactPhone = detailed && event.contact() != null ? event.contact().phone() : null;
        contactEmail = detailed && event.contact() != null ? event.contact().email() : null;
        startDate = detailed ? event.startDate() : null;
        endDate = detailed ? event.endDate() : null;
        leadProfessional = detailed && event.leadProfessional();
        cafHeld = detailed && event.cafHeld();
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
