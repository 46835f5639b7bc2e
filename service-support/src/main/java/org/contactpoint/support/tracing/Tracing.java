package org.contactpoint.support.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.arc.Unremovable;
import io.quarkus.logging.Log;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.contactpoint.support.messaging.MessagingConfig;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The service's OpenTelemetry, wired once for every service (quarkus-opentelemetry is not available at our Quarkus
 * version): W3C trace context, a parent-based ratio sampler and a batch span processor in front of the exporter the
 * configuration names ({@link TracingConfig}). A {@link SpanExporter} bean, if a test declares one, replaces it.
 * <p>
 * The {@link OpenTelemetry} it produces is also what the Kafka connector (SmallRye Reactive Messaging) finds in CDI:
 * it then records a consumer span for every record consumed, batch mode included, continuing the trace the record's
 * {@code traceparent} header names. So every consumer continues the trace without code of its own.
 * <p>
 * Trace context travels: from the caller's {@code traceparent} header into the request's server span
 * ({@link ServerSpans}), from the request into each outbox row it writes ({@link #serialise}), from the row into the
 * Kafka record's headers ({@link #inject}), and from there into the consumer's span.
 */
@Singleton
@Unremovable
public class Tracing {

    /** Where the request's context is kept: the Vert.x duplicated context follows the request onto worker threads. */
    static final String REQUEST_CONTEXT = "contactpoint.trace-context";
    /** The MDC key of the trace id in every log line written while serving a traced request. */
    public static final String TRACE_ID_MDC = "traceId";

    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final SdkTracerProvider provider;
    private final Tracer tracer;

    @Inject
    public Tracing(TracingConfig config, MessagingConfig messaging, Instance<SpanExporter> declared) {
        ContextPropagators propagators = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
        SpanExporter exporter = declared.isResolvable() ? declared.get() : exporter(config);
        if (exporter == null) {
            // Nothing is recorded, but a caller's trace context still flows through to what this service publishes.
            this.provider = null;
            this.openTelemetry = OpenTelemetry.propagating(propagators);
        } else {
            this.provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                            AttributeKey.stringKey("service.name"),
                            messaging.serviceName()))))
                    .setSampler(Sampler.parentBased(new RequestRootSampler(config.samplerRatio())))
                    .addSpanProcessor(BatchSpanProcessor.builder(exporter)
                            .setScheduleDelay(config.exportDelay())
                            .setMaxQueueSize(config.maxQueueSize())
                            .build())
                    .build();
            this.openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(provider)
                    .setPropagators(propagators).build();
            Log.infof("Tracing: %s exporter, sampling %.3f of new traces", declared.isResolvable()
                    ? exporter.getClass().getSimpleName() : config.exporter(), config.samplerRatio());
        }
        this.tracer = openTelemetry.getTracer("org.contactpoint");
    }

    private static SpanExporter exporter(TracingConfig config) {
        return switch (config.exporter()) {
            case NONE -> null;
            case OTLP -> OtlpHttpSpanExporter.builder()
                    .setEndpoint(config.otlpEndpoint().orElseThrow(() -> new IllegalStateException(
                            "contactpoint.tracing.otlp-endpoint is required with the otlp exporter")).toString())
                    .build();
            case FILE -> {
                Path file = config.file().orElseThrow(() -> new IllegalStateException(
                        "contactpoint.tracing.file is required with the file exporter"));
                try {
                    if (file.getParent() != null) {
                        Files.createDirectories(file.getParent());
                    }
                    yield OtlpStdoutSpanExporter.builder()
                            .setOutput(new FileOutputStream(file.toFile(), true))
                            .setWrapperJsonObject(true)
                            .build();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write spans to " + file, e);
                }
            }
        };
    }

    private Tracing(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.provider = null;
        this.tracer = openTelemetry.getTracer("org.contactpoint");
    }

    /** Tracing that records no span and passes trace context on: for code built outside CDI (unit tests). */
    public static Tracing none() {
        return new Tracing(OpenTelemetry.propagating(
                ContextPropagators.create(W3CTraceContextPropagator.getInstance())));
    }

    /** For the Kafka connector's own instrumentation (consumer spans) and anything else that asks CDI. */
    @Produces
    @Singleton
    @Unremovable
    OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    public Tracer tracer() {
        return tracer;
    }

    /**
     * The trace context of the work in hand: the current one on this thread, else the REST request's (kept in its
     * Vert.x context, so a blocking resource on a worker thread sees it too), else none.
     */
    public Context current() {
        Context current = Context.current();
        if (Span.fromContext(current).getSpanContext().isValid()) {
            return current;
        }
        if (Vertx.currentContext() != null) {
            try {
                return ContextLocals.<Context>get(REQUEST_CONTEXT).orElse(Context.root());
            } catch (UnsupportedOperationException notDuplicated) {
                // ContextLocals works only on a duplicated (per-request) Vert.x context; on the event loop's root
                // context (a Kafka poll, a timer) there is no request, so no trace to continue.
                return Context.root();
            }
        }
        return Context.root();
    }

    /** The W3C trace-context propagator, for carriers of other shapes (HTTP requests). */
    public io.opentelemetry.context.propagation.TextMapPropagator propagator() {
        return openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Writes the context's headers ({@code traceparent}, {@code tracestate}) through the setter. */
    public void inject(Context context, BiConsumer<String, String> setter) {
        openTelemetry.getPropagators().getTextMapPropagator().inject(context, setter,
                (consumer, key, value) -> consumer.accept(key, value));
    }

    /** Reads a context from headers given as a map; the root context when there is none or it is malformed. */
    public Context extract(Map<String, String> headers) {
        return openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), headers, MAP_GETTER);
    }

    /**
     * The context as stored in an outbox row's {@code tracingspancontext} column: its propagation headers as
     * {@code name=value} lines (Debezium's outbox router keeps the same column, in the same form); null when there
     * is no valid span to continue.
     */
    public String serialise(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        inject(context, (key, value) -> text.append(text.isEmpty() ? "" : "\n").append(key).append('=').append(value));
        return text.isEmpty() ? null : text.toString();
    }

    /**
     * For a batch of rows that each may carry a trace of their own (serialised as {@link #serialise} writes it): each
     * row's own, or, for one without, the work in hand's, read once for the whole batch.
     */
    public UnaryOperator<String> ownOrInHand() {
        return new UnaryOperator<>() {
            private boolean read;
            private String inHand;

            @Override
            public String apply(String own) {
                if (own != null) {
                    return own;
                }
                if (!read) {
                    inHand = serialise(current());
                    read = true;
                }
                return inHand;
            }
        };
    }

    /** The propagation headers held in an outbox row's column, empty for null or unreadable text. */
    public static Map<String, String> headers(String serialised) {
        Map<String, String> headers = new HashMap<>();
        if (serialised != null) {
            for (String line : serialised.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    headers.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                }
            }
        }
        return headers;
    }

    /** The trace id of a context, or null when it has no valid span. */
    public static String traceId(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    /**
     * A producer span for an event published to Kafka as part of the given context's trace, started now; the caller
     * ends it when the broker acknowledges, and sends its context as headers ({@link #inject}). Without a valid
     * parent it is the invalid span, which records nothing: background work starts no trace of its own.
     */
    public Span publishSpan(Context parent, String topic, String eventId, String eventType) {
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(topic + " publish").setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic)
                .setAttribute(MESSAGE_ID, eventId)
                .setAttribute(EVENT_TYPE, eventType)
                .startSpan();
    }

    /**
     * Runs the handling of one consumed record inside that record's trace: a {@code <topic> process} consumer span,
     * a child of the context in the record's headers ({@code traceparent}), is current while the work runs, so an
     * event the work writes to the outbox in turn continues the same trace (identity event, involvement event, its
     * consumers... one trace). A record that carries no trace starts none: the work simply runs.
     */
    public void process(String topic, Map<String, String> recordHeaders, Runnable work) {
        Context parent = extract(recordHeaders == null ? Map.of() : recordHeaders);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            work.run();
            return;
        }
        Span span = tracer.spanBuilder(topic + " process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic)
                .startSpan();
        try (Scope ignored = parent.with(span).makeCurrent()) {
            work.run();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Runs the handling of a whole poll, applied together (one transaction for many records), inside the traces of
     * its records: a {@code <topic> process} consumer span for each record that carries a trace context, a child of
     * that record's {@code traceparent}, open while the poll's work runs (an error marks them all). When the poll is
     * one traced record its span is current, so what the work writes to the outbox continues that trace, as
     * {@link #process} does; with several records none is current, as no one trace is the poll's. Records without a
     * trace start none.
     *
     * @param recordHeaders each record's trace-context headers, in the order consumed
     */
    public void processAll(String topic, List<Map<String, String>> recordHeaders, Runnable work) {
        processEach(topic, recordHeaders, traces -> work.run());
    }

    /**
     * As {@link #processAll}, and the work is told each record's own trace: for each record, in the order consumed,
     * the context of its {@code <topic> process} span as an outbox row keeps it ({@link #serialise}: its
     * {@code traceparent}), null for a record that carries no trace. So what the work writes for one record of a
     * poll (an outbox row per record, say) can continue that record's trace, whichever poll it came in.
     *
     * @param recordHeaders each record's trace-context headers, in the order consumed
     * @param work          given the records' serialised trace contexts, in the same order
     */
    public void processEach(String topic, List<Map<String, String>> recordHeaders,
                            Consumer<List<String>> work) {
        List<Span> spans = new ArrayList<>();
        List<String> traces = new ArrayList<>(recordHeaders.size());
        Context only = null;
        for (Map<String, String> headers : recordHeaders) {
            Context parent = extract(headers == null ? Map.of() : headers);
            if (Span.fromContext(parent).getSpanContext().isValid()) {
                Span span = tracer.spanBuilder(topic + " process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                        .setAttribute(MESSAGING_SYSTEM, "kafka")
                        .setAttribute(DESTINATION, topic)
                        .startSpan();
                spans.add(span);
                only = parent.with(span);
                traces.add(serialise(only));
            } else {
                traces.add(null);
            }
        }
        if (spans.isEmpty()) {
            work.accept(traces);
            return;
        }
        try (Scope ignored = recordHeaders.size() == 1 ? only.makeCurrent() : Context.root().makeCurrent()) {
            work.accept(Collections.unmodifiableList(traces));
        } catch (RuntimeException e) {
            spans.forEach(span -> span.setStatus(StatusCode.ERROR));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    /**
     * Runs the work with a stored trace context ({@link #serialise}'s form) current, so that what it writes to the
     * outbox continues that trace; with none (null or unreadable), the work runs in the context in hand.
     */
    public void within(String serialised, Runnable work) {
        Context context = serialised == null ? Context.root() : extract(headers(serialised));
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            work.run();
            return;
        }
        try (Scope ignored = context.makeCurrent()) {
            work.run();
        }
    }

    /** Exports what is buffered and stops: spans finished before shutdown are not lost. */
    @PreDestroy
    void close() {
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
