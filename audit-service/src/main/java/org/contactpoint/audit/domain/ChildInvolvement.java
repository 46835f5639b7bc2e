package org.contactpoint.audit.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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

    /** The first state heard of an involvement: when it was recorded. */
    public static ChildInvolvement first(InvolvementState state) {
        ChildInvolvement involvement = new ChildInvolvement();
        involvement.involvementId = state.involvementId();
        involvement.version = -1;
        involvement.recordedAt = state.occurredAt();
        involvement.apply(state);
        return involvement;
    }

    /** Whether {@code state} is newer than what is kept: the newest version wins, a repeat or an older one loses. */
    public boolean supersededBy(InvolvementState state) {
        return state.version() > version;
    }

    /** Applies a newer state; an older or repeated one changes nothing. */
    public boolean apply(InvolvementState state) {
        if (!supersededBy(state)) {
            return false;
        }
        version = state.version();
        childId = state.childId();
        status = state.status().name();
        organisationCode = state.organisationCode();
        leadProfessional = state.leadProfessional();
        return true;
    }
}
