package org.contactpoint.support.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where a service's spans go and how many of them are kept. */
@ConfigMapping(prefix = "contactpoint.tracing")
public interface TracingConfig {

    /** Where finished spans are sent. */
    enum Exporter {
        /** Nowhere: trace context is still accepted and passed on (outbox, Kafka headers), no span is recorded. */
        NONE,
        /** OTLP over HTTP (protobuf) to {@link #otlpEndpoint()}: a collector in Kubernetes. */
        OTLP,
        /** OTLP JSON, one line per exported batch, appended to {@link #file()}: locally, without a collector. */
        FILE
    }

    @WithDefault("none")
    Exporter exporter();

    /** The collector's traces endpoint, e.g. {@code http://otel-collector:4318/v1/traces}; for {@code otlp}. */
    Optional<URI> otlpEndpoint();

    /** The file the spans are appended to; for {@code file}. */
    Optional<Path> file();

    /**
     * The share of requests arriving without a trace that start one (0 to 1). A trace begun by a caller or another
     * service follows that caller's
     * decision (parent based), so a trace is kept whole or not at all.
     */
    @WithDefault("1.0")
    double samplerRatio();

    /** How long finished spans wait to be exported together (the batch span processor's delay). */
    @WithDefault("5s")
    Duration exportDelay();

    /** The most finished spans held for export; beyond it spans are dropped rather than slowing requests. */
    @WithDefault("2048")
    int maxQueueSize();
}
