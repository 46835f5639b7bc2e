package org.contactpoint.events;

/**
 * CloudEvents binary-mode Kafka headers carried by every ContactPoint event. {@link #ID} is the idempotency key
 * consumers record in their inbox; {@link #TYPE} names the fact ({@code <owner>.<aggregate>.<fact>.v<major>}).
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";

    /** Header the Kafka connector's dead-letter strategy writes with the reason a record was rejected. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";

    private CloudEventHeaders() {
    }
}
