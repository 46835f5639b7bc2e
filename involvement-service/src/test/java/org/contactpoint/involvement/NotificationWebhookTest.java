package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;
import static org.hamcrest.Matchers.equalTo;

/**
 * An organisation may also have its notifications pushed to a webhook of its own: each body signed with HMAC-SHA256
 * under the secret it was given when it registered, retried with backoff until its receiver accepts it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class NotificationWebhookTest {

    record Delivery(String body, String signature, String notificationId) {
    }

    @Test
    void aNotificationIsPushedSignedToTheOrganisationsWebhookAndRetriedUntilAccepted() throws Exception {
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        AtomicInteger refuseFirst = new AtomicInteger(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(new Delivery(body, exchange.getRequestHeaders().getFirst("X-ContactPoint-Signature"),
                    exchange.getRequestHeaders().getFirst("X-ContactPoint-Notification-Id")));
            exchange.sendResponseHeaders(refuseFirst.getAndDecrement() > 0 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Organisation school = Organisation.unique("School");
            Organisation gp = Organisation.unique("Surgery");
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            given().header("Authorization", school.agency()).contentType(ContentType.JSON)
                    .body("{\"url\":\"ftp://127.0.0.1/hook\"}").put("/notifications/webhook")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"));
            given().header("Authorization", school.practitioner()).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + url + "\"}").put("/notifications/webhook").then().statusCode(403);
            String secret = given().header("Authorization", school.agency()).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + url + "\"}").put("/notifications/webhook")
                    .then().statusCode(200).body("url", equalTo(url)).extract().path("secret");
            assertThat(secret).hasSizeGreaterThanOrEqualTo(40);

            String child = newChildId();
            knownChild(child, 1, uniqueLocalAuthority());
            NotificationInboxTest.submit(school, school.submission(uniqueSubmissionId("hook"), child, "SCHOOL"));
            NotificationInboxTest.submit(gp, gp.submission(uniqueSubmissionId("hook"), child, "GP"));

            Delivery refused = deliveries.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            Delivery accepted = deliveries.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(refused).isNotNull();
            assertThat(accepted).isNotNull();
            assertThat(accepted.body()).isEqualTo(refused.body());
            String expected = "sha256=" + HexFormat.of().formatHex(hmac(secret, accepted.body()));
            assertThat(accepted.signature()).isEqualTo(expected);

            List<JsonNode> inbox = inbox(school.practitioner(), child);
            assertThat(inbox).hasSize(1);
            String id = inbox.get(0).path("notificationId").asText();
            JsonNode pushed = json(accepted.body());
            assertThat(pushed.path("notificationId").asText()).isEqualTo(id);
            assertThat(accepted.notificationId()).isEqualTo(id);
            assertThat(pushed.path("type").asText()).isEqualTo(NotificationInboxTest.NEW_INVOLVEMENT);
            assertThat(pushed.path("contactPointId").asText()).isEqualTo(child);
            assertThat(pushed.path("recipient").path("organisationCode").asText()).isEqualTo(school.code());
            assertThat(pushed.path("newService").path("organisationCode").asText()).isEqualTo(gp.code());

            awaitDelivered(id);
            // Nothing else was pushed: the surgery has no webhook, and a delivered notice is not sent again.
            assertThat(deliveries.poll(2, TimeUnit.SECONDS)).isNull();
        } finally {
            receiver.stop(0);
        }
    }

    static byte[] hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    }

    static void awaitDelivered(String id) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (queryLong("SELECT count(*) FROM notification WHERE id::text = ? AND webhook_delivered_at IS NOT NULL",
                    id) == 1) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("notification " + id + " was never marked delivered");
    }
}
