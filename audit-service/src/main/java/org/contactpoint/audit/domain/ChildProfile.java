package org.contactpoint.audit.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.contactpoint.events.identity.ChildEvent;

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

    public static ChildProfile of(ChildEvent event) {
        ChildProfile profile = new ChildProfile();
        profile.childId = event.contactPointId();
        profile.version = -1;
        profile.apply(event);
        return profile;
    }

    /** Applies a newer state; an older or repeated one changes nothing. */
    public boolean apply(ChildEvent event) {
        if (event.version() <= version) {
            return false;
        }
        version = event.version();
        responsibleLocalAuthority = event.responsibleLocalAuthority();
        shielded = event.shield() != null;
        vulnerabilities = event.vulnerabilities() == null ? "" : event.vulnerabilities().stream()
                .map(Enum::name).sorted().collect(Collectors.joining(","));
        return true;
    }

    public String childId() {
        return childId;
    }

    public String responsibleLocalAuthority() {
        return responsibleLocalAuthority;
    }

    public boolean shielded() {
        return shielded;
    }

    public List<String> vulnerabilities() {
        return vulnerabilities.isEmpty() ? List.of() : Arrays.asList(vulnerabilities.split(","));
    }
}
