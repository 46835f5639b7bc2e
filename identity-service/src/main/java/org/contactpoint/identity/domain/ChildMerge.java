package org.contactpoint.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Two records found to be one child: the survivor keeps its ID, the other resolves to it until an unmerge. */
@Entity
@Table(name = "child_merge")
public class ChildMerge {

    @Id
    private UUID id;

    @Column(name = "survivor_id", nullable = false)
    private Long survivorId;

    @Column(name = "merged_id", nullable = false)
    private Long mergedId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "survivor_snapshot", nullable = false)
    private ChildSnapshot survivorSnapshot;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "merged_snapshot", nullable = false)
    private ChildSnapshot mergedSnapshot;

    /** Ids of the identifiers moved from the merged child to the survivor, moved back by an unmerge. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "moved_identifiers", nullable = false)
    private List<Long> movedIdentifiers = new ArrayList<>();

    @Column(nullable = false)
    private String reason;

    @Column(name = "merged_by", nullable = false)
    private String mergedBy;

    @Column(name = "merged_at", nullable = false)
    private Instant mergedAt;

    @Column(name = "unmerged_by")
    private String unmergedBy;

    @Column(name = "unmerged_at")
    private Instant unmergedAt;

    protected ChildMerge() {
    }

    public ChildMerge(Child survivor, Child merged, List<Long> movedIdentifiers, String reason, String mergedBy,
                      Instant now) {
        this.id = UUID.randomUUID();
        this.survivorId = survivor.id();
        this.mergedId = merged.id();
        this.survivorSnapshot = survivor.snapshot();
        this.mergedSnapshot = merged.snapshot();
        this.movedIdentifiers = new ArrayList<>(movedIdentifiers);
        this.reason = reason;
        this.mergedBy = mergedBy;
        this.mergedAt = now;
    }

    public void unmerged(String by, Instant now) {
        this.unmergedBy = by;
        this.unmergedAt = now;
    }

    public boolean isUndone() {
        return unmergedAt != null;
    }

    public UUID id() {
        return id;
    }

    public Long survivorId() {
        return survivorId;
    }

    public Long mergedId() {
        return mergedId;
    }

    public ChildSnapshot survivorSnapshot() {
        return survivorSnapshot;
    }

    public ChildSnapshot mergedSnapshot() {
        return mergedSnapshot;
    }

    public List<Long> movedIdentifiers() {
        return List.copyOf(movedIdentifiers);
    }
}
