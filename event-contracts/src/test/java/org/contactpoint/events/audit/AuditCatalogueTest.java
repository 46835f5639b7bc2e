package org.contactpoint.events.audit;

import org.contactpoint.events.EventCatalogueTest;
import org.junit.jupiter.params.provider.Arguments;

import java.util.stream.Stream;

/** audit-service's rows of the event catalogue: the audit stream, checkpoints, alerts and access notifications. */
class AuditCatalogueTest extends EventCatalogueTest {

    protected static Stream<Arguments> catalogue() {
        return Stream.of(
                Arguments.of(AuditRecordEvent.class, "audit.record.v1.schema.json", "audit.record.stored.v1.json"),
                Arguments.of(ChainCheckpoint.class, "audit.checkpoint.v1.schema.json",
                        "audit.chain.checkpointed.v1.json"),
                Arguments.of(MisuseAlert.class, "audit.alert.v1.schema.json", "audit.alert.raised.v1.json"),
                Arguments.of(AccessNotification.class, "audit.access-notification.v1.schema.json",
                        "audit.access.notified.v1.json"),
                Arguments.of(MisuseInvestigation.class, "audit.investigation.v1.schema.json",
                        "audit.investigation.opened.v1.json"));
    }
}
