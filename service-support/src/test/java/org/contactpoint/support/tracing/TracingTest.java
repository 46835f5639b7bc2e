package org.contactpoint.support.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

    private final Tracing tracing = Tracing.none();

    @Test
    void anOutboxRowKeepsTheContextAsPropagationHeadersAndGivesItBack() {
        Context context = tracing.extract(Map.of("traceparent", TRACEPARENT));

        String stored = tracing.serialise(context);

        assertThat(stored).isEqualTo("traceparent=" + TRACEPARENT);
        assertThat(Tracing.traceId(tracing.extract(Tracing.headers(stored)))).isEqualTo(TRACE);
    }

    @Test
    void workOutsideAnyTraceStoresNothingAndUnreadableTextGivesNoContext() {
        assertThat(tracing.serialise(Context.root())).isNull();
        assertThat(Tracing.headers(null)).isEmpty();
        assertThat(Tracing.traceId(tracing.extract(Tracing.headers("traceparent=not-a-trace\nnonsense")))).isNull();
    }

    @Test
    void aPublishSpanWithoutAParentIsTheInvalidSpan() {
        assertThat(tracing.publishSpan(Context.root(), "topic", "id", "type").getSpanContext().isValid()).isFalse();
    }

    @Test
    void onlyRequestsStartTraces() {
        RequestRootSampler everyRequest = new RequestRootSampler(1.0);
        assertThat(decision(everyRequest, SpanKind.SERVER)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decision(everyRequest, SpanKind.CONSUMER)).isEqualTo(SamplingDecision.DROP);
        assertThat(decision(everyRequest, SpanKind.INTERNAL)).isEqualTo(SamplingDecision.DROP);
        assertThat(decision(new RequestRootSampler(0.0), SpanKind.SERVER)).isEqualTo(SamplingDecision.DROP);
    }

    private static SamplingDecision decision(RequestRootSampler sampler, SpanKind kind) {
        return sampler.shouldSample(Context.root(), TRACE, "name", kind, Attributes.empty(), List.of()).getDecision();
    }
}
