package org.contactpoint.audit.application;

import java.util.List;

/** A page of the records matching an {@link org.contactpoint.audit.domain.AuditQuery}, newest first. */
public record RecordPage(List<ChainedRecord> records, int page, int size, long totalRecords, int totalPages) {
}
