package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.as;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.involvementCount;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;
import static org.contactpoint.gateway.GatewayFixtures.sendChild;
import static org.contactpoint.gateway.GatewayFixtures.sendInvolvement;

/**
 * The service log is read by operators who are not entitled to a shielded child's whereabouts: nothing the gateway
 * logs while it stores, finds, shows and refuses such a child names the child's address, or a sensitive provider
 * that a malformed event tried to slip in.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LogLeakTest {

    @Test
    void noLogLineNamesAShieldedChildsAddressOrASensitiveProvider() {
        String postcode = "N1 7ZZ";
        String street = "Quietwater Mews " + UUID.randomUUID().toString().substring(0, 6);
        String provider = "Brookside Sexual Health " + UUID.randomUUID().toString().substring(0, 6);
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object p : record.getParameters()) {
                        line.append(' ').append(p);
                    }
                }
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    line.append(' ').append(t);
                }
                lines.add(line.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = LogManager.getLogManager().getLogger("");
        root.addHandler(capture);
        try {
            String family = GatewayFixtures.uniqueFamilyName("Quill");
            LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
            String id = newContactPointId();
            sendChild(new ChildEvent(id, 1, ChildEvent.ChildStatus.ACTIVE, null,
                    new ChildEvent.PersonName("Ada", family), List.of(), null, dob, ChildEvent.Gender.FEMALE, null,
                    new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.CURRENT_ADDRESS,
                            new ChildEvent.Address(List.of("3 " + street), "Hiddentown", postcode), null),
                    List.of(), List.of(), "E09000019", new ChildEvent.Shield(Instant.now(), dob.plusYears(20)),
                    List.of(), Instant.now()), ChildEventTypes.SHIELDED);
            // A sensitive involvement that wrongly names its provider: the event is refused, and so is the name.
            sendInvolvement(new InvolvementEvent(UUID.randomUUID().toString(), id, 1,
                    InvolvementEvent.Status.ACTIVE, "SEXUAL_HEALTH", true,
                    new InvolvementEvent.Organisation(provider, "SH-1"), null, null, LocalDate.of(2024, 1, 1), null,
                    false, false, "agency-system", Instant.now()));
            sendInvolvement(GatewayFixtures.sensitiveInvolvement(UUID.randomUUID().toString(), id));
            await("the shielded child", () -> heldVersion(id) == 1 && involvementCount(id) >= 1);

            as("log-probe", "practitioner").queryParam("familyName", family).queryParam("dateOfBirth", dob.toString())
                    .get("/children").then().statusCode(200);
            as("log-probe", "practitioner").get("/children/" + id).then().statusCode(200);
            as("log-probe", "practitioner").queryParam("familyName", family).queryParam("postcode", postcode)
                    .queryParam("gender", "FEMALE").get("/children").then().statusCode(200);
            as("log-probe", "practitioner").header("X-Break-Glass-Reason", "curious")
                    .get("/children/" + id).then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
            // The capture must see what the service logs: a line through the same logging, whatever else was logged.
            org.jboss.logging.Logger.getLogger(LogLeakTest.class).info("log-leak probe: the capture is attached");
        } finally {
            root.removeHandler(capture);
        }
        assertThat(lines).as("log lines captured").anyMatch(l -> l.contains("log-leak probe"));
        assertThat(lines).noneMatch(l -> l.contains(street) || l.contains("Hiddentown") || l.contains(provider));
    }
}
