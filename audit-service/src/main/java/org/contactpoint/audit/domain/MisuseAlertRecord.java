package org.contactpoint.audit.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An alert a rule raised, kept so a windowed rule raises once per window. */
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
