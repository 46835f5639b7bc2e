package org.contactpoint.audit.application;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.domain.Investigation;
import org.contactpoint.audit.repository.InvestigationRepository;
import org.contactpoint.events.audit.AuditEvent.Outcome;
import org.contactpoint.support.domain.Conflict;
import org.contactpoint.support.domain.ExpectedVersion;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A local authority team's inbox of misuse investigations: read a page at a time and closed with an outcome, chained. */
@ApplicationScoped
public class Investigations {

    static final String READ = "READ_MISUSE_INVESTIGATIONS";
    static final String CLOSE = "CLOSE_MISUSE_INVESTIGATION";

    private final InvestigationRepository investigations;
    private final AccessRecorder recorder;
    private final Clock clock;

    public Investigations(InvestigationRepository investigations, AccessRecorder recorder, Clock clock) {
        this.investigations = investigations;
        this.recorder = recorder;
        this.clock = clock;
    }

    public record InvestigationPage(List<Investigation> investigations, boolean more) {
    }

    public InvestigationPage inbox(Caller caller, boolean includeClosed, int offset, int size) {
        String authority = authorityOf(caller);
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Investigation> found = investigations.page(authority, includeClosed, offset, size + 1);
            List<Investigation> page = found.size() > size ? found.subList(0, size) : found;
            recorder.record(caller, null, READ, Outcome.SUCCESS, Map.of("localAuthority", authority,
                    "includeClosed", String.valueOf(includeClosed), "offset", String.valueOf(offset)), List.of(),
                    page.size());
            return new InvestigationPage(List.copyOf(page), found.size() > size);
        });
    }

    /**
     * Closes an open investigation with its outcome, only while it is at a version the caller read (else
     * {@code StaleVersion}, nothing changed): compared with the investigation locked, in the closure's transaction.
     */
    public Investigation close(Caller caller, UUID investigationId, String outcome, String note,
                               ExpectedVersion expected) {
        String authority = authorityOf(caller);
        Investigation.Outcome decided;
        try {
            decided = Investigation.Outcome.valueOf(outcome == null ? "" : outcome);
        } catch (IllegalArgumentException e) {
            throw Rejected.field("outcome", "must be one of NO_MISUSE, MISUSE_CONFIRMED, REFERRED");
        }
        if (note == null || note.isBlank() || note.length() > 2000) {
            throw Rejected.field("note", "must say what was found, in at most 2000 characters");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Investigation current = investigations.lock(investigationId, authority)
                    .orElseThrow(() -> new NotFound("No such investigation in your local authority"));
            expected.require(current.version(), "The investigation");
            Investigation closed = investigations.close(investigationId, authority, decided, note.strip(),
                    caller.userId(), clock.instant())
                    .orElseThrow(() -> new Conflict("The investigation is closed already"));
            Map<String, String> query = new LinkedHashMap<>();
            query.put("investigationId", investigationId.toString());
            query.put("alertId", closed.alertId().toString());
            query.put("userId", closed.userId());
            query.put("outcome", decided.name());
            recorder.record(caller, null, CLOSE, Outcome.SUCCESS, query, List.of(), 1);
            return closed;
        });
    }

    private static String authorityOf(Caller caller) {
        if (caller.localAuthority() == null || caller.localAuthority().isBlank()) {
            throw new Forbidden("Your token names no local authority");
        }
        return caller.localAuthority();
    }
}
