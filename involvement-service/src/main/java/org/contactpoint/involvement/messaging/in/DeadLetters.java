package org.contactpoint.involvement.messaging.in;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.involvement.application.SubmissionStatusService;
import org.contactpoint.involvement.domain.SubmissionRejection;
import org.contactpoint.support.messaging.BatchDeadLetters;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Dead-letters single records of a poll of the agency topics (each to its organisation's own {@code <topic>.dlq},
 * which its principal may read) or of identity.children.v1 (to identity.children.v1.dlq), through this service's
 * dead-letter channel, and keeps each refusal of an agency's submission, with its reason, for the agency to read over
 * REST ({@code GET /submissions/{submissionId}}, {@code GET /rejected-submissions}). A singleton, not a client proxy:
 * the shared base takes its emitter in its only constructor.
 */
@Singleton
public class DeadLetters extends BatchDeadLetters {

    private static final int MAX_SUBMISSION_ID = 200;

    private final SubmissionStatusService statuses;
    private final ObjectMapper json;
    private final Clock clock;

    public DeadLetters(@Channel("agency-dead-letters") MutinyEmitter<String> emitter,
                       SubmissionStatusService statuses, ObjectMapper json, Clock clock) {
        super(emitter);
        this.statuses = statuses;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void send(List<DeadLetter> deadLetters) {
        super.send(deadLetters);
        List<SubmissionRejection> rejections = new ArrayList<>();
        for (DeadLetter deadLetter : deadLetters) {
            rejection(deadLetter).ifPresent(rejections::add);
        }
        statuses.keepRejections(rejections);
    }

    /** A refusal its agency can be told about: one naming the agency ({@code ce_source}) on an organisation's topic. */
    private Optional<SubmissionRejection> rejection(DeadLetter deadLetter) {
        ConsumerRecord<String, String> record = deadLetter.record();
        Header source = record.headers().lastHeader(CloudEventHeaders.SOURCE);
        Optional<String> organisation = Topics.agencyOrganisation(record.topic());
        if (source == null || source.value() == null || organisation.isEmpty()) {
            return Optional.empty();
        }
        String agency = new String(source.value(), StandardCharsets.UTF_8);
        if (agency.isBlank() || agency.length() > MAX_SUBMISSION_ID) {
            return Optional.empty();
        }
        return Optional.of(new SubmissionRejection(UUID.randomUUID(), agency, organisation.get(),
                submissionId(record.value()), String.valueOf(deadLetter.reason().getMessage()), clock.instant(),
                record.topic() + "/" + record.partition() + "/" + record.offset()));
    }

    /** The payload's {@code submissionId}, when it can be read at all (a refused record may not be JSON). */
    private String submissionId(String value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode id = json.readTree(value).path("submissionId");
            return id.isTextual() && id.asText().length() <= MAX_SUBMISSION_ID ? id.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
