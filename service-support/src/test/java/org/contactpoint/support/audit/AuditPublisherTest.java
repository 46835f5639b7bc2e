package org.contactpoint.support.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.messaging.MessagingConfig;
import org.contactpoint.support.tracing.Tracing;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With no broker to acknowledge it (a closed port), recording an access fails within the send timeout instead of
 * hanging or succeeding: the real Kafka client, no broker stand-in. The acknowledged path is tested by the services
 * that publish through it, on a real broker.
 */
class AuditPublisherTest {

    @Test
    void anUnacknowledgedRecordFailsWithinTheSendTimeout() throws Exception {
        refusedWithin(Duration.ZERO);
    }

    @Test
    void aLingeringProducerStillRefusesAnUnacknowledgedRecord() throws Exception {
        // Gathering events into fewer produce requests must not answer an access before its own acknowledgement.
        refusedWithin(Duration.ofMillis(100));
    }

    private static void refusedWithin(Duration linger) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Duration timeout = Duration.ofMillis(500);
        AuditPublisher publisher = new AuditPublisher(messaging("127.0.0.1:" + closedPort), audit(timeout, linger),
                new ObjectMapper().registerModule(new JavaTimeModule()), Map.of(), Tracing.none());
        try {
            AuditEvent event = AuditEvent.builder(UUID.randomUUID().toString(), Instant.now(), "test-service",
                    new AuditEvent.Actor("user", "User", List.of("practitioner"), "Org", "ORG1", "E09000001"))
                    .action("VIEW_RECORD").build();
            long started = System.nanoTime();
            assertThatThrownBy(() -> publisher.record(event)).isInstanceOf(AuditUnavailable.class)
                    .hasMessageContaining("did not acknowledge");
            // Bounded by the timeout (with room for a slow machine), not the client's default of a minute or more.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        } finally {
            publisher.close();
        }
    }

    private static AuditConfig audit(Duration timeout, Duration linger) {
        return new AuditConfig() {
            @Override
            public String topic() {
                return "test.audit-events.v1";
            }

            @Override
            public boolean recordRefusals() {
                return false;
            }

            @Override
            public Duration sendTimeout() {
                return timeout;
            }

            @Override
            public Duration linger() {
                return linger;
            }
        };
    }

    private static MessagingConfig messaging(String bootstrap) {
        return new MessagingConfig() {
            @Override
            public String serviceName() {
                return "test-service";
            }

            @Override
            public String bootstrapServers() {
                return bootstrap;
            }

            @Override
            public Outbox outbox() {
                throw new UnsupportedOperationException("the publisher does not use the outbox");
            }
        };
    }
}
