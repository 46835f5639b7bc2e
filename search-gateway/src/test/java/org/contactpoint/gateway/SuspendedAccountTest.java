package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.accounts.AccountSuspension;
import org.contactpoint.support.accounts.SuspendedAccounts;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.as;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;
import static org.hamcrest.Matchers.equalTo;

/**
 * A suspension published by audit-service (its LA team or a misuse rule) refuses the account's next lookup at the
 * gateway, although the token has hours to run; the refusal is audited; a reinstatement (a tombstone) lets it look up
 * again.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SuspendedAccountTest {

    @Inject
    SuspendedAccounts suspended;

    @Test
    void aSuspendedAccountsNextLookupIsRefusedAndAudited() {
        String user = "suspended-gp-" + UUID.randomUUID().toString().substring(0, 8);
        String unknown = newContactPointId();
        as(user, "practitioner").queryParam("contactPointId", unknown).get("/children").then().statusCode(200);

        TestKafkaClient.send(AccountSuspension.TOPIC, user, GatewayFixtures.write(new AccountSuspension(user,
                "SUSPENDED", "HIGH alert: search burst", "E09000019", Instant.now(), "SEARCH_BURST")),
                Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE,
                        AccountSuspension.SUSPENDED));
        await("the suspension read", () -> suspended.of(user).isPresent());
        as(user, "practitioner").queryParam("contactPointId", unknown).get("/children").then().statusCode(403)
                .contentType("application/problem+json").body("title", equalTo("Account suspended"));

        List<ConsumerRecord<String, String>> audits = TestKafkaClient.readUntil(Topics.GATEWAY_AUDIT_EVENTS,
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> r.value().contains("\"" + user + "\"")
                        && r.value().contains("account suspended")));
        assertThat(audits).anyMatch(r -> r.value().contains("\"" + user + "\"") && r.value().contains("\"DENIED\""));

        TestKafkaClient.send(AccountSuspension.TOPIC, user, null, Map.of(CloudEventHeaders.ID,
                UUID.randomUUID().toString(), CloudEventHeaders.TYPE, AccountSuspension.REINSTATED));
        await("the reinstatement read", () -> suspended.of(user).isEmpty());
        as(user, "practitioner").queryParam("contactPointId", unknown).get("/children").then().statusCode(200);
    }
}
