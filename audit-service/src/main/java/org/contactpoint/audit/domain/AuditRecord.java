package org.contactpoint.audit.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One stored access in the tamper-evident trail. Never changed once written (the database rejects UPDATE and DELETE).
 * The chained content is {@link #canonicalEvent} with sequence, source and storedAt; the other columns are indexes
 * read from the event for queries, and verification checks they still agree with it.
 */
@Entity
@Table(name = "audit_record")
public class AuditRecord {

    @Id
    private long sequence;

    @Column(name = "event_id", nullable = false, updatable = false)
    private String eventId;

    @Column(nullable = false, updatable = false)
    private String source;

    @Column(name = "stored_at", nullable = false, updatable = false)
    private Instant storedAt;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false)
    private String service;

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @Column(updatable = false)
    private String organisation;

    @Column(name = "organisation_code", updatable = false)
    private String organisationCode;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(nullable = false, updatable = false)
    private String outcome;

    @Column(updatable = false)
    private String purpose;

    @Column(name = "child_ids", nullable = false, updatable = false, columnDefinition = "text[]")
    private String[] childIds;

    @Column(name = "canonical_event", nullable = false, updatable = false)
    private String canonicalEvent;

    @Column(name = "previous_hash", nullable = false, updatable = false)
    private String previousHash;

    @Column(name = "record_hash", nullable = false, updatable = false)
    private String recordHash;

    protected AuditRecord() {
    }

    /**
     * Links an access to the chain after the record whose hash is {@code previousHash}.
     *
     * @param canonicalEvent the chained event in {@link CanonicalJson}: what the hash covers
     * @param access         the query columns, read from that same event
     */
    public static AuditRecord chain(long sequence, String previousHash, String source, Instant storedAt,
                                    IndexedAccess access, String canonicalEvent) {
        AuditRecord record = new AuditRecord();
        record.sequence = sequence;
        record.eventId = access.eventId();
        record.source = source;
        record.storedAt = storedAt;
        record.occurredAt = indexed(access.occurredAt());
        record.service = access.service();
        record.userId = access.userId();
        record.organisation = access.organisation();
        record.organisationCode = access.organisationCode();
        record.action = access.action();
        record.outcome = access.outcome();
        record.purpose = access.purpose();
        record.childIds = access.childIds().toArray(String[]::new);
        record.canonicalEvent = canonicalEvent;
        record.previousHash = previousHash;
        record.recordHash = HashChain.link(previousHash, sequence, source, storedAt, canonicalEvent);
        return record;
    }

    /** The database keeps microseconds; the chained event keeps whatever precision the producer sent. */
    public static Instant indexed(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public long sequence() {
        return sequence;
    }

    public String eventId() {
        return eventId;
    }

    public String source() {
        return source;
    }

    public Instant storedAt() {
        return storedAt;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String userId() {
        return userId;
    }

    public String service() {
        return service;
    }

    public String organisation() {
        return organisation;
    }

    public String outcome() {
        return outcome;
    }

    public String purpose() {
        return purpose;
    }

    public String organisationCode() {
        return organisationCode;
    }

    public String action() {
        return action;
    }

    public List<String> childIds() {
        return List.of(childIds);
    }

    public String canonicalEvent() {
        return canonicalEvent;
    }

    public String previousHash() {
        return previousHash;
    }

    public String recordHash() {
        return recordHash;
    }
}
