package org.contactpoint.audit.rest;

import java.util.List;

/** A page of matching records, newest first. */
public record AuditRecordPage(List<AuditRecordView> records, int page, int size, long totalRecords, int totalPages) {
}
