package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;

/**
 * Issue 16: an inbox is not an archive. A notification is kept 180 days from when it was made, 30 days once its
 * recipient acknowledged it (configurable), and then deleted by the retention job.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class NotificationRetentionTest {

    @Test
    void notificationsAreDeletedOnceTheirPeriodIsOverAcknowledgedOnesSooner() throws Exception {
        Organisation school = Organisation.unique("School");
        Organisation surgery = Organisation.unique("Surgery");
        Organisation clinic = Organisation.unique("Clinic");
        String child = newChildId();
        knownChild(child, 1, uniqueLocalAuthority());
        NotificationInboxTest.submit(school, school.submission(uniqueSubmissionId("keep"), child, "SCHOOL"));
        NotificationInboxTest.submit(surgery, surgery.submission(uniqueSubmissionId("keep"), child, "GP"));
        NotificationInboxTest.submit(clinic, clinic.submission(uniqueSubmissionId("keep"), child, "SCHOOL_NURSE"));
        List<JsonNode> schools = inbox(school.practitioner(), child);
        assertThat(schools).hasSize(2);
        String acknowledged = schools.get(0).path("notificationId").asText();
        String unread = schools.get(1).path("notificationId").asText();
        given().header("Authorization", school.practitioner())
                .post("/notifications/" + acknowledged + "/acknowledgement").then().statusCode(200);
        String surgerys = inbox(surgery.practitioner(), child).get(0).path("notificationId").asText();

        // As if time had passed: acknowledged 31 days ago; made 179 and 181 days ago, unread.
        age("UPDATE notification SET acknowledged_at = now() - interval '31 days' WHERE id::text = ?", acknowledged);
        age("UPDATE notification SET created_at = now() - interval '179 days' WHERE id::text = ?", unread);
        age("UPDATE notification SET created_at = now() - interval '181 days' WHERE id::text = ?", surgerys);

        awaitGone(acknowledged);
        awaitGone(surgerys);
        assertThat(queryLong("SELECT count(*) FROM notification WHERE id::text = ?", unread)).isOne();
        assertThat(inbox(school.practitioner(), child)).extracting(n -> n.path("notificationId").asText())
                .containsExactly(unread);
        assertThat(inbox(surgery.practitioner(), child)).isEmpty();
    }

    private static void age(String sql, String id) throws Exception {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, id);
            assertThat(update.executeUpdate()).isOne();
        }
    }

    private static void awaitGone(String id) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (queryLong("SELECT count(*) FROM notification WHERE id::text = ?", id) == 0) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("notification " + id + " is still kept after its retention period");
    }
}
