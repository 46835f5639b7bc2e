package org.contactpoint.audit.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** What audit-service knows of a child: the responsible local authority, shielding and vulnerabilities. */
@Entity
@Table(name = "child_profile")
public class ChildProfile {

    @Id
    @Column(name = "child_id")
    private String childId;

    @Column(nullable = false)
    private long version;

    @Column(name = "responsible_local_authority")
    private String responsibleLocalAuthority;

    @Column(nullable = false)
    private boolean shielded;

    @Column(nullable = false)
    private String vulnerabilities;

    protected ChildProfile() {
    }

    /** The first state heard of a child. */
    public static ChildProfile first(ChildState state) {
        ChildProfile profile = new ChildProfile();
        profile.childId = state.childId();
        profile.version = -1;
        profile.apply(state);
        return profile;
    }

    /** Applies a newer state; an older or repeated one changes nothing. */
    public boolean apply(ChildState state) {
        if (state.version() <= version) {
            return false;
        }
        version = state.version();
        responsibleLocalAuthority = state.responsibleLocalAuthority();
        shielded = state.shielded();
        vulnerabilities = state.vulnerabilities().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        return true;
    }

    public String childId() {
        return childId;
    }

    public long version() {
        return version;
    }

    public String responsibleLocalAuthority() {
        return responsibleLocalAuthority;
    }

    public boolean shielded() {
        return shielded;
    }

    /** In the order of their names. */
    public List<Vulnerability> vulnerabilities() {
        return vulnerabilities.isEmpty() ? List.of()
                : Arrays.stream(vulnerabilities.split(",")).map(Vulnerability::valueOf).toList();
    }
}
