package org.contactpoint.identity.application;

import org.contactpoint.events.NhsNumbers;
import org.contactpoint.identity.domain.Address;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildSourceIdentifier;
import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.IdentifierScheme;
import org.contactpoint.identity.domain.ParentCarer;
import org.contactpoint.identity.domain.SourceIdentifier;
import org.contactpoint.identity.domain.Whereabouts;
import org.contactpoint.identity.domain.matching.MatchRecord;
import org.contactpoint.support.domain.Rejected;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns submitted records into the child's data, enforcing the rules that span fields or need identity's knowledge
 * (each field by itself was checked at the edge: a REST request's Bean Validation, the feed's contract).
 */
final class ChildRecords {

    static final String UNSPECIFIED_SOURCE = "UNSPECIFIED";
    private static final Pattern UPN = Pattern.compile("[A-Z][0-9]{11}[0-9A-Z]");

    private ChildRecords() {
    }

    /** A submitted record's own identifiers, each with its source; the internal SOURCE_ID is not among them. */
    record Identifier(String scheme, String value, String source) {
    }

    static void validate(RegisterChild request, LocalDate today) {
        validateDateOfBirth(request.dateOfBirth(), today);
        whereabouts(request.whereabouts(), request.address(), request.intendsToReturn());
        identifiers(request);
    }

    static void validateDateOfBirth(LocalDate dateOfBirth, LocalDate today) {
        if (dateOfBirth.isAfter(today)) {
            throw Rejected.field("dateOfBirth", "must not be in the future");
        }
        if (!dateOfBirth.plusYears(18).isAfter(today)) {
            throw Rejected.field("dateOfBirth", "the child must be under 18 when registered");
        }
    }

    static Whereabouts whereabouts(Whereabouts.Kind kind,
                                              RegisterChild.Address address,
                                              Whereabouts.IntentionToReturn intendsToReturn) {
        Whereabouts.Kind effective = kind != null ? kind
                : address != null ? Whereabouts.Kind.CURRENT_ADDRESS
                : Whereabouts.Kind.NO_KNOWN_ADDRESS;
        switch (effective) {
            case CURRENT_ADDRESS, LAST_KNOWN_ADDRESS -> {
                if (address == null) {
                    throw Rejected.field("address", "is required when whereabouts is " + effective);
                }
            }
            case NO_KNOWN_ADDRESS -> {
                if (address != null) {
                    throw Rejected.field("address", "must be absent when there is no known address");
                }
            }
            case LEFT_ENGLAND -> {
                if (intendsToReturn == null) {
                    throw Rejected.field("intendsToReturn",
                            "is required when the child has left England: YES, NO or UNKNOWN");
                }
            }
        }
        if (effective != Whereabouts.Kind.LEFT_ENGLAND && intendsToReturn != null) {
            throw Rejected.field("intendsToReturn", "only applies when the child has left England");
        }
        return new Whereabouts(effective, address(address),
                effective == Whereabouts.Kind.LEFT_ENGLAND ? intendsToReturn : null);
    }

    static Address address(RegisterChild.Address address) {
        if (address == null) {
            return null;
        }
        return new Address(address.lines() == null ? List.of() : address.lines(), address.town(),
                normalisePostcode(address.postcode()));
    }

    static List<Identifier> identifiers(RegisterChild request) {
        List<Identifier> result = new ArrayList<>();
        if (request.identifiers() == null) {
            return result;
        }
        for (int i = 0; i < request.identifiers().size(); i++) {
            RegisterChild.Identifier identifier = request.identifiers().get(i);
            String field = "identifiers[" + i + "]";
            String source = identifier.source() != null ? identifier.source() : request.source();
            if (source == null) {
                throw Rejected.field(field + ".source", "is required when the record has no source");
            }
            String value = identifier.value().trim();
            if (identifier.scheme() == IdentifierScheme.NHS_NUMBER) {
                String digits = NhsNumbers.normalise(value);
                if (digits == null) {
                    throw Rejected.field(field + ".value",
                            "is not a valid NHS number (ten digits with a mod 11 check digit)");
                }
                value = digits;
            } else if (identifier.scheme() == IdentifierScheme.UPN) {
                value = value.toUpperCase();
                if (!UPN.matcher(value).matches()) {
                    throw Rejected.field(field + ".value",
                            "is not a unique pupil number (a letter, eleven digits, a digit or letter)");
                }
            }
            result.add(new Identifier(identifier.scheme().name(), value, source));
        }
        return result;
    }

    static List<FormerName> formerNames(List<FormerName> names) {
        return names == null ? List.of() : List.copyOf(names);
    }

    static List<ParentCarer> parentsCarers(List<RegisterChild.ParentCarer> parents) {
        if (parents == null) {
            return List.of();
        }
        return parents.stream()
                .map(p -> new ParentCarer(p.name(), p.relationship(), p.parentalResponsibility(),
                        p.phone(), p.email(), address(p.address())))
                .toList();
    }

    /** "ec1r4sr" and "EC1R 4SR" are the same postcode: upper case, one space before the inward code. */
    static String normalisePostcode(String postcode) {
        if (postcode == null || postcode.isBlank()) {
            return null;
        }
        String compact = postcode.replaceAll("\\s", "").toUpperCase();
        if (compact.length() < 5) {
            // Not a full postcode (older stored data): kept as it is, never split.
            return compact;
        }
        return compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
    }

    /** A source record as matching sees it: its carers with the roles it states, and its NHS number if any. */
    static MatchRecord matchRecord(RegisterChild request) {
        List<RegisterChild.ParentCarer> carers = request.parentsCarers() == null ? List.of()
                : request.parentsCarers().stream().filter(java.util.Objects::nonNull).toList();
        return new MatchRecord(request.givenNames(), request.familyName(), request.preferredName(),
                formerNames(request.formerNames()), request.dateOfBirth(), request.gender(),
                request.address() == null ? null : normalisePostcode(request.address().postcode()),
                carers.stream().map(RegisterChild.ParentCarer::name).toList(),
                carers.stream().map(p -> new MatchRecord.Parent(MatchRecord.Role.of(p.relationship()), p.name()))
                        .toList(),
                identifiers(request).stream().filter(i -> IdentifierScheme.NHS_NUMBER.name().equals(i.scheme()))
                        .map(Identifier::value).findFirst().orElse(null),
                request.sourceId() == null ? java.util.Set.of()
                        : java.util.Set.of(request.source() == null ? UNSPECIFIED_SOURCE : request.source()));
    }

    /** The sources that know a child by a record id of their own, from its identifiers. */
    static java.util.Set<String> sourcesKnowing(java.util.Collection<SourceIdentifier> identifiers) {
        java.util.Set<String> sources = new java.util.HashSet<>();
        for (SourceIdentifier identifier : identifiers) {
            if (ChildSourceIdentifier.SOURCE_ID.equals(identifier.scheme())) {
                sources.add(identifier.source());
            }
        }
        return sources;
    }

    /**
     * A child as matching sees it. A shielded child is matched without its postcode: no blocking key and no
     * comparison built on where it lives, so no score, review item or explanation can tell anyone where that is.
     */
    static MatchRecord matchRecord(Child child) {
        Address address = child.whereabouts() == null || child.isShielded() ? null : child.whereabouts().address();
        return new MatchRecord(child.givenNames(), child.familyName(), child.preferredName(), child.formerNames(),
                child.dateOfBirth(), child.gender(), address == null ? null : address.postcode(),
                child.parentsCarers().stream().map(ParentCarer::name).toList(),
                child.parentsCarers().stream()
                        .map(p -> new MatchRecord.Parent(MatchRecord.Role.of(p.relationship()), p.name())).toList(),
                null);
    }

    /** A stored child read as a projection, as matching sees it: the same rule, a shielded child without postcode. */
    static MatchRecord matchRecord(org.contactpoint.identity.repository.BatchMatchRepository.ChildRow child) {
        return new MatchRecord(child.givenNames(), child.familyName(), child.preferredName(), child.formerNames(),
                child.dateOfBirth(), child.gender(), child.shielded() ? null : child.postcode(), child.carers(),
                child.parents(), null);
    }
}
