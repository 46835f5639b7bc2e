package org.contactpoint.support.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.contactpoint.events.json.PlainText;

/**
 * Every service's JSON reader refuses text with a NUL or a lone surrogate as it reads it (request bodies, and each
 * item a resource converts from a tree on its own, as batches do), with a mapping failure that names the field;
 * {@link ProblemMappers} answers it with 400. The same rule as the event reader's, so REST and Kafka refuse the same
 * text the same way.
 */
@Singleton
public class PlainTextJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(PlainText.module());
    }
}
