package org.contactpoint.support.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

import java.util.List;

/**
 * Decides for spans that start a trace: a request's server span is kept at the configured ratio; anything else
 * without a parent (a Kafka record sent with no trace context, a scheduled job) is dropped. A bulk load of millions of
 * records then costs no spans and no export, while every record sent from a traced request continues its trace
 * (spans with a parent follow the parent's decision; see {@link Sampler#parentBased}).
 */
final class RequestRootSampler implements Sampler {

    private final Sampler requests;

    RequestRootSampler(double ratio) {
        this.requests = Sampler.traceIdRatioBased(ratio);
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        if (spanKind != SpanKind.SERVER) {
            return SamplingResult.drop();
        }
        return requests.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "RequestRootSampler{" + requests.getDescription() + "}";
    }
}
