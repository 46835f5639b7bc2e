package org.contactpoint.audit.rest;

import org.contactpoint.events.audit.AuditEvent;

import java.time.Instant;

/** One record of the trail as the query API shows it: the chained access with its place in the chain. */
public record AuditRecordView(long sequence, String source, Instant storedAt, String previousHash, String recordHash,
                              AuditEvent event) {
}
