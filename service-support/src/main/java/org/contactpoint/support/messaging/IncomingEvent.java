package org.contactpoint.support.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.json.PlainText;

import java.nio.charset.StandardCharsets;

/**
 * A consumed record with its CloudEvents headers read out: what a transactional handler needs, free of Kafka types.
 *
 * @param id      {@code ce_id}: the idempotency key recorded in the inbox
 * @param type    {@code ce_type}
 * @param key     the record key
 * @param payload the JSON value; null for a tombstone
 */
public record IncomingEvent(String id, String type, String source, String key, String payload, String topic,
                            int partition, long offset) {

    /**
     * Reads a record. A record without {@code ce_id} gets a stable id from its position, so redelivery of the same
     * record is still recognised.
     *
     * @throws InvalidEventException if the record carries no {@code ce_type}, or its key or a CloudEvents header holds
     *                               text no database can store (a NUL, a lone surrogate): the inbox records them
     */
    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        String type = header(record, CloudEventHeaders.TYPE);
        if (type == null || type.isBlank()) {
            throw new InvalidEventException("missing header " + CloudEventHeaders.TYPE);
        }
        storable("header " + CloudEventHeaders.TYPE, type);
        storable("header " + CloudEventHeaders.ID, header(record, CloudEventHeaders.ID));
        storable("header " + CloudEventHeaders.SOURCE, header(record, CloudEventHeaders.SOURCE));
        storable("the record key", record.key());
        String id = header(record, CloudEventHeaders.ID);
        if (id == null || id.isBlank()) {
            id = record.topic() + "/" + record.partition() + "/" + record.offset();
        }
        return new IncomingEvent(id, type, header(record, CloudEventHeaders.SOURCE), record.key(), record.value(),
                record.topic(), record.partition(), record.offset());
    }

    public boolean isTombstone() {
        return payload == null;
    }

    private static void storable(String what, String text) {
        String problem = PlainText.problem(text);
        if (problem != null) {
            throw new InvalidEventException(what + " " + problem);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
