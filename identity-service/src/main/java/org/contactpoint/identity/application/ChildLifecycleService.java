package org.contactpoint.identity.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildChange;
import org.contactpoint.identity.domain.ChildMerge;
import org.contactpoint.identity.domain.ChildSourceIdentifier;
import org.contactpoint.identity.domain.ChildStatus;
import org.contactpoint.identity.domain.ContactPointId;
import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.PersonName;
import org.contactpoint.identity.domain.RetentionReason;
import org.contactpoint.identity.domain.SealedLink;
import org.contactpoint.identity.domain.Vulnerability;
import org.contactpoint.identity.domain.matching.MatchKeys;
import org.contactpoint.identity.repository.ChildRepository;
import org.contactpoint.identity.repository.MatchDecisionRepository;
import org.contactpoint.identity.repository.MergeRepository;
import org.contactpoint.identity.repository.SealedLinkRepository;
import org.contactpoint.identity.repository.SourceIdentifierRepository;
import org.contactpoint.identity.security.LocalAuthorityAccess;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.domain.Conflict;
import org.contactpoint.support.domain.ExpectedVersion;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything that happens to a child after registration: corrections, shielding, flags, moves, death, retention
 * extensions, merges and new identities. Each change moves the version on, publishes the child's new state and is
 * audited, all in one transaction.
 */
@ApplicationScoped
public class ChildLifecycleService {

    private final ChildRepository children;
    private final SourceIdentifierRepository identifiers;
    private final MergeRepository merges;
    private final SealedLinkRepository sealedLinks;
    private final ChildStates states;
    private final Survivors survivors;
    private final MatchingService matching;
    private final MatchDecisionRepository decisions;
    private final IdentityAudit audit;
    private final NewIdentityRelease release;
    private final Clock clock;

    public ChildLifecycleService(ChildRepository children, SourceIdentifierRepository identifiers,
                                 MergeRepository merges, SealedLinkRepository sealedLinks, ChildStates states,
                                 Survivors survivors,
                                 MatchingService matching, MatchDecisionRepository decisions, IdentityAudit audit,
                                 NewIdentityRelease release, Clock clock) {
        this.children = children;
        this.identifiers = identifiers;
        this.merges = merges;
        this.sealedLinks = sealedLinks;
        this.states = states;
        this.survivors = survivors;
        this.matching = matching;
        this.decisions = decisions;
        this.audit = audit;
        this.release = release;
        this.clock = clock;
    }

    /** The child's full record; a merged ID resolves to the survivor. Sealed links only for sealed-records. */
    @Transactional
    public ChildView view(String contactPointId, PurposeOfUse purpose, Caller caller) {
        Child requested = require(contactPointId);
        Child child = survivors.resolve(requested);
        requireLocalAuthority(child, caller, Roles.SEALED_RECORDS);
        audit.read(caller, purpose, "VIEW_CHILD", IdentityAudit.query("contactPointId", contactPointId), List.of(child));
        return view(child, requested == child ? null : contactPointId, caller.hasRole(Roles.SEALED_RECORDS));
    }

    /** The sealed links of a child: who may see them is decided by the resource (sealed-records only). */
    @Transactional
    public List<SealedLink> sealedLinks(String contactPointId, PurposeOfUse purpose, Caller caller) {
        Child child = require(contactPointId);
        List<SealedLink> links = sealedLinks.linksOf(child.id());
        // One audit event per identity, none naming the other: the audit trail must not become a copy of the link.
        audit.read(caller, purpose, "VIEW_SEALED_LINKS", IdentityAudit.query("contactPointId", contactPointId),
                List.of(child));
        links.forEach(l -> children.findByContactPointId(l.contactPointId()).ifPresent(linked ->
                audit.read(caller, purpose, "VIEW_SEALED_LINKS",
                        IdentityAudit.query("contactPointId", linked.contactPointId(), "role", "LINKED_IDENTITY"),
                        List.of(linked))));
        return links;
    }

    @Transactional
    public ChildView update(String contactPointId, ChildChanges.UpdateChild change, Caller caller) {
        return update(contactPointId, change, caller, ExpectedVersion.ANY);
    }

    @Transactional
    public ChildView update(String contactPointId, ChildChanges.UpdateChild change,
                            Caller caller, ExpectedVersion expected) {
        Child child = requireLive(contactPointId, expected);
        // A case-management system corrects the children its own registrations created or were linked to, not any
        // child in England; the management team and administrators act as everywhere else.
        boolean ownRegistration = caller.hasRole(Roles.CASE_MANAGEMENT)
                && decisions.submittedBy(child.id(), caller.userId());
        if (!ownRegistration) {
            requireLocalAuthority(child, caller);
        }
        expected.require(child.version(), "Child " + contactPointId);
        if (change.isEmpty()) {
            throw Rejected.request("The change names no field to change");
        }
        String givenNames = change.givenNames() != null ? change.givenNames() : child.givenNames();
        String familyName = change.familyName() != null ? change.familyName() : child.familyName();
        List<FormerName> formerNames = new ArrayList<>(change.formerNames() != null
                ? change.formerNames() : child.formerNames());
        if (!givenNames.equals(child.givenNames()) || !familyName.equals(child.familyName())) {
            FormerName old = new FormerName(child.givenNames(), child.familyName(),
                    FormerName.Kind.FORMER);
            if (!formerNames.contains(old)) {
                formerNames.add(old);
            }
        }
        LocalDate dateOfBirth = change.dateOfBirth() != null ? change.dateOfBirth() : child.dateOfBirth();
        if (change.dateOfBirth() != null) {
            ChildRecords.validateDateOfBirth(dateOfBirth, LocalDate.now(clock));
        }
        child.details(givenNames, familyName,
                change.preferredName() != null ? blankToNull(change.preferredName()) : child.preferredName(),
                formerNames, dateOfBirth, change.gender() != null ? change.gender() : child.gender());
        if (change.address() != null || change.whereabouts() != null || change.intendsToReturn() != null) {
            child.whereabouts(ChildRecords.whereabouts(change.whereabouts(), change.address(),
                    change.intendsToReturn()));
        }
        if (change.parentsCarers() != null) {
            child.parentsCarers(ChildRecords.parentsCarers(change.parentsCarers()));
        }
        return changed(child, ChildChange.UPDATED, null, caller, "UPDATE_CHILD", Map.of());
    }

    @Transactional
    public ChildView shield(String contactPointId, String reason, LocalDate reviewDate, Caller caller) {
        return shield(contactPointId, reason, reviewDate, caller, ExpectedVersion.ANY);
    }

    @Transactional
    public ChildView shield(String contactPointId, String reason, LocalDate reviewDate,
                            Caller caller, ExpectedVersion expected) {
        Child child = requireLive(contactPointId, expected);
        requireLocalAuthority(child, caller);
        expected.require(child.version(), "Child " + contactPointId);
        if (!reviewDate.isAfter(LocalDate.now(clock))) {
            throw Rejected.field("reviewDate", "must be in the future");
        }
        child.shield(clock.instant(), reviewDate, reason);
        return changed(child, ChildChange.SHIELDED, null, caller, "SHIELD_CHILD",
                Map.of("reviewDate", reviewDate.toString()));
    }

    @Transactional
    public ChildView liftShield(String contactPointId, String reason, Caller caller) {
        return liftShield(contactPointId, reason, caller, ExpectedVersion.ANY);
    }

    @Transactional
    public ChildView liftShield(String contactPointId, String reason, Caller caller, ExpectedVersion expected) {
        Child child = requireLive(contactPointId, expected);
        requireLocalAuthority(child, caller);
        expected.require(child.version(), "Child " + contactPointId);
        if (!child.isShielded()) {
            throw new Conflict(contactPointId + " is not shielded");
        }
        child.liftShield();
        return changed(child, ChildChange.UNSHIELDED, null, caller, "UNSHIELD_CHILD",
                Map.of("reason", reason));
    }

    @Transactional
    public ChildView vulnerabilities(String contactPointId, Set<Vulnerability> flags, Caller caller) {
        return vulnerabilities(contactPointId, flags, caller, ExpectedVersion.ANY);
    }

    @Transactional
    public ChildView vulnerabilities(String contactPointId, Set<Vulnerability> flags,
                                     Caller caller, ExpectedVersion expected) {
        Child child = requireLive(contactPointId, expected);
        requireLocalAuthority(child, caller, Roles.FEED_SYSTEM);
        expected.require(child.version(), "Child " + contactPointId);
        child.vulnerabilities(flags);
        return changed(child, ChildChange.UPDATED, null, caller, "SET_VULNERABILITIES",
                Map.of("vulnerabilities", String.join(",", flags.stream().map(Enum::name)
                        .sorted().toList())));
    }

    @Transactional
    public ChildView move(String contactPointId, String localAuthority, Caller caller) {
        return move(contactPointId, localAuthority, caller, ExpectedVersion.ANY);
    }

    @Transactional
    public ChildView move(String contactPointId, String localAuthority, Caller caller, ExpectedVersion expected) {
        Child child = requireLive(contactPointId, expected);
        requireLocalAuthority(child, caller);
        expected.require(child.version(), "Child " + contactPointId);
        String previous = child.responsibleLocalAuthority();
        if (localAuthority.equals(previous)) {
            throw new Conflict(contactPointId + " is already the responsibility of " + previous);
        }
        child.moveTo(localAuthority);
        return changed(child, ChildChange.MOVED_LOCAL_AUTHORITY, previous, caller, "MOVE_LOCAL_AUTHORITY",
                Map.of("from", String.valueOf(previous), "to", localAuthority));
    }

    @Transactional
    public ChildView died(String contactPointId, LocalDate dateOfDeath, Caller caller) {
        return died(contactPointId, dateOfDeath, caller, ExpectedVersion.ANY);
    }

    @Transactional
    public ChildView died(String contactPointId, LocalDate dateOfDeath, Caller caller, ExpectedVersion expected) {
        Child child = require(contactPointId, expected);
        requireLocalAuthority(child, caller, Roles.FEED_SYSTEM);
        expected.require(child.version(), "Child " + contactPointId);
        if (child.status() != ChildStatus.ACTIVE) {
            throw new Conflict(contactPointId + " is " + child.status());
        }
        if (dateOfDeath.isBefore(child.dateOfBirth()) || dateOfDeath.isAfter(LocalDate.now(clock))) {
            throw Rejected.field("dateOfDeath", "must be between the date of birth and today");
        }
        child.died(dateOfDeath);
        return changed(child, ChildChange.DIED, null, caller, "RECORD_DEATH", Map.of());
    }

    @Transactional
    public ChildView extendRetention(String contactPointId, RetentionReason reason, Caller caller) {
        return extendRetention(contactPointId, reason, caller, ExpectedVersion.ANY);
    }

    @Transactional
    public ChildView extendRetention(String contactPointId, RetentionReason reason,
                                     Caller caller, ExpectedVersion expected) {
        Child child = requireLive(contactPointId, expected);
        requireLocalAuthority(child, caller);
        expected.require(child.version(), "Child " + contactPointId);
        child.retainUntil(25, reason);
        return changed(child, ChildChange.UPDATED, null, caller, "EXTEND_RETENTION",
                Map.of("reason", reason.name()));
    }

    /** Merges two records of one child: the merged child's identifiers move to the survivor; its ID resolves there. */
    @Transactional
    public MergeResult merge(ChildChanges.Merge request, Caller caller) {
        Child survivor = requireLive(request.survivorId(), "survivorId");
        Child merged = requireLive(request.mergedId(), "mergedId");
        requireLocalAuthority(survivor, caller);
        requireLocalAuthority(merged, caller);
        if (survivor.id().equals(merged.id())) {
            throw Rejected.field("mergedId", "must be a different child from the survivor");
        }
        Instant now = clock.instant();
        List<ChildSourceIdentifier> moved = identifiers.forChild(merged.id());
        ChildMerge merge = new ChildMerge(survivor, merged, moved.stream().map(ChildSourceIdentifier::id).toList(),
                request.reason(), caller.userId(), now);
        merges.persist(merge);
        moved.forEach(i -> i.belongTo(survivor.id()));
        identifiers.flush();

        // The survivor is also known by the merged record's name, so later records under it still match.
        List<FormerName> names = new ArrayList<>(survivor.formerNames());
        FormerName alias = new FormerName(merged.givenNames(), merged.familyName(),
                FormerName.Kind.ALIAS);
        boolean sameName = merged.givenNames().equals(survivor.givenNames())
                && merged.familyName().equals(survivor.familyName());
        if (!sameName && !names.contains(alias)) {
            names.add(alias);
        }
        survivor.details(survivor.givenNames(), survivor.familyName(), survivor.preferredName(), names,
                survivor.dateOfBirth(), survivor.gender());
        // A shield is never lost by merging.
        survivor.keepShieldOf(merged);
        merged.mergeInto(survivor.contactPointId());
        merged.changed(now);
        states.publish(merged, ChildChange.MERGED);
        survivors.merged(merged, survivor, now);
        survivor.changed(now);
        states.publish(survivor, ChildChange.UPDATED);
        audit.success(caller, "MERGE_CHILDREN", Map.of("reason", request.reason()), List.of(survivor, merged));
        return MergeResult.of(merge, survivor, merged);
    }

    /**
     * Undoes a merge: the merged record gets back the record it had and its identifiers, the survivor keeps every
     * change made to it while merged (a shield it took from the merged record included) and loses only the merged
     * record's name as an alias; the survivor's shield goes to the merged record too, since while merged they were
     * one child and the shield may be there because of where that child was. Refused while the
     * survivor is itself merged away (undo that later merge first) or no longer live.
     */
    @Transactional
    public MergeResult unmerge(UUID mergeId, Caller caller) {
        ChildMerge merge = merges.findByIdOptional(mergeId)
                .orElseThrow(() -> new NotFound("No merge " + mergeId));
        if (merge.isUndone()) {
            throw new Conflict("Merge " + mergeId + " has already been undone");
        }
        Child survivor = children.findById(merge.survivorId());
        Child merged = children.findById(merge.mergedId());
        requireLocalAuthority(survivor, caller);
        requireLocalAuthority(merged, caller);
        if (merged.status() != ChildStatus.MERGED) {
            throw new Conflict(merged.contactPointId() + " is no longer merged");
        }
        if (!survivor.isLive()) {
            // Bringing the merged record back beside a survivor that is itself merged away (or closed, archived)
            // would leave two live records for what the later decision says is one child.
            throw new Conflict(survivor.contactPointId() + " is " + survivor.status()
                    + (survivor.mergedInto() != null ? ", merged into " + survivor.mergedInto()
                    + "; undo that merge first" : "") + ", so merge " + mergeId + " cannot be undone");
        }
        Instant now = clock.instant();
        identifiers.byIds(merge.movedIdentifiers()).forEach(i -> i.belongTo(merged.id()));
        identifiers.flush();
        survivor.separateFrom(merge.mergedSnapshot(), merge.survivorSnapshot());
        merged.restore(merge.mergedSnapshot());
        merged.keepShieldOf(survivor);
        merge.unmerged(caller.userId(), now);
        merged.changed(now);
        states.publish(merged, ChildChange.UNMERGED);
        survivors.unmerged(merged, survivor, now);
        survivor.changed(now);
        states.publish(survivor, ChildChange.UPDATED);
        audit.success(caller, "UNMERGE_CHILDREN", Map.of("mergeId", mergeId.toString()), List.of(survivor, merged));
        return MergeResult.of(merge, survivor, merged);
    }

    /**
     * Closes a child's identity and opens a new one (adoption, protection). The link between the two is sealed:
     * kept here for the sealed-records role, never published. The new identity takes nothing that locates the child
     * or leads back (see {@link Child#newIdentity}) and a name that shares no blocking key with the old one; it is
     * published later and apart ({@link NewIdentityRelease}), and what resembles the old identity from now on goes to
     * the sealed-records review ({@link MatchRules}).
     */
    @Transactional
    public ChildView newIdentity(String contactPointId, ChildChanges.NewIdentity request, Caller caller) {
        Child previous = requireLive(contactPointId);
        requireLocalAuthority(previous, caller);
        Instant now = clock.instant();
        Child fresh = previous.newIdentity(matching.uniqueId(),
                new PersonName(request.givenNames(), request.familyName()), now, release.releaseAt(now));
        requireNewName(previous, fresh);
        children.persist(fresh);
        children.flush();
        previous.close();
        previous.changed(now);
        states.publish(previous, ChildChange.CLOSED);
        sealedLinks.seal(previous.id(), fresh.id(), request.reason(), caller.userId(), now);
        // Only the old identity is audited now; the new one is audited when it is published, by itself, so that no
        // audit record, nor two adjacent ones, ties the old ID to the new one.
        audit.success(caller, "NEW_IDENTITY", IdentityAudit.query("contactPointId", previous.contactPointId(),
                "identity", "CLOSED"), List.of(previous));
        return view(fresh, null, caller.hasRole(Roles.SEALED_RECORDS));
    }

    /**
     * A new identity keeps the date of birth, so an old name would still find it: each of its names must share no
     * blocking key with any name of the old identity (a different sound, former names and aliases included).
     */
    private static void requireNewName(Child previous, Child fresh) {
        Set<String> old = MatchKeys.of(ChildRecords.matchRecord(previous));
        Set<String> shared = new java.util.HashSet<>(MatchKeys.of(ChildRecords.matchRecord(fresh)));
        shared.retainAll(old);
        // The date of birth is kept by design; its count (bx:) finds no candidate.
        shared.remove(MatchKeys.dateOfBirthFrequencyKey(fresh.dateOfBirth()));
        if (shared.stream().anyMatch(k -> k.startsWith("dg:") || k.startsWith("gx:"))) {
            throw Rejected.field("givenNames", "sounds like a name of the closed identity: records under the old "
                    + "identity would find the new one");
        }
        if (!shared.isEmpty()) {
            throw Rejected.field("familyName", "sounds like a name of the closed identity: records under the old "
                    + "identity would find the new one");
        }
    }

    public record MergeResult(UUID mergeId, String survivorId, String mergedId, long survivorVersion,
                              long mergedVersion) {

        static MergeResult of(ChildMerge merge, Child survivor, Child merged) {
            return new MergeResult(merge.id(), survivor.contactPointId(), merged.contactPointId(), survivor.version(),
                    merged.version());
        }
    }

    private ChildView changed(Child child, ChildChange change, String previousLocalAuthority, Caller caller,
                              String action, Map<String, String> details) {
        child.changed(clock.instant());
        states.publish(child, change, previousLocalAuthority);
        Map<String, String> query = new LinkedHashMap<>(details);
        query.put("contactPointId", child.contactPointId());
        audit.success(caller, action, query, List.of(child));
        return view(child, null, caller.hasRole(Roles.SEALED_RECORDS));
    }

    /** Forbidden unless the caller acts for the child's local authority (or in a role that is not tied to one). */
    private static void requireLocalAuthority(Child child, Caller caller, String... unscopedRoles) {
        LocalAuthorityAccess.require(caller, child.responsibleLocalAuthority(), child.contactPointId(),
                unscopedRoles);
    }

    /** A child by ID: rejected when the check digit is wrong, not found when never issued or purged. */
    Child require(String contactPointId) {
        return require(contactPointId, "contactPointId");
    }

    private Child require(String contactPointId, String field) {
        if (!ContactPointId.isValid(contactPointId)) {
            throw Rejected.field(field,
                    "is not a valid ContactPoint ID (CP, ten digits, the last a Damm check digit)");
        }
        return children.findByContactPointId(contactPointId)
                .orElseThrow(() -> new NotFound("No child " + contactPointId));
    }

    private Child requireLive(String contactPointId) {
        return requireLive(contactPointId, "contactPointId");
    }

    /** A live child, locked for the change when the caller names the version it changes. */
    private Child requireLive(String contactPointId, ExpectedVersion expected) {
        Child child = require(contactPointId, expected);
        if (!child.isLive()) {
            return requireLive(contactPointId);
        }
        return child;
    }

    /**
     * A child by ID; locked when the caller names the version it changes, so that no other change slips in between
     * the comparison and the write (a lost update the ETag was meant to prevent).
     */
    private Child require(String contactPointId, ExpectedVersion expected) {
        if (expected.any()) {
            return require(contactPointId);
        }
        if (!ContactPointId.isValid(contactPointId)) {
            return require(contactPointId);
        }
        // Not loaded before the lock: a record already in the session would keep the state read before it.
        return children.findByContactPointIdForUpdate(contactPointId)
                .orElseThrow(() -> new NotFound("No child " + contactPointId));
    }

    /** Changes only apply to a live record: not merged away, closed or archived. */
    private Child requireLive(String contactPointId, String field) {
        Child child = require(contactPointId, field);
        if (!child.isLive()) {
            throw new Conflict(contactPointId + " is " + child.status() + " and cannot be changed"
                    + (child.mergedInto() != null ? "; it was merged into " + child.mergedInto() : ""));
        }
        return child;
    }

    private ChildView view(Child child, String resolvedFrom, boolean sealed) {
        return new ChildView(child.contactPointId(), child.version(), child.status(), child.mergedInto(),
                resolvedFrom, new PersonName(child.givenNames(), child.familyName()),
                child.preferredName(), child.formerNames(), child.dateOfBirth(), child.gender(), child.dateOfDeath(),
                child.whereabouts(), child.parentsCarers(),
                identifiers.forChild(child.id()).stream().map(ChildSourceIdentifier::identifier).toList(),
                child.responsibleLocalAuthority(),
                child.isShielded() ? new ChildView.Shield(child.shieldSince(), child.shieldReviewDate(),
                        child.shieldReason()) : null,
                child.vulnerabilities(),
                new ChildView.Retention(child.retainUntilAge(), child.retentionReason(), child.archivedOn()),
                sealed ? sealedLinks.linksOf(child.id()) : null, child.updatedAt());
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
