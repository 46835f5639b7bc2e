package org.contactpoint.identity.messaging.in;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.SourceRecord;
import org.contactpoint.identity.application.MatchingService;
import org.contactpoint.identity.application.RegisterChild;
import org.contactpoint.identity.application.Submitter;
import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.identity.domain.IdentifierScheme;
import org.contactpoint.identity.domain.Vulnerability;
import org.contactpoint.identity.domain.Whereabouts;
import org.contactpoint.support.domain.DomainException;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies one source record from the feed topic: recorded in the inbox, read and checked as the {@link SourceRecord}
 * contract, then matched like a REST record, submitted by the feed that sent it. A record the use case refuses can
 * never be applied as it stands: it is dead-lettered with the reason.
 */
@ApplicationScoped
public class SourceRecordHandler {

    /** The inbox name: unchanged, so that redeliveries from before an upgrade are still recognised. */
    static final String CONSUMER = "identity-source-records";
    /** The CloudEvents type every record on the topic carries. */
    public static final String TYPE = SourceRecord.TYPE;
    static final String ACTION = "SUBMIT_SOURCE_RECORD";

    private final Inbound inbound;
    private final MatchingService matching;

    public SourceRecordHandler(Inbound inbound, MatchingService matching) {
        this.inbound = inbound;
        this.matching = matching;
    }

    @Transactional
    public void handle(IncomingEvent event) {
        Optional<SourceRecord> delivered = inbound.receive(event, CONSUMER, TYPE, SourceRecord.class);
        if (delivered.isEmpty()) {
            return;
        }
        SourceRecord record = delivered.get();
        String feed = event.source() != null ? event.source() : record.source();
        try {
            matching.submit(command(record), Submitter.feed(feed), ACTION);
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
