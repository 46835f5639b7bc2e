package org.contactpoint.identity.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.identity.SourceRecord;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.identity.service.MatchingService;
import org.contactpoint.identity.service.SourceRecordReader;
import org.contactpoint.support.messaging.InboxGuard;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;

import java.util.Set;

/** Applies one source record from the feed topic: recorded in the inbox first, then matched like a REST record. */
@ApplicationScoped
public class SourceRecordHandler {

    static final String CONSUMER = "identity-source-records";
    /** The CloudEvents type every record on the topic carries. */
    public static final String TYPE = SourceRecord.TYPE;

    private final InboxGuard inbox;
    private final SourceRecordReader reader;
    private final MatchingService matching;

    public SourceRecordHandler(InboxGuard inbox, SourceRecordReader reader, MatchingService matching) {
        this.inbox = inbox;
        this.reader = reader;
        this.matching = matching;
    }

    @Transactional
    public void handle(IncomingEvent event) {
        if (!TYPE.equals(event.type())) {
            throw new InvalidEventException("unknown ce_type " + event.type() + "; expected " + TYPE);
        }
        if (event.isTombstone()) {
            throw new InvalidEventException("a source record must have a value");
        }
        if (!inbox.firstDelivery(CONSUMER, event.id())) {
            return;
        }
        SourceRecordReader.Read read = reader.read(event.payload());
        if (!read.valid()) {
            throw new InvalidEventException(read.reason());
        }
        String feed = event.source() != null ? event.source() : read.record().source();
        Caller caller = new Caller("feed:" + feed, feed, Set.of(Roles.FEED_SYSTEM), null, null, null);
        try {
            matching.submit(read.record(), caller, "SUBMIT_SOURCE_RECORD");
        } catch (ProblemException e) {
            throw new InvalidEventException(e.getMessage(), e);
        }
    }
}
