package org.contactpoint.identity.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildSourceIdentifier;
import org.contactpoint.identity.domain.ContactPointId;
import org.contactpoint.identity.repository.ChildRepository;
import org.contactpoint.identity.repository.SourceIdentifierRepository;
import org.contactpoint.identity.rest.RegisterChildRequest;
import org.contactpoint.identity.rest.RegistrationResponse;
import org.contactpoint.support.audit.AuditTrail;
import org.contactpoint.support.messaging.OutboxWriter;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Registers children: the only writer of children and their events. */
@ApplicationScoped
public class ChildRegistrationService {

    private static final String SCHEME_SOURCE_ID = "SOURCE_ID";

    private final ChildRepository children;
    private final SourceIdentifierRepository identifiers;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public ChildRegistrationService(ChildRepository children, SourceIdentifierRepository identifiers,
                                    OutboxWriter outbox, AuditTrail audit, Clock clock) {
        this.children = children;
        this.identifiers = identifiers;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Registers a child, or links the record to the child already registered under the same source id.
     * The child, its event and the audit record commit together.
     */
    @Transactional
    public RegistrationResponse register(RegisterChildRequest request, Caller caller) {
        LocalDate today = LocalDate.now(clock);
        if (!request.dateOfBirth().plusYears(18).isAfter(today)) {
            throw ProblemException.invalidField("dateOfBirth", "the child must be under 18 when registered");
        }
        Optional<ChildSourceIdentifier> known = request.source() == null || request.sourceId() == null
                ? Optional.empty()
                : identifiers.find(request.source(), SCHEME_SOURCE_ID, request.sourceId());
        if (known.isPresent()) {
            Child child = children.findById(known.get().childId());
            recordAudit(caller, "REGISTER_CHILD", request, child.contactPointId());
            return new RegistrationResponse(child.contactPointId(), "LINKED", child.version());
        }

        Instant now = clock.instant();
        Child child = Child.register(uniqueId(), new ChildEvent.PersonName(request.givenNames(), request.familyName()),
                request.dateOfBirth(), request.gender(), whereabouts(request), parentsCarers(request),
                request.responsibleLocalAuthority(), now);
        children.persist(child);
        if (request.source() != null && request.sourceId() != null) {
            identifiers.persist(new ChildSourceIdentifier(child.id(), SCHEME_SOURCE_ID, request.sourceId(),
                    request.source()));
        }
        List<ChildEvent.SourceIdentifier> ids = identifiers.forChild(child.id()).stream()
                .map(ChildSourceIdentifier::toEvent).toList();
        outbox.append(Topics.IDENTITY_CHILDREN, child.contactPointId(), ChildEventTypes.REGISTERED,
                child.toEvent(ids));
        recordAudit(caller, "REGISTER_CHILD", request, child.contactPointId());
        return new RegistrationResponse(child.contactPointId(), "CREATED", child.version());
    }

    private String uniqueId() {
        String id = ContactPointId.issue();
        while (children.existsByContactPointId(id)) {
            id = ContactPointId.issue();
        }
        return id;
    }

    private static ChildEvent.Whereabouts whereabouts(RegisterChildRequest request) {
        if (request.address() == null) {
            return new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.NO_KNOWN_ADDRESS, null, null);
        }
        var address = request.address();
        return new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.CURRENT_ADDRESS,
                new ChildEvent.Address(address.lines() == null ? List.of() : address.lines(), address.town(),
                        normalisePostcode(address.postcode())), null);
    }

    private static List<ChildEvent.ParentCarer> parentsCarers(RegisterChildRequest request) {
        if (request.parentsCarers() == null) {
            return List.of();
        }
        return request.parentsCarers().stream()
                .map(p -> new ChildEvent.ParentCarer(p.name(), p.relationship(), p.parentalResponsibility(),
                        p.phone(), p.email(), null))
                .toList();
    }

    /** "ec1r4sr" and "EC1R 4SR" are the same postcode: upper case, one space before the inward code. */
    static String normalisePostcode(String postcode) {
        String compact = postcode.replace(" ", "").toUpperCase();
        return compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
    }

    private void recordAudit(Caller caller, String action, RegisterChildRequest request, String contactPointId) {
        Map<String, String> query = new LinkedHashMap<>();
        if (request.source() != null) {
            query.put("source", request.source());
        }
        if (request.sourceId() != null) {
            query.put("sourceId", request.sourceId());
        }
        audit.record(new AuditEvent(UUID.randomUUID().toString(), clock.instant(), "identity-service",
                caller.toActor(), action, "SUCCESS", null, query, List.of(contactPointId), 1, null, false,
                List.of()));
    }
}
