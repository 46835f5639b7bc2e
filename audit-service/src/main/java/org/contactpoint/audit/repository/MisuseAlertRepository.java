package org.contactpoint.audit.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.domain.MisuseAlertRecord;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class MisuseAlertRepository implements PanacheRepositoryBase<MisuseAlertRecord, UUID> {

    /** Whether the rule already alerted about this user for an access that occurred after {@code since}. */
    public boolean alertedSince(String rule, String userId, Instant since) {
        return count("rule = ?1 AND userId = ?2 AND occurredAt > ?3", rule, userId, since) > 0;
    }
}
