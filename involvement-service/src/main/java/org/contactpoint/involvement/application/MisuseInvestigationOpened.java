package org.contactpoint.involvement.application;

import java.time.Instant;
import java.util.UUID;

/** audit-service opened a misuse investigation into a user: whom to tell, and what (no child data). */
public record MisuseInvestigationOpened(UUID investigationId, String rule, String userId, String userName,
                                        String organisation, String organisationCode, String localAuthority,
                                        boolean accountSuspended, Instant openedAt) {
}
