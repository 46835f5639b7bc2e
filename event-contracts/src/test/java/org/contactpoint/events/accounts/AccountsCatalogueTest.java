package org.contactpoint.events.accounts;

import org.contactpoint.events.EventCatalogueTest;
import org.junit.jupiter.params.provider.Arguments;

import java.util.stream.Stream;

/** The account suspensions every service reads (published by audit-service). */
class AccountsCatalogueTest extends EventCatalogueTest {

    protected static Stream<Arguments> catalogue() {
        return Stream.of(Arguments.of(AccountSuspension.class, "audit.account-suspension.v1.schema.json",
                "audit.account.suspended.v1.json"));
    }
}
