package org.contactpoint.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/** The misuse rules: each can be switched off and tuned. README's rules table says why each default is what it is. */
@ConfigMapping(prefix = "contactpoint.rules")
public interface RulesConfig {

    SearchBurst searchBurst();

    OwnFamilyName ownFamilyName();

    BreakGlass breakGlass();

    ShieldedAccess shieldedAccess();

    OutOfHours outOfHours();

    UnrelatedChildren unrelatedChildren();

    interface SearchBurst {
        /** Whether bursts of searches by one user raise alerts. */
        @WithDefault("true")
        boolean enabled();

        /** How many searches within the window raise an alert. */
        @WithDefault("30")
        int searches();

        /** The sliding window the searches are counted in; at most one alert per user per window. */
        @WithDefault("10m")
        Duration window();
    }

    interface OwnFamilyName {
        /** Whether a search for the searcher's own family name raises an alert. */
        @WithDefault("true")
        boolean enabled();
    }

    interface BreakGlass {
        /** Whether revealing protected details with a break-glass reason raises an alert (every time). */
        @WithDefault("true")
        boolean enabled();
    }

    interface ShieldedAccess {
        /** Whether an answer that included a shielded child raises an alert. */
        @WithDefault("true")
        boolean enabled();
    }

    interface OutOfHours {
        /** Whether lookups outside working hours raise alerts. */
        @WithDefault("true")
        boolean enabled();

        /** Start of the working day (local time in {@link #zone()}). */
        @WithDefault("07:00")
        LocalTime start();

        /** End of the working day (local time in {@link #zone()}); an access at this time is outside. */
        @WithDefault("20:00")
        LocalTime end();

        /** The days that are working days. */
        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        Set<DayOfWeek> workingDays();

        /** The time zone working hours are in. */
        @WithDefault("Europe/London")
        ZoneId zone();

        /** The actions the rule looks at: lookups by people, not feeds from case-management systems. */
        @WithDefault("SEARCH,VIEW_RECORD")
        Set<String> actions();
    }

    interface UnrelatedChildren {
        /** Whether searching many children without going on to record any involvement raises alerts. */
        @WithDefault("true")
        boolean enabled();

        /** How many different children, none of them later recorded as involved with the user's organisation. */
        @WithDefault("15")
        int children();

        /** The period whose searches and record views are counted together: consecutive windows from the epoch (UTC days by default). */
        @WithDefault("P1D")
        Duration window();

        /** How long after that period an organisation has to record an involvement before the alert is raised. */
        @WithDefault("P7D")
        Duration grace();

        /** How often the rule is evaluated (a Quarkus scheduler interval, e.g. 1h). */
        @WithDefault("1h")
        String evaluateEvery();
    }
}
