package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * audit-service's lists in the one pagination style (issue 20): {@code /v2/...} answer a page as a plain JSON array
 * with {@code Link rel="next"} while more follow, with the v1 lists' roles, filters and chained reads; the v1 envelopes
 * still answer, and say they are deprecated, when they may go and what replaces them.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PagedListTest {

    static final String PURPOSE = "X-Purpose-Of-Use";
    static final String AUDITOR = TestTokens.bearer("auditor", "auditor");
    static final String LA = "E09000021";
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>;\\s*rel=\"next\"");

    @Test
    void theV2ListsAnswerAPageAsAnArrayWithALinkToTheNext() throws SQLException {
        String team = AccountSuspensionTest.laTeam("kingston-admin", LA);
        for (String name : List.of("ada.byron", "bo.chen", "cy.dunn")) {
            given().header("Authorization", team).contentType("application/json")
                    .body(Map.of("username", name, "name", name, "roles", List.of("practitioner")))
                    .post("/accounts").then().statusCode(201);
        }
        List<Object> usernames = walk(team, null, "/v2/accounts?size=2", 2, "username");
        assertThat(usernames).containsExactly("ada.byron", "bo.chen", "cy.dunn");
        given().header("Authorization", team).get("/v2/accounts?size=2").then()
                .body("[0].version", equalTo(1)).header("Deprecation", (String) null);

        openInvestigation("nosy.one");
        openInvestigation("nosy.two");
        openInvestigation("nosy.three");
        assertThat(walk(team, null, "/v2/investigations?size=2", 2, "userId"))
                .containsExactlyInAnyOrder("nosy.one", "nosy.two", "nosy.three");

        String child = Fixtures.newChildId();
        for (int i = 0; i < 3; i++) {
            notice(child, Instant.now().minusSeconds(60 - i));
        }
        assertThat(walk(team, "SAFEGUARDING", "/v2/access-notifications?size=2", 2, "contactPointId"))
                .containsExactly(child, child, child);

        // The trail's own reads are listed too: the team's three reads of its accounts, one a page, filtered as v1.
        List<Object> actions = walk(AUDITOR, "ADMINISTRATION",
                "/v2/audit-records?userId=kingston-admin&action=LIST_ACCOUNTS&size=1", 1, "event.action");
        assertThat(actions).hasSizeGreaterThanOrEqualTo(3).containsOnly("LIST_ACCOUNTS");
    }

    @Test
    void theV2ListsKeepTheV1RolesAndRefuseBadInputAsProblems() {
        String team = AccountSuspensionTest.laTeam("kingston-admin-2", LA);
        given().header("Authorization", team).get("/v2/accounts?size=0").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("size"));
        given().header("Authorization", team).get("/v2/investigations?page=x").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("page"));
        given().header("Authorization", team).get("/v2/access-notifications").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(PURPOSE));
        given().header("Authorization", AUDITOR).header(PURPOSE, "ADMINISTRATION")
                .get("/v2/audit-records?childId=CP12345").then().statusCode(400)
                .body("errors[0].field", equalTo("childId"));
        given().header("Authorization", team).header(PURPOSE, "ADMINISTRATION").get("/v2/audit-records")
                .then().statusCode(403);
        given().header("Authorization", AUDITOR).get("/v2/accounts").then().statusCode(403);
    }

    @Test
    void theV1EnvelopesStillAnswerAndSayTheyAreSuperseded() {
        String team = AccountSuspensionTest.laTeam("kingston-admin-3", LA);
        superseded(given().header("Authorization", team).get("/accounts"), "/v2/accounts")
                .then().body("accounts", org.hamcrest.Matchers.notNullValue());
        superseded(given().header("Authorization", team).get("/investigations"), "/v2/investigations")
                .then().body("investigations", org.hamcrest.Matchers.notNullValue());
        superseded(given().header("Authorization", team).header(PURPOSE, "SAFEGUARDING").get("/access-notifications"),
                "/v2/access-notifications").then().body("totalNotifications", org.hamcrest.Matchers.notNullValue());
        superseded(given().header("Authorization", AUDITOR).header(PURPOSE, "ADMINISTRATION").get("/audit-records"),
                "/v2/audit-records").then().body("totalRecords", org.hamcrest.Matchers.notNullValue());
    }

    private static Response superseded(Response response, String successor) {
        response.then().statusCode(200)
                // RFC 9745: announced on 2026-12-07 (00:00 UTC); RFC 8594: may go 12 months on.
                .header("Deprecation", "@1796601600")
                .header("Sunset", "Tue, 07 Dec 2027 00:00:00 GMT")
                .header("Link", "<" + successor + ">; rel=\"successor-version\"");
        return response;
    }

    /** Follows the next links from the first page, checking every page but the last is full; the field of each item. */
    private static List<Object> walk(String token, String purpose, String first, int size, String field) {
        List<Object> values = new ArrayList<>();
        String next = first;
        int pages = 0;
        while (next != null) {
            var request = given().header("Authorization", token);
            if (purpose != null) {
                request.header(PURPOSE, purpose);
            }
            Response page = request.get(next).then().statusCode(200).contentType("application/json")
                    .extract().response();
            List<Object> items = page.jsonPath().getList(field.equals("event.action") ? "event.action" : field);
            String link = page.header("Link");
            Matcher matcher = link == null ? null : NEXT.matcher(link);
            next = matcher != null && matcher.find() ? pathOf(matcher.group(1)) : null;
            if (next != null) {
                page.then().body("$", hasSize(size));
                assertThat(next).contains("page=" + (pages + 1)).contains("size=" + size);
            }
            values.addAll(items);
            pages++;
            if (pages > 50) {
                throw new AssertionError("more than 50 pages from " + first);
            }
        }
        return values;
    }

    private static String pathOf(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static void openInvestigation(String userId) throws SQLException {
        try (Connection connection = Fixtures.superuser();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO misuse_investigation"
                     + " (investigation_id, alert_id, rule, summary, user_id, local_authority, account_suspended,"
                     + " opened_at) VALUES (?, ?, 'SEARCH_BURST', 'six searches in a minute', ?, ?, false, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, userId);
            insert.setString(4, LA);
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    /** A notice in the authority's inbox, as a view of a protected child leaves one (ChildAccessTest covers that). */
    private static void notice(String child, Instant viewedAt) throws SQLException {
        try (Connection connection = Fixtures.superuser();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO access_notification"
                     + " (notification_id, child_id, recipient_local_authority, vulnerabilities, viewed_at,"
                     + " viewer_user_id, viewer_name, purpose, record_sequence)"
                     + " VALUES (?, ?, ?, '{CHILD_PROTECTION_PLAN}', ?, 'gp', 'Dr Alan Reid', 'DIRECT_CARE', 1)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, child);
            insert.setString(3, LA);
            insert.setTimestamp(4, Timestamp.from(viewedAt));
            insert.executeUpdate();
        }
    }
}
