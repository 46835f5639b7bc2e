package org.contactpoint.audit.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert a rule raised, kept so a windowed rule raises once per window. The search-burst and out-of-hours rules
 * count further accesses on their open alert ({@code occurrences}, {@code last_seen_at}) instead of raising another.
 */
@Entity
@Table(name = "misuse_alert")
public class MisuseAlertRecord {

    @Id
    @Column(name = "alert_id")
    private UUID alertId;

    @Column(nullable = false)
    private String rule;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "raised_at", nullable = false)
    private Instant raisedAt;

    /** How many accesses the alert stands for: more than one once repeated firings of its rule are counted on it. */
    @Column(nullable = false)
    private int occurrences;

    /** When the latest access counted on the alert occurred. */
    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    /** The out-of-hours period an aggregated alert covers; null for every other alert. */
    @Column(name = "period_start")
    private Instant periodStart;

    protected MisuseAlertRecord() {
    }

    /**
     * @param occurredAt when the access that raised it occurred (a windowed rule looks for alerts after its window's
     *                   start)
     */
    public MisuseAlertRecord(UUID alertId, Rule rule, String userId, Instant occurredAt, Instant raisedAt) {
        this.alertId = alertId;
        this.rule = rule.name();
        this.userId = userId;
        this.occurredAt = occurredAt;
        this.raisedAt = raisedAt;
        this.occurrences = 1;
        this.lastSeenAt = occurredAt;
    }

    public UUID alertId() {
        return alertId;
    }

    public Rule rule() {
        return Rule.valueOf(rule);
    }

    public Instant raisedAt() {
        return raisedAt;
    }
}
