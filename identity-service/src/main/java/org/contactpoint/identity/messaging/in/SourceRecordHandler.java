package org.contactpoint.identity.messaging.in;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.header.Header;
import org.contactpoint.identity.application.quality.FeedRejections;
import org.contactpoint.identity.domain.quality.FeedRejection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.SourceRecord;
import io.quarkus.logging.Log;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.identity.application.MatchingService;
import org.contactpoint.identity.application.RegisterChild;
import org.contactpoint.identity.application.SourceRecordFeed;
import org.contactpoint.identity.application.Submitter;
import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.identity.domain.IdentifierScheme;
import org.contactpoint.identity.domain.Vulnerability;
import org.contactpoint.identity.domain.Whereabouts;
import org.contactpoint.support.domain.DomainException;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.RecordTrace;
import org.contactpoint.support.tracing.Tracing;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies source records from the feed topic, a poll at a time: each read and checked as the {@link SourceRecord}
 * contract before any transaction (a record that is not is dead-lettered with the reason), then the poll matched in
 * one transaction through {@link SourceRecordFeed} (on batch matching, as the REST batch and imports are), submitted by
 * the feed that sent each record. A record the matching refuses can never be applied as it stands: it is dead-lettered
 * with the reason while the rest of the poll applies. While the database is unavailable the poll is retried, holding
 * the partitions; if it keeps failing for another reason it is applied record by record, so only the record that
 * cannot be stored is dead-lettered.
 */
@ApplicationScoped
public class SourceRecordHandler {

    /** The inbox name: unchanged, so that redeliveries from before an upgrade are still recognised. */
    static final String CONSUMER = "identity-source-records";
    /** The CloudEvents type every record on the topic carries. */
    public static final String TYPE = SourceRecord.TYPE;
    static final String ACTION = "SUBMIT_SOURCE_RECORD";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Inbound inbound;
    private final MatchingService matching;
    private final SourceRecordFeed feed;
    private final DeadLetters deadLetters;
    private final FeedRejections rejections;
    private final Tracing tracing;

    public SourceRecordHandler(Inbound inbound, MatchingService matching, SourceRecordFeed feed,
                               DeadLetters deadLetters, FeedRejections rejections, Tracing tracing) {
        this.inbound = inbound;
        this.matching = matching;
        this.feed = feed;
        this.deadLetters = deadLetters;
        this.rejections = rejections;
        this.tracing = tracing;
    }

    /** A poll: the valid records matched together, each invalid or refused one dead-lettered with its reason. */
    public void handle(Iterable<ConsumerRecord<String, String>> records) {
        List<IncomingEvent> read = new ArrayList<>();
        List<SourceRecordFeed.Delivery> deliveries = new ArrayList<>();
        List<ConsumerRecord<String, String>> origins = new ArrayList<>();
        List<DeadLetters.DeadLetter> invalid = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                IncomingEvent event = IncomingEvent.from(record);
                deliveries.add(delivery(event));
                read.add(event);
                origins.add(record);
            } catch (InvalidEventException e) {
                invalid.add(new DeadLetters.DeadLetter(record, new InvalidEventException(e.getMessage())));
            }
        }
        if (!deliveries.isEmpty()) {
            try {
                List<DomainException> refusals = new ArrayList<>();
                // In each record's trace (a consumer span per traced record: the agency's or the feed's send), as
                // the poll is matched together.
                tracing.processAll(read.get(0).topic(), origins.stream().map(RecordTrace::of).toList(),
                        () -> ConsumerRetry.untilApplied(read.get(0), () -> {
                            refusals.clear();
                            refusals.addAll(feed.receiveAll(CONSUMER, ACTION, deliveries));
                        }));
                for (int i = 0; i < refusals.size(); i++) {
                    if (refusals.get(i) != null) {
                        invalid.add(new DeadLetters.DeadLetter(origins.get(i),
                                new InvalidEventException(refusals.get(i).getMessage())));
                    }
                }
            } catch (RuntimeException e) {
                Log.warnf("A poll of %d source records keeps failing (%s); matching it record by record",
                        deliveries.size(), e.getMessage());
                for (int i = 0; i < read.size(); i++) {
                    IncomingEvent event = read.get(i);
                    var trace = RecordTrace.of(origins.get(i));
                    try {
                        ConsumerRetry.untilApplied(event, () -> tracing.process(event.topic(), trace,
                                () -> apply(event)));
                    } catch (InvalidEventException refused) {
                        invalid.add(new DeadLetters.DeadLetter(origins.get(i), refused));
                    }
                }
            }
        }
        rejections.record(invalid.stream().map(this::rejection).toList());
        deadLetters.send(invalid);
    }

    /** A dead-lettered record as data quality counts it: the feed from its ce_source or its body, when readable. */
    private FeedRejection rejection(DeadLetters.DeadLetter dead) {
        ConsumerRecord<String, String> record = dead.record();
        Header source = record.headers().lastHeader(CloudEventHeaders.SOURCE);
        JsonNode body = null;
        try {
            body = record.value() == null ? null : JSON.readTree(record.value());
        } catch (JsonProcessingException | RuntimeException unreadable) {
            // Counted all the same, under the feed its header names, or as unknown.
        }
        return rejections.of(FeedRejection.Channel.KAFKA, body,
                source == null ? null : new String(source.value(), StandardCharsets.UTF_8),
                dead.reason().getMessage(), record.topic() + "/" + record.partition() + "/" + record.offset());
    }

    /** The record as a delivery, checked as the inbound template checks a record, before any transaction. */
    private static SourceRecordFeed.Delivery delivery(IncomingEvent event) {
        if (event.isTombstone()) {
            throw new InvalidEventException("a " + SourceRecord.class.getSimpleName() + " must have a value");
        }
        if (!TYPE.equals(event.type())) {
            throw new InvalidEventException("unknown ce_type " + event.type() + "; expected one of [" + TYPE + "]");
        }
        SourceRecord record = Inbound.parse(event, SourceRecord.class);
        return new SourceRecordFeed.Delivery(event.id(), feed(event, record), command(record));
    }

    private static String feed(IncomingEvent event, SourceRecord record) {
        return event.source() != null ? event.source() : record.source();
    }

    /** One record on its own, in its own transaction: for a poll that could not be matched as a whole. */
    @Transactional
    public void apply(IncomingEvent event) {
        Optional<SourceRecord> delivered = inbound.receive(event, CONSUMER, TYPE, SourceRecord.class);
        if (delivered.isEmpty()) {
            return;
        }
        SourceRecord record = delivered.get();
        try {
            matching.submit(command(record), Submitter.feed(feed(event, record)), ACTION);
        } catch (DomainException e) {
            throw new InvalidEventException(e.getMessage(), e);
        }
    }

    /** The contract record as the registration command: the same fields in the application's own types. */
    static RegisterChild command(SourceRecord record) {
        return new RegisterChild(record.givenNames(), record.familyName(), record.dateOfBirth(),
                as(record.gender(), Gender.class), address(record.address()), record.responsibleLocalAuthority(),
                map(record.parentsCarers(), p -> new RegisterChild.ParentCarer(p.name(), p.relationship(),
                        p.parentalResponsibility(), p.phone(), p.email(), address(p.address()))),
                record.source(), record.sourceId(), record.preferredName(),
                map(record.formerNames(), n -> new FormerName(n.givenNames(), n.familyName(),
                        as(n.kind(), FormerName.Kind.class))),
                as(record.whereabouts(), Whereabouts.Kind.class),
                as(record.intendsToReturn(), Whereabouts.IntentionToReturn.class),
                map(record.identifiers(), i -> new RegisterChild.Identifier(as(i.scheme(), IdentifierScheme.class),
                        i.value(), i.source())),
                // A set, as a REST body reads it: a flag named twice is one flag.
                record.vulnerabilities() == null ? null : new LinkedHashSet<>(record.vulnerabilities().stream()
                        .map(v -> as(v, Vulnerability.class)).toList()));
    }

    private static RegisterChild.Address address(ChildEvent.Address address) {
        return address == null ? null : new RegisterChild.Address(address.lines(), address.town(), address.postcode());
    }

    private static <A, B> List<B> map(List<A> values, Function<A, B> mapping) {
        return values == null ? null : values.stream().map(v -> v == null ? null : mapping.apply(v)).toList();
    }

    /** The same constant in the application's enum. */
    private static <E extends Enum<E>> E as(Enum<?> value, Class<E> type) {
        return value == null ? null : Enum.valueOf(type, value.name());
    }
}
