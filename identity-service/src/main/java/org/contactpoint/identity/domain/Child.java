package org.contactpoint.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.contactpoint.events.identity.ChildEvent;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A child known to ContactPoint: identity and whereabouts only, never case information. */
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
    private ChildEvent.ChildStatus status;

    @Column(name = "given_names", nullable = false)
    private String givenNames;

    @Column(name = "family_name", nullable = false)
    private String familyName;

    @Column(name = "date_of_birth", nullable = false)
    private LocalDate dateOfBirth;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChildEvent.Gender gender;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private ChildEvent.Whereabouts whereabouts;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "parents_carers", nullable = false)
    private List<ChildEvent.ParentCarer> parentsCarers = new ArrayList<>();

    @Column(name = "responsible_local_authority")
    private String responsibleLocalAuthority;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Child() {
    }

    public static Child register(String contactPointId, ChildEvent.PersonName name, LocalDate dateOfBirth,
                                 ChildEvent.Gender gender, ChildEvent.Whereabouts whereabouts,
                                 List<ChildEvent.ParentCarer> parentsCarers, String responsibleLocalAuthority,
                                 Instant now) {
        Child child = new Child();
        child.contactPointId = contactPointId;
        child.version = 1;
        child.status = ChildEvent.ChildStatus.ACTIVE;
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

    /** The state downstream services see. */
    public ChildEvent toEvent(List<ChildEvent.SourceIdentifier> identifiers) {
        return new ChildEvent(contactPointId, version, status, null,
                new ChildEvent.PersonName(givenNames, familyName), List.of(), null, dateOfBirth, gender, null,
                whereabouts, List.copyOf(parentsCarers), identifiers, responsibleLocalAuthority, null, List.of(),
                updatedAt);
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
}
