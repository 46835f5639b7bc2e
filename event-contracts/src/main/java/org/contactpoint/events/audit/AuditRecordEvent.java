package org.contactpoint.events.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One record of the tamper-evident audit trail, as audit-service stored it, on {@code audit.records.v1} (the audit
 * stream). Key: {@link #CHAIN_KEY}, so the whole chain stays in order on one partition and a reader outside the
 * system can check every link as it goes.
 * <p>
 * {@code recordHash = hex(SHA-256(UTF-8(previousHash + canonical)))}, where {@code canonical} is the canonical JSON
 * (object keys sorted, no insignificant whitespace, null members dropped) of
 * {@code {"event": <event>, "sequence": <sequence>, "source": <source>, "storedAt": <storedAt>}}.
 *
 * @param sequence     position in the chain, from 1, without gaps
 * @param source       the topic the event was consumed from, or {@code audit-service} for audit-service's own reads
 * @param storedAt     when audit-service stored it (millisecond precision)
 * @param previousHash the record hash of {@code sequence - 1}; 64 zeros for the first record
 * @param recordHash   this record's hash, as above
 * @param event        the access, exactly as chained
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecordEvent(
        long sequence,
        String source,
        Instant storedAt,
        String previousHash,
        String recordHash,
        AuditEvent event) {

    public static final String TYPE = "audit.record.stored.v1";
    /** The record key of every stream record (records and checkpoints): one chain, one partition, one order. */
    public static final String CHAIN_KEY = "audit-chain";
}
