package org.contactpoint.involvement.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What this service knows of a child from identity-service's events: that it exists, its state, where a merged child
 * went, which local authority is responsible and whether it is shielded. {@link #PURGED} keeps only the ID so the child cannot come back.
 */
@Entity
@Table(name = "known_child")
public class KnownChild {

    public static final String ACTIVE = "ACTIVE";
    public static final String MERGED = "MERGED";
    public static final String PURGED = "PURGED";

    @Id
    @Column(name = "contact_point_id")
    private String contactPointId;

    @Column(nullable = false)
    private long version;

    /** identity-service's status (ACTIVE, DECEASED, ARCHIVED, MERGED, CLOSED), or PURGED. */
    @Column(nullable = false)
    private String status;

    @Column(name = "merged_into")
    private String mergedInto;

    @Column(name = "responsible_local_authority")
    private String responsibleLocalAuthority;

    /** Set while identity-service has the child shielded; the reason is never projected. */
    @Column(name = "shielded_since")
    private Instant shieldedSince;

    @Column(name = "shield_review_date")
    private LocalDate shieldReviewDate;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected KnownChild() {
    }

    public KnownChild(String contactPointId) {
        this.contactPointId = contactPointId;
    }

    /**
     * @param shieldedSince    null when the child is not shielded
     * @param shieldReviewDate when the shield is to be reviewed, if known
     */
    public void apply(long version, String status, String mergedInto, String responsibleLocalAuthority,
                      Instant shieldedSince, LocalDate shieldReviewDate, Instant now) {
        this.version = version;
        this.status = status;
        this.mergedInto = mergedInto;
        this.responsibleLocalAuthority = responsibleLocalAuthority;
        this.shieldedSince = shieldedSince;
        this.shieldReviewDate = shieldedSince == null ? null : shieldReviewDate;
        this.updatedAt = now;
    }

    /**
     * Newest version wins: whether identity's event of this version changes what is known. Only a newer version does,
     * so a redelivered or reordered event cannot roll the child back; a purged child takes none, so it cannot return.
     */
    public boolean takes(long version) {
        return !isPurged() && version > this.version;
    }

    public void purge(Instant now) {
        apply(Long.MAX_VALUE, PURGED, null, null, null, null, now);
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

    public String mergedInto() {
        return mergedInto;
    }

    public String responsibleLocalAuthority() {
        return responsibleLocalAuthority;
    }

    public boolean isShielded() {
        return shieldedSince != null;
    }

    public boolean isMerged() {
        return MERGED.equals(status) && mergedInto != null;
    }

    public boolean isPurged() {
        return PURGED.equals(status);
    }
}
