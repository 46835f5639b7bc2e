package org.contactpoint.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A child known to ContactPoint: identity and whereabouts only, never case information. Every change goes through
 * a method here that moves {@link #version} on by one, so each published event carries a higher version.
 */
@Entity
@Table(name = "child")
public class Child {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "contact_point_id", nullable = false, unique = true, updatable = false)
    private String contactPointId;

    /** Increases with every change, so downstream projections can drop stale or duplicate events. */
    @Column(nullable = false)
    private long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChildStatus status;

    @Column(name = "given_names", nullable = false)
    private String givenNames;

    @Column(name = "family_name", nullable = false)
    private String familyName;

    @Column(name = "preferred_name")
    private String preferredName;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "former_names", nullable = false)
    private List<FormerName> formerNames = new ArrayList<>();

    @Column(name = "date_of_birth", nullable = false)
    private LocalDate dateOfBirth;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Gender gender;

    @Column(name = "date_of_death")
    private LocalDate dateOfDeath;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Whereabouts whereabouts;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "parents_carers", nullable = false)
    private List<ParentCarer> parentsCarers = new ArrayList<>();

    @Column(name = "responsible_local_authority")
    private String responsibleLocalAuthority;

    @Column(name = "merged_into")
    private String mergedInto;

    @Column(name = "shield_since")
    private Instant shieldSince;

    @Column(name = "shield_review_date")
    private LocalDate shieldReviewDate;

    @Column(name = "shield_reason")
    private String shieldReason;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<Vulnerability> vulnerabilities = new ArrayList<>();

    @Column(name = "retain_until_age", nullable = false)
    private int retainUntilAge = 18;

    @Enumerated(EnumType.STRING)
    @Column(name = "retention_reason")
    private RetentionReason retentionReason;

    @Column(name = "archived_on")
    private LocalDate archivedOn;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** A new identity held back until then: not published, not matched (null once published). */
    @Column(name = "release_at")
    private Instant releaseAt;

    protected Child() {
    }

    public static Child register(String contactPointId, PersonName name, LocalDate dateOfBirth,
                                 Gender gender, Whereabouts whereabouts,
                                 List<ParentCarer> parentsCarers, String responsibleLocalAuthority,
                                 Instant now) {
        Child child = new Child();
        child.contactPointId = contactPointId;
        child.version = 1;
        child.status = ChildStatus.ACTIVE;
        child.givenNames = name.givenNames();
        child.familyName = name.familyName();
        child.dateOfBirth = dateOfBirth;
        child.gender = gender;
        child.whereabouts = whereabouts;
        child.parentsCarers = new ArrayList<>(parentsCarers);
        child.responsibleLocalAuthority = responsibleLocalAuthority;
        child.updatedAt = now;
        return child;
    }

    /**
     * A new identity for the same child (adoption, protection), held until {@code releaseAt}: the same person under a
     * new name, with nothing that locates or links back (no whereabouts, parents or carers, former names, preferred
     * name or identifiers; {@code NO_KNOWN_ADDRESS} until the team records the new one).
     */
    public Child newIdentity(String newContactPointId, PersonName name, Instant now, Instant releaseAt) {
        Child fresh = register(newContactPointId, name, dateOfBirth, gender, new Whereabouts(Whereabouts.Kind.NO_KNOWN_ADDRESS, null, null), List.of(),
                responsibleLocalAuthority, now);
        fresh.vulnerabilities = new ArrayList<>(vulnerabilities);
        fresh.shieldSince = shieldSince;
        fresh.shieldReviewDate = shieldReviewDate;
        fresh.shieldReason = shieldReason;
        fresh.retainUntilAge = retainUntilAge;
        fresh.retentionReason = retentionReason;
        fresh.releaseAt = releaseAt;
        return fresh;
    }

    /** Whether this is a new identity not yet published (nor matched against). */
    public boolean isHeld() {
        return releaseAt != null;
    }

    public Instant releaseAt() {
        return releaseAt;
    }

    /** Publishes a held new identity: its state dated now, with nothing of the moment it was made. */
    public void released(Instant now) {
        releaseAt = null;
        updatedAt = now;
    }

    /** Records the next version of this child. */
    public void changed(Instant now) {
        version++;
        updatedAt = now;
    }

    public void details(String givenNames, String familyName, String preferredName,
                        List<FormerName> formerNames, LocalDate dateOfBirth, Gender gender) {
        this.givenNames = givenNames;
        this.familyName = familyName;
        this.preferredName = preferredName;
        this.formerNames = new ArrayList<>(formerNames);
        this.dateOfBirth = dateOfBirth;
        this.gender = gender;
    }

    public void whereabouts(Whereabouts whereabouts) {
        this.whereabouts = whereabouts;
    }

    public void parentsCarers(List<ParentCarer> parentsCarers) {
        this.parentsCarers = new ArrayList<>(parentsCarers);
    }

    public void shield(Instant since, LocalDate reviewDate, String reason) {
        this.shieldSince = since;
        this.shieldReviewDate = reviewDate;
        this.shieldReason = reason;
    }

    public void liftShield() {
        shield(null, null, null);
    }

    public void vulnerabilities(Set<Vulnerability> flags) {
        this.vulnerabilities = new ArrayList<>(flags.isEmpty() ? EnumSet.noneOf(Vulnerability.class)
                : EnumSet.copyOf(flags));
    }

    public void moveTo(String localAuthority) {
        this.responsibleLocalAuthority = localAuthority;
    }

    public void died(LocalDate dateOfDeath) {
        this.dateOfDeath = dateOfDeath;
        this.status = ChildStatus.DECEASED;
    }

    public void mergeInto(String survivorContactPointId) {
        this.status = ChildStatus.MERGED;
        this.mergedInto = survivorContactPointId;
    }

    public void close() {
        this.status = ChildStatus.CLOSED;
    }

    public void archive(LocalDate today) {
        this.status = ChildStatus.ARCHIVED;
        this.archivedOn = today;
    }

    public void retainUntil(int age, RetentionReason reason) {
        this.retainUntilAge = age;
        this.retentionReason = reason;
    }

    /**
     * A merge into this child has been undone: it keeps everything that happened to it while merged (a shield, an
     * address, a move, a death) and gives up only the alias the merge gave it, the merged record's name when
     * {@code before} (this child as the merge found it) did not already carry it.
     */
    public void separateFrom(ChildSnapshot merged, ChildSnapshot before) {
        FormerName alias = new FormerName(merged.name().givenNames(), merged.name().familyName(),
                FormerName.Kind.ALIAS);
        if (!before.formerNames().contains(alias)) {
            List<FormerName> kept = new ArrayList<>(formerNames);
            kept.remove(alias);
            this.formerNames = kept;
        }
    }

    /**
     * Takes on {@code other}'s shield when this child has none. Two records that were one child share whatever
     * locates either, so neither a merge nor its undoing ever leaves one of them unshielded.
     */
    public void keepShieldOf(Child other) {
        if (other.isShielded() && !isShielded()) {
            shield(other.shieldSince, other.shieldReviewDate, other.shieldReason);
        }
    }

    /**
     * Puts back the state captured before a merge, keeping the version moving forward. Only for the merged record:
     * it could not be changed while merged, so its snapshot is all it was.
     */
    public void restore(ChildSnapshot snapshot) {
        this.status = snapshot.status();
        this.mergedInto = snapshot.mergedInto();
        this.givenNames = snapshot.name().givenNames();
        this.familyName = snapshot.name().familyName();
        this.preferredName = snapshot.preferredName();
        this.formerNames = new ArrayList<>(snapshot.formerNames());
        this.dateOfBirth = snapshot.dateOfBirth();
        this.gender = snapshot.gender();
        this.dateOfDeath = snapshot.dateOfDeath();
        this.whereabouts = snapshot.whereabouts();
        this.parentsCarers = new ArrayList<>(snapshot.parentsCarers());
        this.responsibleLocalAuthority = snapshot.responsibleLocalAuthority();
        this.shieldSince = snapshot.shieldSince();
        this.shieldReviewDate = snapshot.shieldReviewDate();
        this.shieldReason = snapshot.shieldReason();
        this.vulnerabilities = new ArrayList<>(snapshot.vulnerabilities());
        this.retainUntilAge = snapshot.retainUntilAge();
        this.retentionReason = snapshot.retentionReason();
        this.archivedOn = snapshot.archivedOn();
    }

    public ChildSnapshot snapshot() {
        return new ChildSnapshot(status, mergedInto, new PersonName(givenNames, familyName), preferredName,
                List.copyOf(formerNames), dateOfBirth, gender, dateOfDeath, whereabouts, List.copyOf(parentsCarers),
                responsibleLocalAuthority, shieldSince, shieldReviewDate, shieldReason, List.copyOf(vulnerabilities),
                retainUntilAge, retentionReason, archivedOn);
    }

    public Instant shieldSince() {
        return shieldSince;
    }

    public LocalDate shieldReviewDate() {
        return shieldReviewDate;
    }

    /**
     * Only a child that can still be the one a new record describes is matched against. A closed identity is too,
     * so that whatever resembles it goes to the sealed-records review and never on to its new identity.
     */
    public boolean isMatchable() {
        return status == ChildStatus.ACTIVE || status == ChildStatus.DECEASED || status == ChildStatus.ARCHIVED
                || status == ChildStatus.CLOSED;
    }

    /** Changes apply only to a live record: not merged away, closed or archived. */
    public boolean isLive() {
        return status == ChildStatus.ACTIVE || status == ChildStatus.DECEASED;
    }

    /** A child with a protection plan or looked after: every access to it is marked in the audit trail. */
    public boolean isProtected() {
        return vulnerabilities.contains(Vulnerability.CHILD_PROTECTION_PLAN)
                || vulnerabilities.contains(Vulnerability.LOOKED_AFTER);
    }

    public boolean isShielded() {
        return shieldSince != null;
    }

    public Long id() {
        return id;
    }

    public String contactPointId() {
        return contactPointId;
    }

    public long version() {
        return version;
    }

    public ChildStatus status() {
        return status;
    }

    public String givenNames() {
        return givenNames;
    }

    public String familyName() {
        return familyName;
    }

    public String preferredName() {
        return preferredName;
    }

    public List<FormerName> formerNames() {
        return List.copyOf(formerNames);
    }

    public LocalDate dateOfBirth() {
        return dateOfBirth;
    }

    public Gender gender() {
        return gender;
    }

    public LocalDate dateOfDeath() {
        return dateOfDeath;
    }

    public Whereabouts whereabouts() {
        return whereabouts;
    }

    public List<ParentCarer> parentsCarers() {
        return List.copyOf(parentsCarers);
    }

    public String responsibleLocalAuthority() {
        return responsibleLocalAuthority;
    }

    public String mergedInto() {
        return mergedInto;
    }

    public String shieldReason() {
        return shieldReason;
    }

    public List<Vulnerability> vulnerabilities() {
        return List.copyOf(vulnerabilities);
    }

    public int retainUntilAge() {
        return retainUntilAge;
    }

    public RetentionReason retentionReason() {
        return retentionReason;
    }

    public LocalDate archivedOn() {
        return archivedOn;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
