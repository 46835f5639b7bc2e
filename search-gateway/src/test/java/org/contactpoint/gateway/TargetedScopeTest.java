package org.contactpoint.gateway;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.gateway.config.ScopeMode;
import org.contactpoint.gateway.messaging.in.ReadModelEvents;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.involvementCount;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;
import static org.hamcrest.Matchers.contains;

/**
 * The targeted signpost: only children flagged by children's social care are held. The running gateway is in
 * universal mode, so this drives the events' path into the projection directly with the targeted scope, against the
 * real database.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class TargetedScopeTest {

    private static final List<String> APPLIED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final ReadModelEvents events;

    TargetedScopeTest(ReadModelEvents events) {
        this.events = events;
    }

    @Test
    void targetedModeStoresNothingAboutChildrenWithoutVulnerabilities() {
        String ordinary = newContactPointId();
        String lookedAfter = newContactPointId();
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        applyChild(withVulnerabilities(GatewayFixtures.child(ordinary, 1, "Ava", "Ordinary", dob), List.of()));
        applyChild(withVulnerabilities(GatewayFixtures.child(lookedAfter, 1, "Ben", "Flagged", dob),
                List.of(ChildEvent.Vulnerability.LOOKED_AFTER)));
        applyInvolvement(ordinary);
        applyInvolvement(lookedAfter);

        assertThat(heldVersion(ordinary)).isEqualTo(-1);
        // Issue 16 item 11: the involvement of a child outside scope is kept (it was dropped), unseen until the child
        // comes into scope.
        assertThat(involvementCount(ordinary)).isEqualTo(1);
        assertThat(GatewayFixtures.queryLong("SELECT count(*) FROM child_search WHERE contact_point_id = ?",
                ordinary)).isZero();
        assertThat(heldVersion(lookedAfter)).isEqualTo(1);
        assertThat(involvementCount(lookedAfter)).isEqualTo(1);

        // When the flag is lifted the child leaves scope and is forgotten; its involvements stay (issue 16 item 11;
        // they went too before), for when the child is flagged again.
        applyChild(withVulnerabilities(GatewayFixtures.child(lookedAfter, 2, "Ben", "Flagged", dob), List.of()));
        assertThat(heldVersion(lookedAfter)).isEqualTo(-1);
        assertThat(involvementCount(lookedAfter)).isEqualTo(1);
        assertThat(GatewayFixtures.queryLong("SELECT count(*) FROM child_search WHERE contact_point_id = ?",
                lookedAfter)).isZero();
    }

    @Test
    void aChildComingIntoScopeShowsTheServicesAlreadyWorkingWithThem() {
        String child = newContactPointId();
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        applyChild(withVulnerabilities(GatewayFixtures.child(child, 1, "Cara", "Unflagged", dob), List.of()));
        applyInvolvement(child);
        assertThat(heldVersion(child)).isEqualTo(-1);

        // The child gains a vulnerability flag: now held, and the GP already working with them shows.
        applyChild(withVulnerabilities(GatewayFixtures.child(child, 2, "Cara", "Unflagged", dob),
                List.of(ChildEvent.Vulnerability.CHILD_PROTECTION_PLAN)));
        assertThat(heldVersion(child)).isEqualTo(2);
        GatewayFixtures.as("teacher-targeted", "practitioner").get("/children/" + child).then().statusCode(200)
                .body("involvements.organisation.name", contains("Rosebery Medical"));
    }

    /** What this class applied without Kafka is not on the topics: take it away so a rebuild's comparison holds. */
    @AfterEach
    void forgetWhatTheTopicsNeverHeld() {
        String ids = APPLIED.stream().map(id -> "'" + id + "'").reduce((a, b) -> a + ", " + b).orElse("''");
        GatewayFixtures.execute("DELETE FROM involvement WHERE contact_point_id IN (" + ids + "); "
                + "DELETE FROM child WHERE contact_point_id IN (" + ids + ")");
        APPLIED.clear();
    }

    private void applyChild(ChildEvent event) {
        APPLIED.add(event.contactPointId());
        IncomingEvent incoming = new IncomingEvent(UUID.randomUUID().toString(), ChildEventTypes.UPDATED,
                "identity-service", event.contactPointId(), GatewayFixtures.write(event), Topics.IDENTITY_CHILDREN,
                0, 0);
        QuarkusTransaction.requiringNew().run(() -> events.applyChild(incoming, ScopeMode.TARGETED));
    }

    private void applyInvolvement(String childId) {
        var event = GatewayFixtures.involvement(UUID.randomUUID().toString(), childId, 1, "GP", "Rosebery Medical",
                "Dr Adeyemi", "020 7946 0200");
        IncomingEvent incoming = new IncomingEvent(UUID.randomUUID().toString(), InvolvementEventTypes.STARTED,
                "involvement-service", event.involvementId(), GatewayFixtures.write(event),
                Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, 0, 0);
        QuarkusTransaction.requiringNew().run(() -> events.applyInvolvement(incoming, ScopeMode.TARGETED));
    }

    private static ChildEvent withVulnerabilities(ChildEvent e, List<ChildEvent.Vulnerability> vulnerabilities) {
        return new ChildEvent(e.contactPointId(), e.version(), e.status(), e.mergedInto(), e.name(), e.formerNames(),
                e.preferredName(), e.dateOfBirth(), e.gender(), e.dateOfDeath(), e.whereabouts(), e.parentsCarers(),
                e.identifiers(), e.responsibleLocalAuthority(), e.shield(), vulnerabilities, Instant.now());
    }
}
