package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.audit.Fixtures.WORKING_HOURS;

/**
 * Issue 16: an authority's access-notification inbox is not an archive. A notification is kept 180 days from the
 * view it reports, 30 days once acknowledged (configurable), then deleted; the chained record of the view stays.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccessNotificationRetentionTest {

    private static final String LA = "E09000020";

    @Test
    void accessNotificationsAreDeletedOnceTheirPeriodIsOverAcknowledgedOnesSooner() throws Exception {
        String acknowledged = viewedProtectedChild();
        String old = viewedProtectedChild();
        String recent = viewedProtectedChild();
        String team = AccessNotificationInboxTest.laManager("kensington-team", LA);
        String id = given().header("Authorization", team).header(AccessNotificationInboxTest.PURPOSE, "SAFEGUARDING")
                .queryParam("size", 200).get("/access-notifications").then().statusCode(200)
                .extract().path("notifications.find { it.contactPointId == '" + acknowledged + "' }.notificationId");
        given().header("Authorization", team).header(AccessNotificationInboxTest.PURPOSE, "SAFEGUARDING")
                .post("/access-notifications/" + id + "/acknowledgement").then().statusCode(204);

        // As if time had passed: acknowledged 31 days ago; views 181 and 179 days ago, unread.
        age("UPDATE access_notification SET acknowledged_at = now() - interval '31 days' WHERE child_id = ?",
                acknowledged);
        age("UPDATE access_notification SET viewed_at = now() - interval '181 days' WHERE child_id = ?", old);
        age("UPDATE access_notification SET viewed_at = now() - interval '179 days' WHERE child_id = ?", recent);

        Fixtures.await("acknowledged notification deleted after 30 days", Duration.ofSeconds(20),
                () -> notifications(acknowledged) == 0);
        Fixtures.await("notification deleted 180 days after the view", Duration.ofSeconds(20),
                () -> notifications(old) == 0);
        assertThat(notifications(recent)).isOne();
        // The views themselves stay in the chain.
        assertThat(Fixtures.count("SELECT count(*) FROM audit_record WHERE child_ids @> ARRAY['" + old
                + "']::text[]")).isPositive();
    }

    /** A child with a child-protection plan in {@link #LA}, viewed once, its notification in the inbox. */
    private static String viewedProtectedChild() {
        String child = Fixtures.newChildId();
        Fixtures.child(child, 1, false, List.of(ChildEvent.Vulnerability.CHILD_PROTECTION_PLAN), LA);
        Fixtures.await("child projected", Duration.ofSeconds(30), () -> Fixtures.profile(child).startsWith(LA));
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, Fixtures.view("gp", "Dr Alan Reid", WORKING_HOURS, child, false,
                null, List.of(child)));
        Fixtures.await("notification in the inbox", Duration.ofSeconds(30), () -> notifications(child) == 1);
        return child;
    }

    private static long notifications(String child) {
        return Fixtures.count("SELECT count(*) FROM access_notification WHERE child_id = '" + child + "'");
    }

    private static void age(String sql, String child) throws Exception {
        try (Connection c = Fixtures.superuser(); PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, child);
            assertThat(update.executeUpdate()).isOne();
        }
    }
}
