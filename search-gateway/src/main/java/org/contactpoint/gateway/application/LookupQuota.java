package org.contactpoint.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.gateway.repository.LookupQuotaRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Per-user lookup quotas, per calendar minute and per UTC day, counted in the database so that every gateway
 * instance shares them. The count is taken in the lookup's own transaction: a refused or failed lookup is not counted.
 */
@ApplicationScoped
public class LookupQuota {

    private final LookupQuotaRepository counts;
    private final GatewayConfig config;
    private final Clock clock;

    public LookupQuota(LookupQuotaRepository counts, GatewayConfig config, Clock clock) {
        this.counts = counts;
        this.config = config;
        this.clock = clock;
    }

    /** Counts one lookup for the user, or refuses it when a quota is used up. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void take(String userId) {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant day = now.truncatedTo(ChronoUnit.DAYS);
        LookupQuotaRepository.Counts made = counts.count(userId, day, minute);
        if (made.today() == 1) {
            // The user's first lookup today: their windows from before today are no longer needed.
            counts.forgetBefore(userId, day);
        }
        if (made.today() > config.quota().perDay()) {
            throw new QuotaExceededException("You have made " + config.quota().perDay()
                    + " lookups today, the most allowed in a day", secondsUntil(now, day.plus(Duration.ofDays(1))));
        }
        if (made.thisMinute() > config.quota().perMinute()) {
            throw new QuotaExceededException("You have made " + config.quota().perMinute()
                    + " lookups this minute, the most allowed in a minute",
                    secondsUntil(now, minute.plus(Duration.ofMinutes(1))));
        }
    }

    private static long secondsUntil(Instant now, Instant end) {
        return Math.max(1, Duration.between(now, end).toSeconds() + 1);
    }
}
