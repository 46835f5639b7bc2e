package org.contactpoint.events.identity;

import org.contactpoint.events.EventCatalogueTest;
import org.junit.jupiter.params.provider.Arguments;

import java.util.stream.Stream;

/** identity-service's rows of the event catalogue: child events of several types, and the source-record feed. */
class IdentityCatalogueTest extends EventCatalogueTest {

    protected static Stream<Arguments> catalogue() {
        return Stream.of(
                Arguments.of(ChildEvent.class, "identity.child.v1.schema.json", "identity.child.registered.v1.json"),
                Arguments.of(ChildEvent.class, "identity.child.v1.schema.json",
                        "identity.child.moved-local-authority.v1.json"),
                Arguments.of(ChildEvent.class, "identity.child.v1.schema.json", "identity.child.merged.v1.json"),
                Arguments.of(SourceRecord.class, "identity.source-record.v1.schema.json",
                        "identity.source-record.submitted.v1.json"));
    }
}
