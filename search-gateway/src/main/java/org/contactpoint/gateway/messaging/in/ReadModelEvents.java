package org.contactpoint.gateway.messaging.in;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.gateway.application.ReadModelProjection;
import org.contactpoint.gateway.config.ScopeMode;
import org.contactpoint.gateway.domain.Address;
import org.contactpoint.gateway.domain.ChildState;
import org.contactpoint.gateway.domain.ChildStatus;
import org.contactpoint.gateway.domain.FormerName;
import org.contactpoint.gateway.domain.Gender;
import org.contactpoint.gateway.domain.InvolvementState;
import org.contactpoint.gateway.domain.InvolvementStatus;
import org.contactpoint.gateway.domain.ParentCarer;
import org.contactpoint.gateway.domain.SourceIdentifier;
import org.contactpoint.gateway.domain.Vulnerability;
import org.contactpoint.gateway.domain.Whereabouts;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Identity and involvement events as the read model takes them: checked (what the contract records cannot check
 * themselves: a tombstone's key, an involvement's fields and key), turned from the contract records into the domain's
 * states, and applied through {@link ReadModelProjection}. The live consumers come here after the inbox step; a
 * rebuild's replay comes here with the same checks, without it.
 */
@ApplicationScoped
public class ReadModelEvents {

    static final Set<String> CHILD_TYPES = Set.of(ChildEventTypes.REGISTERED, ChildEventTypes.UPDATED,
            ChildEventTypes.SHIELDED, ChildEventTypes.UNSHIELDED, ChildEventTypes.MERGED, ChildEventTypes.UNMERGED,
            ChildEventTypes.MOVED_LOCAL_AUTHORITY, ChildEventTypes.DIED, ChildEventTypes.ARCHIVED,
            ChildEventTypes.CLOSED);
    static final Set<String> INVOLVEMENT_TYPES = Set.of(InvolvementEventTypes.STARTED, InvolvementEventTypes.UPDATED,
            InvolvementEventTypes.CEASED, InvolvementEventTypes.REMOVED, InvolvementEventTypes.REHOMED);

    private static final int MAX_INVOLVEMENT_ID_LENGTH = 64;

    private final ReadModelProjection projection;

    public ReadModelEvents(ReadModelProjection projection) {
        this.projection = projection;
    }

    /**
     * An identity event as the projection takes it, checked as the live consumer checks it: a tombstone (a purge) must
     * be keyed by a ContactPoint ID, anything else must be a known type and a valid ChildEvent keyed by its child.
     *
     * @throws InvalidEventException when the event can never be applied, with the reason in words
     */
    public ReadModelProjection.ChildChange readChild(IncomingEvent event) {
        if (event.isTombstone()) {
            if (event.type() != null && !ChildEventTypes.PURGED.equals(event.type())) {
                Log.warnf("Tombstone %s carries type %s; purging all the same", event.id(), event.type());
            }
            if (event.key() == null || !ContactPointIds.isValid(event.key())) {
                throw new InvalidEventException("a tombstone's key must be the child's ContactPoint ID");
            }
            return ReadModelProjection.ChildChange.purge(event.key());
        }
        checkType(event, CHILD_TYPES);
        ChildEvent child = named(ChildEvent.class, () -> Inbound.parse(event, ChildEvent.class));
        return ReadModelProjection.ChildChange.of(childState(child), child.occurredAt(),
                ChildEventTypes.MOVED_LOCAL_AUTHORITY.equals(event.type())
                        ? child.previousResponsibleLocalAuthority() : null);
    }

    /**
     * An involvement event as the projection takes it, checked as the live consumer checks it.
     *
     * @throws InvalidEventException when the event can never be applied, with the reason in words
     */
    public InvolvementState readInvolvement(IncomingEvent event) {
        if (event.isTombstone()) {
            // A removal (consent withdrawn, child purged, period over): the key is all that names the involvement.
            if (event.type() != null && !InvolvementEventTypes.REMOVED.equals(event.type())) {
                Log.warnf("Tombstone %s carries type %s; removing all the same", event.id(), event.type());
            }
            if (!isInvolvementId(event.key())) {
                throw new InvalidEventException("a tombstone's key must be the involvement id (a UUID)");
            }
            return InvolvementState.removed(event.key());
        }
        checkType(event, INVOLVEMENT_TYPES);
        InvolvementEvent involvement = named(InvolvementEvent.class,
                () -> Inbound.parse(event, InvolvementEvent.class));
        check(event, involvement);
        return involvementState(involvement);
    }

    // An invalid event leaves the transaction usable: a rebuild skips it and carries on.

    /** An identity event read without the inbox step (a replay): the live consumer's checks, then the same apply. */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = InvalidEventException.class)
    public void applyChild(IncomingEvent event, ScopeMode scope) {
        projection.applyChildren(List.of(readChild(event)), scope);
    }

    /** An involvement event read without the inbox step (a replay): the live consumer's checks, then the same apply. */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = InvalidEventException.class)
    public void applyInvolvement(IncomingEvent event, ScopeMode scope) {
        projection.applyInvolvements(List.of(readInvolvement(event)));
    }

    /**
     * Runs a parsing step so that its dead-letter reason names the contract (an operator reading the dead-letter topic
     * sees which record could not be read, also when the JSON itself was broken).
     */
    static <T> T named(Class<?> contract, Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidEventException e) {
            if (String.valueOf(e.getMessage()).contains(contract.getSimpleName())) {
                throw e;
            }
            throw new InvalidEventException(contract.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static void checkType(IncomingEvent event, Set<String> types) {
        if (!types.contains(event.type())) {
            throw new InvalidEventException("unknown ce_type " + event.type() + "; expected one of "
                    + types.stream().sorted().toList());
        }
    }

    /** InvolvementEvent states no rules of its own; these are the ones the read model relies on. */
    private static void check(IncomingEvent event, InvolvementEvent involvement) {
        if (involvement.involvementId() == null || involvement.involvementId().isBlank()
                || involvement.contactPointId() == null || involvement.status() == null || involvement.version() < 1) {
            throw new InvalidEventException("involvementId, contactPointId, version and status are required");
        }
        if (involvement.involvementId().length() > MAX_INVOLVEMENT_ID_LENGTH) {
            throw new InvalidEventException("involvementId is longer than 64 characters");
        }
        // What the read model's columns hold: a longer value could never be stored, so it is refused here, in words,
        // rather than fail a whole poll (or a rebuild) in the database.
        fits("serviceType", involvement.serviceType(), 60);
        if (involvement.organisation() != null) {
            fits("organisation.name", involvement.organisation().name(), 200);
            fits("organisation.code", involvement.organisation().code(), 40);
        }
        if (involvement.practitioner() != null) {
            fits("practitioner.name", involvement.practitioner().name(), 200);
            fits("practitioner.role", involvement.practitioner().role(), 200);
        }
        if (involvement.contact() != null) {
            fits("contact.phone", involvement.contact().phone(), 60);
            fits("contact.email", involvement.contact().email(), 200);
        }
        if (!ContactPointIds.isValid(involvement.contactPointId())) {
            throw new InvalidEventException("contactPointId has a wrong check digit");
        }
        if (!involvement.involvementId().equals(event.key())) {
            // The key decides the partition, and so the order of one involvement's events, and what compaction keeps.
            throw new InvalidEventException("involvementId " + involvement.involvementId()
                    + " does not match the key " + event.key());
        }
    }

    /** Involvement ids are UUIDs in their canonical form; a tombstone keyed by anything else removes nothing. */
    static boolean isInvolvementId(String key) {
        try {
            return key != null && UUID.fromString(key).toString().equalsIgnoreCase(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void fits(String field, String value, int characters) {
        if (value != null && value.length() > characters) {
            throw new InvalidEventException(field + " is longer than " + characters + " characters");
        }
    }

    static ChildState childState(ChildEvent e) {
        return new ChildState(e.contactPointId(), e.version(), status(e.status()), e.mergedInto(),
                e.name() == null ? null : e.name().givenNames(), e.name() == null ? null : e.name().familyName(),
                e.preferredName(), map(e.formerNames(), ReadModelEvents::formerName), e.dateOfBirth(),
                gender(e.gender()), e.dateOfDeath(), whereabouts(e.whereabouts()),
                map(e.parentsCarers(), ReadModelEvents::parentCarer),
                map(e.identifiers(), id -> new SourceIdentifier(id.scheme(), id.value(), id.source())),
                e.responsibleLocalAuthority(), e.shield() != null,
                map(e.vulnerabilities(), ReadModelEvents::vulnerability));
    }

    static InvolvementState involvementState(InvolvementEvent e) {
        return new InvolvementState(e.involvementId(), e.contactPointId(), e.version(), status(e.status()),
                e.serviceType(), e.sensitive(),
                e.organisation() == null ? null : e.organisation().name(),
                e.organisation() == null ? null : e.organisation().code(),
                e.practitioner() == null ? null : e.practitioner().name(),
                e.practitioner() == null ? null : e.practitioner().role(),
                e.contact() == null ? null : e.contact().phone(),
                e.contact() == null ? null : e.contact().email(),
                e.startDate(), e.endDate(), e.leadProfessional(), e.cafHeld());
    }

    private static ChildStatus status(ChildEvent.ChildStatus status) {
        return switch (status) {
            case ACTIVE -> ChildStatus.ACTIVE;
            case DECEASED -> ChildStatus.DECEASED;
            case ARCHIVED -> ChildStatus.ARCHIVED;
            case MERGED -> ChildStatus.MERGED;
            case CLOSED -> ChildStatus.CLOSED;
        };
    }

    private static InvolvementStatus status(InvolvementEvent.Status status) {
        return switch (status) {
            case ACTIVE -> InvolvementStatus.ACTIVE;
            case CEASED -> InvolvementStatus.CEASED;
            case REMOVED -> InvolvementStatus.REMOVED;
        };
    }

    private static Gender gender(ChildEvent.Gender gender) {
        return gender == null ? null : switch (gender) {
            case FEMALE -> Gender.FEMALE;
            case MALE -> Gender.MALE;
            case INDETERMINATE -> Gender.INDETERMINATE;
            case NOT_SPECIFIED -> Gender.NOT_SPECIFIED;
        };
    }

    private static Vulnerability vulnerability(ChildEvent.Vulnerability vulnerability) {
        return vulnerability == null ? null : switch (vulnerability) {
            case CHILD_PROTECTION_PLAN -> Vulnerability.CHILD_PROTECTION_PLAN;
            case LOOKED_AFTER -> Vulnerability.LOOKED_AFTER;
            case CHILDRENS_SOCIAL_CARE_FLAG -> Vulnerability.CHILDRENS_SOCIAL_CARE_FLAG;
        };
    }

    private static FormerName formerName(ChildEvent.FormerName name) {
        FormerName.Kind kind = name.kind() == null ? null : switch (name.kind()) {
            case FORMER -> FormerName.Kind.FORMER;
            case ALIAS -> FormerName.Kind.ALIAS;
        };
        return new FormerName(name.givenNames(), name.familyName(), kind);
    }

    private static Whereabouts whereabouts(ChildEvent.Whereabouts whereabouts) {
        if (whereabouts == null) {
            return null;
        }
        Whereabouts.Kind kind = whereabouts.kind() == null ? null : switch (whereabouts.kind()) {
            case CURRENT_ADDRESS -> Whereabouts.Kind.CURRENT_ADDRESS;
            case LAST_KNOWN_ADDRESS -> Whereabouts.Kind.LAST_KNOWN_ADDRESS;
            case NO_KNOWN_ADDRESS -> Whereabouts.Kind.NO_KNOWN_ADDRESS;
            case LEFT_ENGLAND -> Whereabouts.Kind.LEFT_ENGLAND;
        };
        Whereabouts.IntentionToReturn intends = whereabouts.intendsToReturn() == null ? null
                : switch (whereabouts.intendsToReturn()) {
            case YES -> Whereabouts.IntentionToReturn.YES;
            case NO -> Whereabouts.IntentionToReturn.NO;
            case UNKNOWN -> Whereabouts.IntentionToReturn.UNKNOWN;
        };
        return new Whereabouts(kind, address(whereabouts.address()), intends);
    }

    private static ParentCarer parentCarer(ChildEvent.ParentCarer p) {
        return new ParentCarer(p.name(), p.relationship(), p.parentalResponsibility(), p.phone(), p.email(),
                address(p.address()));
    }

    private static Address address(ChildEvent.Address address) {
        return address == null ? null : new Address(address.lines(), address.town(), address.postcode());
    }

    /** A list element by element; a missing list stays missing, and so does a missing element. */
    private static <A, B> List<B> map(List<A> items, Function<A, B> each) {
        return items == null ? null : items.stream().map(item -> item == null ? null : each.apply(item)).toList();
    }
}
