package org.contactpoint.audit.application;

import org.contactpoint.events.audit.AuditEvent;

import java.time.Instant;

/** One record of the trail: the chained access with its place in the chain. */
public record ChainedRecord(long sequence, String source, Instant storedAt, String previousHash, String recordHash,
                            AuditEvent event) {
}
