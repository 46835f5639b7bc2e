package org.contactpoint.identity.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ContactPointId;
import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.ParentCarer;
import org.contactpoint.identity.domain.Survivorship;
import org.contactpoint.identity.domain.Survivorship.Field;
import org.contactpoint.identity.domain.Whereabouts;
import org.contactpoint.identity.domain.matching.Names;
import org.contactpoint.identity.repository.ChildRepository;
import org.contactpoint.identity.repository.FieldProvenanceRepository;
import org.contactpoint.identity.repository.FieldProvenanceRepository.Assertion;
import org.contactpoint.identity.security.LocalAuthorityAccess;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.security.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a linked child current from its sources (issue 18): a linked record's address, names and parents and carers
 * go through {@link Survivorship}'s rule, and every assertion that differs from the value in force is kept with its
 * source, time and outcome. A local authority's edit is recorded as such, so no feed overwrites it.
 */
@ApplicationScoped
public class FieldSurvivorship {

    private final FieldProvenanceRepository provenance;
    private final ChildRepository children;
    private final Survivors survivors;
    private final IdentityAudit audit;
    private final IdentityConfig config;
    private final ObjectMapper json;

    public FieldSurvivorship(FieldProvenanceRepository provenance, ChildRepository children, Survivors survivors,
                             IdentityAudit audit, IdentityConfig config, ObjectMapper json) {
        this.provenance = provenance;
        this.children = children;
        this.survivors = survivors;
        this.audit = audit;
        this.config = config;
        this.json = json;
    }

    /** The values in force of these children's fields, read in one query (a batch reads them once). */
    Map<Long, Map<String, Assertion>> inForce(Collection<Long> childIds) {
        return provenance.inForce(childIds);
    }

    /**
     * Applies a record linked to the child: each field it carries that differs from the child's is applied, kept or
     * queued as a conflict by the rule, and recorded. The caller publishes the change.
     *
     * @param byIdentifier the record was linked by a shared identifier, not by resemblance: only then can its
     *                     different name be a new name rather than the matcher's tolerance of a misspelling
     * @param inForce the child's values in force ({@link #inForce}); updated as fields are applied
     * @return whether the child changed
     */
    boolean apply(Child child, RegisterChild record, String source, boolean byIdentifier, Instant now,
                  Map<String, Assertion> inForce) {
        boolean trusted = config.survivorship().trustedSources().contains(source);
        boolean changed = false;
        if (record.address() != null) {
            Whereabouts claimed = ChildRecords.whereabouts(record.whereabouts(), record.address(),
                    record.intendsToReturn());
            if (!claimed.equals(child.whereabouts())) {
                if (assertField(child, Field.ADDRESS, claimed, source, trusted, now, inForce)) {
                    child.whereabouts(claimed);
                    changed = true;
                }
            }
        }
        if (!Names.normalise(record.givenNames()).equals(Names.normalise(child.givenNames()))
                || !Names.normalise(record.familyName()).equals(Names.normalise(child.familyName()))) {
            Map<String, String> names = new LinkedHashMap<>();
            names.put("givenNames", record.givenNames());
            names.put("familyName", record.familyName());
            if (!byIdentifier) {
                // Linked by resemblance despite the difference (a typo, a nickname, a transliteration): recorded,
                // never applied, or every misspelling that matched would rename the child.
                provenance.add(child.id(), Field.NAMES.name(), source, toJson(names), now,
                        Survivorship.Outcome.KEPT.name(), "linked by resemblance, not by an identifier: a different"
                                + " name may be a misspelling the matcher tolerated", child.responsibleLocalAuthority());
            } else if (assertField(child, Field.NAMES, names, source, trusted, now, inForce)) {
                List<FormerName> formerNames = new ArrayList<>(child.formerNames());
                FormerName old = new FormerName(child.givenNames(), child.familyName(), FormerName.Kind.FORMER);
                if (!formerNames.contains(old)) {
                    formerNames.add(old);
                }
                child.details(record.givenNames(), record.familyName(), child.preferredName(), formerNames,
                        child.dateOfBirth(), child.gender());
                changed = true;
            }
        }
        if (record.parentsCarers() != null && !record.parentsCarers().isEmpty()) {
            List<ParentCarer> claimed = ChildRecords.parentsCarers(record.parentsCarers());
            if (!Objects.equals(claimed, child.parentsCarers())) {
                if (assertField(child, Field.PARENTS_CARERS, claimed, source, trusted, now, inForce)) {
                    child.parentsCarers(claimed);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Records a local authority's own edit of these fields: it wins over feeds, and answers their open conflicts. */
    void edited(Child child, Collection<Field> fields, Instant now) {
        for (Field field : fields) {
            provenance.add(child.id(), field.name(), Survivorship.LOCAL_AUTHORITY_EDIT, value(child, field), now,
                    Survivorship.Outcome.APPLIED.name(), "edited by the local authority",
                    child.responsibleLocalAuthority());
            provenance.settle(child.id(), field.name(), now);
        }
    }

    /** Records the values a new child was created with, as its source's. */
    void created(Child child, String source, Instant now) {
        for (Field field : Field.values()) {
            String value = value(child, field);
            if (value != null) {
                provenance.add(child.id(), field.name(), source, value, now, Survivorship.Outcome.APPLIED.name(),
                        "the record the child was created from", child.responsibleLocalAuthority());
            }
        }
    }

    private boolean assertField(Child child, Field field, Object value, String source, boolean trusted, Instant now,
                                Map<String, Assertion> inForce) {
        Assertion current = inForce.get(field.name());
        Survivorship.Verdict verdict = Survivorship.decide(field, current == null ? null : current.source(),
                current == null ? null : current.assertedAt(), source, trusted);
        String text = toJson(value);
        provenance.add(child.id(), field.name(), source, text, now, verdict.outcome().name(), verdict.reason(),
                child.responsibleLocalAuthority());
        if (verdict.outcome() == Survivorship.Outcome.APPLIED) {
            provenance.settle(child.id(), field.name(), now);
            inForce.put(field.name(), new Assertion(0, child.id(), field.name(), source, text, now,
                    verdict.outcome().name(), verdict.reason(), null, child.contactPointId()));
            return true;
        }
        return false;
    }

    private String value(Child child, Field field) {
        return switch (field) {
            case ADDRESS -> child.whereabouts() == null || child.whereabouts().address() == null ? null
                    : toJson(child.whereabouts());
            case NAMES -> toJson(Map.of("givenNames", child.givenNames(), "familyName", child.familyName()));
            case PARENTS_CARERS -> child.parentsCarers().isEmpty() ? null : toJson(child.parentsCarers());
        };
    }

    /** A child's provenance, oldest first, for its own local authority's management team and administrators. */
    @Transactional
    public List<FieldProvenance> history(String contactPointId, PurposeOfUse purpose, Caller caller) {
        Child child = survivors.resolve(require(contactPointId));
        LocalAuthorityAccess.require(caller, child.responsibleLocalAuthority(), child.contactPointId());
        audit.read(caller, purpose, "VIEW_CHILD_PROVENANCE", IdentityAudit.query("contactPointId", contactPointId),
                List.of(child));
        Map<String, Assertion> inForce = provenance.inForce(List.of(child.id())).getOrDefault(child.id(), Map.of());
        return provenance.history(child.id()).stream().map(a -> view(a, inForce)).toList();
    }

    /**
     * The field conflicts waiting for a person, oldest first: the caller's own authority's, every one for an
     * administrator. A person settles one by editing the field ({@code PATCH /children/{id}}).
     */
    @Transactional
    public List<FieldProvenance> openConflicts(PurposeOfUse purpose, Caller caller, int limit) {
        boolean administrator = caller.hasRole(Roles.ADMINISTRATOR);
        if (!administrator && caller.localAuthority() == null) {
            return List.of();
        }
        List<Assertion> open = provenance.openConflicts(administrator ? null : caller.localAuthority(), limit);
        audit.read(caller, purpose, "VIEW_FIELD_CONFLICTS", Map.of(), List.of());
        return open.stream().map(a -> view(a, Map.of())).toList();
    }

    private FieldProvenance view(Assertion assertion, Map<String, Assertion> inForce) {
        Assertion current = inForce.get(assertion.field());
        try {
            return new FieldProvenance(assertion.contactPointId(), assertion.field(), assertion.source(),
                    json.readTree(assertion.value()), assertion.assertedAt(), assertion.outcome(),
                    assertion.reason(), current != null && current.id() == assertion.id(), assertion.settledAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored provenance is not JSON", e);
        }
    }

    private Child require(String contactPointId) {
        if (!ContactPointId.isValid(contactPointId)) {
            throw Rejected.field("contactPointId",
                    "is not a valid ContactPoint ID (CP, ten digits, the last a Damm check digit)");
        }
        return children.findByContactPointId(contactPointId)
                .orElseThrow(() -> new NotFound("No child " + contactPointId));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
