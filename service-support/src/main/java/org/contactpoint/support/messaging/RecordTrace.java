package org.contactpoint.support.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The W3C trace-context headers a consumed record carries, for {@code Tracing.process}. */
public final class RecordTrace {

    private static final String[] NAMES = {"traceparent", "tracestate"};

    private RecordTrace() {
    }

    /** {@code traceparent} and {@code tracestate} as sent; empty when the record carries none. */
    public static Map<String, String> of(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>();
        for (String name : NAMES) {
            Header header = record.headers().lastHeader(name);
            if (header != null && header.value() != null) {
                headers.put(name, new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
