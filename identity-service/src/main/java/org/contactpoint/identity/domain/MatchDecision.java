package org.contactpoint.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * What matching decided for one incoming record, and why: the record as submitted and the scored candidates with
 * their per-field comparisons. A {@code REVIEW} decision stays {@code PENDING} in the review queue until the local
 * authority's management team accepts a candidate or rejects the match.
 */
@Entity
@Table(name = "match_decision")
public class MatchDecision {

    public enum Outcome { LINKED, CREATED, REVIEW }

    public enum Status { DECIDED, PENDING, RESOLVED }

    @Id
    private UUID id;

    @Column(nullable = false)
    private String source;

    @Column(name = "source_record_id", nullable = false)
    private String sourceRecordId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Outcome outcome;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "child_id")
    private Long childId;

    private Double score;

    @Column(name = "local_authority")
    private String localAuthority;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String record;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String candidates;

    @Column(name = "decided_by", nullable = false)
    private String decidedBy;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @Column(name = "resolved_by")
    private String resolvedBy;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    /** The record found a shielded child: its submitter is told nothing that identifies or locates the child. */
    @Column(nullable = false)
    private boolean withheld;

    /** The record resembles a closed (sealed) identity: only the sealed-records team sees the item. */
    @Column(nullable = false)
    private boolean sealed;

    protected MatchDecision() {
    }

    public static MatchDecision decided(String source, String sourceRecordId, Outcome outcome, Long childId,
                                        Double score, String localAuthority, String recordJson,
                                        String candidatesJson, String decidedBy, Instant now) {
        MatchDecision decision = new MatchDecision();
        decision.id = UUID.randomUUID();
        decision.source = source;
        decision.sourceRecordId = sourceRecordId;
        decision.outcome = outcome;
        decision.status = outcome == Outcome.REVIEW ? Status.PENDING : Status.DECIDED;
        decision.childId = childId;
        decision.score = score;
        decision.localAuthority = localAuthority;
        decision.record = recordJson;
        decision.candidates = candidatesJson;
        decision.decidedBy = decidedBy;
        decision.decidedAt = now;
        return decision;
    }

    /** The record found a shielded child: from now on its submitter is only told the record was accepted. */
    public void withhold() {
        this.withheld = true;
    }

    /** The record resembles a closed identity: withheld from its submitter, queued for the sealed-records team. */
    public void seal() {
        this.withheld = true;
        this.sealed = true;
    }

    public boolean sealed() {
        return sealed;
    }

    /** A person settled a review: linked to a candidate or created a new child. */
    public void resolve(Outcome outcome, Long childId, String resolvedBy, Instant now) {
        this.outcome = outcome;
        this.status = Status.RESOLVED;
        this.childId = childId;
        this.resolvedBy = resolvedBy;
        this.resolvedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String source() {
        return source;
    }

    public String sourceRecordId() {
        return sourceRecordId;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Status status() {
        return status;
    }

    public Long childId() {
        return childId;
    }

    public Double score() {
        return score;
    }

    public String localAuthority() {
        return localAuthority;
    }

    public String record() {
        return record;
    }

    public String candidates() {
        return candidates;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String resolvedBy() {
        return resolvedBy;
    }

    public boolean withheld() {
        return withheld;
    }
}
