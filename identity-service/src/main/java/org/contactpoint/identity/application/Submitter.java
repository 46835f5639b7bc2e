package org.contactpoint.identity.application;

import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.security.Caller;

import java.util.List;

/**
 * Who submitted a record for matching: a signed-in caller, or a feed on the source-record topic. Its id is kept with
 * the match decision ({@code decided_by}); its actor is the audit trail's.
 */
public sealed interface Submitter {

    String id();

    AuditEvent.Actor actor();

    static Submitter caller(Caller caller) {
        return new SignedIn(caller);
    }

    static Submitter feed(String feed) {
        return new Feed(feed);
    }

    /** The submitter of an import, as recorded with it: its batches are matched later, by the import worker. */
    static Submitter recorded(String id, AuditEvent.Actor actor) {
        return new Recorded(id, actor);
    }

    record Recorded(String id, AuditEvent.Actor actor) implements Submitter {
    }

    record SignedIn(Caller caller) implements Submitter {
        @Override
        public String id() {
            return caller.userId();
        }

        @Override
        public AuditEvent.Actor actor() {
            return caller.toActor();
        }
    }

    /** A feed system, named by the record's {@code ce_source} (or its {@code source} field). */
    record Feed(String name) implements Submitter {
        @Override
        public String id() {
            return "feed:" + name;
        }

        @Override
        public AuditEvent.Actor actor() {
            return new AuditEvent.Actor(id(), name, List.of(Roles.FEED_SYSTEM), null, null, null);
        }
    }
}
