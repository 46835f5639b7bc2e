package org.contactpoint.involvement;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A webhook reaches the public internet only (issue 16, SSRF): never a private, loopback, link-local or metadata
 * address, whether written as an address or reached through a name, at registration and again at each push; a
 * redirect is not followed. Tests may reach 127.0.0.1 alone (configured), so 127.0.0.2 stands for the loopback.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class WebhookTargetTest {

    @Test
    void aWebhookThatReachesAPrivateLoopbackLinkLocalOrMetadataAddressIsRefusedAtRegistration() throws Exception {
        Organisation school = Organisation.unique("School");
        PointableResolver.point("metadata" + PointableResolver.DOMAIN, "169.254.169.254");
        PointableResolver.point("intranet" + PointableResolver.DOMAIN, "10.1.2.3");
        for (String url : List.of("http://127.0.0.2:8080/hook", "http://0.0.0.0:8080/hook",
                "http://10.0.0.1/hook", "http://172.16.5.4/hook", "http://192.168.1.1/hook",
                "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/hook", "http://[::1]:8080/hook",
                "http://[fe80::1]/hook", "http://[fd00:ec2::254]/latest/meta-data/", "http://[::ffff:10.0.0.1]/hook",
                "http://2130706434/hook", "http://metadata.webhook.test/latest/meta-data/",
                "http://intranet.webhook.test/hook")) {
            given().header("Authorization", school.agency()).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + url + "\"}").put("/notifications/webhook")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"));
        }
        given().header("Authorization", school.agency()).contentType(ContentType.JSON)
                .body("{\"url\":\"http://nowhere.webhook.test/hook\"}").put("/notifications/webhook")
                .then().statusCode(400).body("errors[0].field", equalTo("url"))
                .body("errors[0].reason", containsString("does not resolve"));
        assertThat(queryLong("SELECT count(*) FROM webhook WHERE organisation_code = ?", school.code())).isZero();
    }

    @Test
    void aPushIsNotMadeToAnAddressThatIsNotPublicAndARedirectIsNotFollowed() throws Exception {
        BlockingQueue<String> reached = new LinkedBlockingQueue<>();
        // Listens on every local address, 127.0.0.2 included: whatever reaches it was let through.
        HttpServer inside = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        inside.createContext("/", exchange -> {
            reached.add(exchange.getLocalAddress().getAddress().getHostAddress() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        inside.start();
        HttpServer redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        redirecting.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location",
                    "http://127.0.0.2:" + inside.getAddress().getPort() + "/redirected");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        redirecting.start();
        try {
            // A webhook stored before the rule (or one whose name now points inside) is checked again at the push.
            Organisation school = Organisation.unique("School");
            registeredUnchecked(school.code(), "http://127.0.0.2:" + inside.getAddress().getPort() + "/hook");
            Organisation surgery = Organisation.unique("Surgery");
            String redirectingUrl = "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/hook";
            given().header("Authorization", surgery.agency()).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + redirectingUrl + "\"}").put("/notifications/webhook")
                    .then().statusCode(200);
            Organisation clinic = Organisation.unique("Clinic");

            String child = newChildId();
            knownChild(child, 1, uniqueLocalAuthority());
            NotificationInboxTest.submit(school, school.submission(uniqueSubmissionId("ssrf"), child, "SCHOOL"));
            NotificationInboxTest.submit(surgery, surgery.submission(uniqueSubmissionId("ssrf"), child, "GP"));
            NotificationInboxTest.submit(clinic, clinic.submission(uniqueSubmissionId("ssrf"), child, "SCHOOL_NURSE"));

            awaitAttempted(school.code());
            awaitAttempted(surgery.code());
            assertThat(reached.poll(1, TimeUnit.SECONDS)).as("a push that reached the inside").isNull();
            assertThat(queryLong("SELECT count(*) FROM notification WHERE recipient = ? AND webhook_delivered_at"
                    + " IS NOT NULL", school.code())).isZero();
            assertThat(queryLong("SELECT count(*) FROM notification WHERE recipient = ? AND webhook_delivered_at"
                    + " IS NOT NULL", surgery.code())).isZero();
        } finally {
            redirecting.stop(0);
            inside.stop(0);
        }
    }

    private static void registeredUnchecked(String organisationCode, String url) throws Exception {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO webhook (organisation_code, url, secret, registered_by, registered_at)
                     VALUES (?, ?, 'a-secret-of-the-organisation', 'before the rule', now())""")) {
            insert.setString(1, organisationCode);
            insert.setString(2, url);
            insert.executeUpdate();
        }
    }

    /** Waits until every push due to the organisation's webhook was delivered or tried at least twice. */
    private static void awaitAttempted(String organisationCode) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Long untried = queryLong("SELECT count(*) FROM notification WHERE recipient = ? AND webhook_attempts < 2"
                            + " AND webhook_delivered_at IS NULL",
                    organisationCode);
            Long tried = queryLong("SELECT count(*) FROM notification WHERE recipient = ?", organisationCode);
            if (tried > 0 && untried == 0) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("the webhook of " + organisationCode + " was never tried twice");
    }
}
