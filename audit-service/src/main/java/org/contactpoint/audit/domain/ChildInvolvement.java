package org.contactpoint.audit.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.contactpoint.events.involvement.InvolvementEvent;

import java.time.Instant;

/** That an organisation works with a child, and whether it holds the lead professional role. */
@Entity
@Table(name = "child_involvement")
public class ChildInvolvement {

    @Id
    @Column(name = "involvement_id")
    private String involvementId;

    @Column(name = "child_id", nullable = false)
    private String childId;

    @Column(nullable = false)
    private long version;

    @Column(nullable = false)
    private String status;

    @Column(name = "organisation_code", nullable = false)
    private String organisationCode;

    @Column(name = "lead_professional", nullable = false)
    private boolean leadProfessional;

    /** When the involvement was first recorded. */
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected ChildInvolvement() {
    }

    public static ChildInvolvement of(InvolvementEvent event) {
        ChildInvolvement involvement = new ChildInvolvement();
        involvement.involvementId = event.involvementId();
        involvement.version = -1;
        involvement.recordedAt = event.occurredAt();
        involvement.apply(event);
        return involvement;
    }

    /** Applies a newer state; an older or repeated one changes nothing. */
    public boolean apply(InvolvementEvent event) {
        if (event.version() <= version) {
            return false;
        }
        version = event.version();
        childId = event.contactPointId();
        status = event.status().name();
        organisationCode = event.organisation().code();
        leadProfessional = event.leadProfessional();
        return true;
    }

    public long version() {
        return version;
    }
}
