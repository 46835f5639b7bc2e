package org.contactpoint.identity;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The spans the service records in tests, kept in memory: service-support's tracing exports to a {@link SpanExporter}
 * bean when one is declared. Only traced work records spans (a request, a record sent with a trace context).
 */
@Singleton
public class RecordedSpans {

    static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    @Produces
    @Singleton
    SpanExporter exporter() {
        return EXPORTER;
    }

    static List<SpanData> ofTrace(String traceId) {
        return EXPORTER.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }
}
