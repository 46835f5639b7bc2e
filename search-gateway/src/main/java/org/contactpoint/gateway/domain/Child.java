package org.contactpoint.gateway.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A child as the gateway holds it: the latest state identity-service published. Location details are kept so that
 * a break-glass view can show them, but while the child is shielded nothing about their location is searchable.
 */
@Entity
@Table(name = "child")
public class Child {

    @Id
    @Column(name = "contact_point_id")
    private String contactPointId;

    @Column(nullable = false)
    private long version;

    @Column(nullable = false)
    private String status;

    @Column(name = "merged_into")
    private String mergedInto;

    @Column(name = "given_names")
    private String givenNames;

    @Column(name = "family_name")
    private String familyName;

    @Column(name = "preferred_name")
    private String preferredName;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "former_names", nullable = false)
    private List<FormerName> formerNames = new ArrayList<>();

    @Column(name = "date_of_birth")
    private LocalDate dateOfBirth;

    private String gender;

    @Column(name = "date_of_death")
    private LocalDate dateOfDeath;

    @JdbcTypeCode(SqlTypes.JSON)
    private Whereabouts whereabouts;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "parents_carers", nullable = false)
    private List<ParentCarer> parentsCarers = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<SourceIdentifier> identifiers = new ArrayList<>();

    @Column(name = "responsible_local_authority")
    private String responsibleLocalAuthority;

    @Column(nullable = false)
    private boolean shielded;

    @Column(name = "search_postcode")
    private String searchPostcode;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<String> vulnerabilities = new ArrayList<>();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Child() {
    }

    public Child(String contactPointId) {
        this.contactPointId = contactPointId;
    }

    /** Takes the state identity published; the caller has already checked it is newer than what is held. */
    public void apply(ChildState state, Instant now) {
        version = state.version();
        status = state.status().name();
        mergedInto = state.mergedInto();
        givenNames = state.givenNames();
        familyName = state.familyName();
        preferredName = state.preferredName();
        formerNames = state.formerNames() == null ? new ArrayList<>() : new ArrayList<>(state.formerNames());
        dateOfBirth = state.dateOfBirth();
        gender = state.gender() == null ? null : state.gender().name();
        dateOfDeath = state.dateOfDeath();
        whereabouts = state.whereabouts();
        parentsCarers = state.parentsCarers() == null ? new ArrayList<>() : new ArrayList<>(state.parentsCarers());
        identifiers = state.identifiers() == null ? new ArrayList<>() : new ArrayList<>(state.identifiers());
        responsibleLocalAuthority = state.responsibleLocalAuthority();
        shielded = state.shielded();
        vulnerabilities = state.vulnerabilities() == null ? new ArrayList<>()
                : state.vulnerabilities().stream().map(Enum::name).distinct().sorted().toList();
        String postcode = Postcodes.compact(postcodeOf(state.whereabouts()));
        searchPostcode = shielded || !Postcodes.isPlausible(postcode) ? null : postcode;
        updatedAt = now;
    }

    private static String postcodeOf(Whereabouts whereabouts) {
        return whereabouts == null || whereabouts.address() == null ? null : whereabouts.address().postcode();
    }

    /** Children on a child-protection plan or looked after: their responsible local authority is told of lookups. */
    public boolean isProtected() {
        return vulnerabilities.contains(Vulnerability.CHILD_PROTECTION_PLAN.name())
                || vulnerabilities.contains(Vulnerability.LOOKED_AFTER.name());
    }

    public boolean isArchived() {
        return ChildStatus.ARCHIVED.name().equals(status);
    }

    /**
     * Closed: an old identity replaced by a new one (after adoption, or to protect the child). Like an archived
     * child it is never shown to practitioners, so nothing leads from the new identity back to the old.
     */
    public boolean isClosed() {
        return ChildStatus.CLOSED.name().equals(status);
    }

    public boolean isMerged() {
        return ChildStatus.MERGED.name().equals(status) && mergedInto != null;
    }

    public String contactPointId() {
        return contactPointId;
    }

    public long version() {
        return version;
    }

    public String status() {
        return status;
    }

    public String mergedInto() {
        return mergedInto;
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
        return formerNames;
    }

    public LocalDate dateOfBirth() {
        return dateOfBirth;
    }

    public String gender() {
        return gender;
    }

    public LocalDate dateOfDeath() {
        return dateOfDeath;
    }

    public Whereabouts whereabouts() {
        return whereabouts;
    }

    public List<ParentCarer> parentsCarers() {
        return parentsCarers;
    }

    public List<SourceIdentifier> identifiers() {
        return identifiers;
    }

    public String responsibleLocalAuthority() {
        return responsibleLocalAuthority;
    }

    /** The compact postcode a search may use; null while shielded. */
    public String searchPostcode() {
        return searchPostcode;
    }

    public boolean shielded() {
        return shielded;
    }

    public List<String> vulnerabilities() {
        return vulnerabilities;
    }
}
