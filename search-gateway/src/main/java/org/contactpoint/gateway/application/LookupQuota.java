package org.contactpoint.gateway.application;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.gateway.repository.LookupQuotaRepository;
import org.contactpoint.gateway.repository.LookupQuotaRepository.WindowCount;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Per-user lookup quotas, per calendar minute and per UTC day, counted in memory so that a lookup takes no database
 * round trip and no lock another user waits on (each user's count has its own monitor). Every
 * {@code contactpoint.gateway.quota.flush-interval} the counts of this instance are added to the totals in
 * {@code lookup_quota}, off the request path, and every total that grew since the last read (any instance's) is read
 * back, once at start-up for the whole day; a user first seen by this instance starts from those totals, held in
 * memory for the day, with no read on their lookup (practitioners make a few lookups each: that read was one more
 * database round trip on every few lookups). So with N instances a user can overshoot a limit by at most what the other
 * N - 1 instances admitted since this one's last read: (N - 1) x flush interval x the user's rate, and never more
 * than (N - 1) x the per-minute limit. System clients (case-management systems) have limits of their own.
 */
@ApplicationScoped
public class LookupQuota {

    private final LookupQuotaRepository totals;
    private final GatewayConfig config;
    private final Clock clock;
    private final Map<String, UserCount> users = new ConcurrentHashMap<>();
    /** Every instance's totals today, per user, as last read: where a user first seen here starts from. */
    private final Map<String, List<WindowCount>> counted = new ConcurrentHashMap<>();
    /** The database's time to read grown totals from next; null until the first read (which takes the whole day). */
    private Instant countedSince;
    private ScheduledExecutorService flusher;

    public LookupQuota(LookupQuotaRepository totals, GatewayConfig config, Clock clock) {
        this.totals = totals;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        long every = config.quota().flushInterval().toMillis();
        flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lookup-quota-flush");
            thread.setDaemon(true);
            return thread;
        });
        // Today's totals before the first lookup, so that a restarted instance starts from what was counted.
        flusher.execute(this::flushQuietly);
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        flushQuietly();
    }

    /**
     * Counts one lookup for the user, or refuses it when a quota is used up (a refused lookup is not counted).
     *
     * @param systemClient a case-management system: its own, higher limits
     */
    public void take(String userId, boolean systemClient) {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant day = now.truncatedTo(ChronoUnit.DAYS);
        int perDay = systemClient ? config.quota().system().perDay() : config.quota().perDay();
        int perMinute = systemClient ? config.quota().system().perMinute() : config.quota().perMinute();
        UserCount count = users.get(userId);
        if (count == null) {
            // First seen here (since start or since yesterday): start from what every instance had counted at the
            // last read, held in memory.
            count = users.computeIfAbsent(userId, id -> new UserCount(day, minute, counted.getOrDefault(id,
                    List.of())));
        }
        synchronized (count) {
            count.roll(day, minute);
            if (count.today() >= perDay) {
                throw new QuotaExceededException("You have made " + perDay
                        + " lookups today, the most allowed in a day", secondsUntil(now, day.plus(Duration.ofDays(1))),
                        "day", perDay, Duration.ofDays(1).toSeconds());
            }
            if (count.thisMinute() >= perMinute) {
                throw new QuotaExceededException("You have made " + perMinute
                        + " lookups this minute, the most allowed in a minute",
                        secondsUntil(now, minute.plus(Duration.ofMinutes(1))), "minute", perMinute,
                        Duration.ofMinutes(1).toSeconds());
            }
            count.dayNew++;
            count.minuteNew++;
            count.lastSeen = now;
        }
    }

    /** Gives back a lookup taken but never answered (its audit record could not be written). */
    public void giveBack(String userId) {
        UserCount count = users.get(userId);
        if (count == null) {
            return;
        }
        Instant now = clock.instant();
        synchronized (count) {
            if (count.day.equals(now.truncatedTo(ChronoUnit.DAYS))) {
                count.dayNew--;
            }
            if (count.minute.equals(now.truncatedTo(ChronoUnit.MINUTES))) {
                count.minuteNew--;
            }
        }
    }

    /** The user's lookups today as this instance knows them (every instance's at the last flush, plus its own since). */
    public int today(String userId) {
        UserCount count = users.get(userId);
        if (count == null) {
            return 0;
        }
        synchronized (count) {
            count.roll(clock.instant().truncatedTo(ChronoUnit.DAYS), clock.instant().truncatedTo(ChronoUnit.MINUTES));
            return count.today();
        }
    }

    /**
     * Adds this instance's new counts to the shared totals and reads back every instance's totals that grew since the
     * last read (the whole day at the first); forgets users not seen since before today.
     */
    public synchronized void flush() {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant day = now.truncatedTo(ChronoUnit.DAYS);
        List<WindowCount> added = new ArrayList<>();
        users.entrySet().removeIf(entry -> {
            UserCount count = entry.getValue();
            synchronized (count) {
                if (count.lastSeen.isBefore(day) && count.dayNew == 0) {
                    return true;
                }
                count.startFlush(entry.getKey(), minute).forEach(added::add);
                return false;
            }
        });
        added.sort(Comparator.comparing(WindowCount::userId).thenComparing(WindowCount::windowKind));
        Map<String, List<WindowCount>> known = new HashMap<>();
        boolean flushed = false;
        try {
            totals.add(added).forEach(total -> known.computeIfAbsent(total.userId(), id -> new ArrayList<>())
                    .add(total));
            flushed = true;
            readCounted(day, minute).forEach(total -> known.computeIfAbsent(total.userId(),
                    id -> new ArrayList<>()).add(total));
            totals.forgetEnded(added.stream().map(WindowCount::userId).distinct().toList(), day, minute);
        } finally {
            Set<String> touched = new HashSet<>(known.keySet());
            added.forEach(count -> touched.add(count.userId()));
            for (String userId : touched) {
                UserCount user = users.get(userId);
                if (user != null) {
                    synchronized (user) {
                        // Added: the totals now hold them. Not added: kept for the next flush rather than lost.
                        user.endFlush(flushed);
                        known.getOrDefault(userId, List.of()).forEach(user::shared);
                    }
                }
            }
        }
    }

    /**
     * Reads every total that grew since the last read into {@link #counted} (forgetting windows that have ended) and
     * returns them. The next read starts one flush interval before this one did, so a total another instance was
     * adding while this read ran is not missed (a total read twice changes nothing).
     */
    private List<WindowCount> readCounted(Instant day, Instant minute) {
        LookupQuotaRepository.CountedSince grown = totals.countedSince(countedSince == null ? day : countedSince, day,
                minute);
        countedSince = grown.readAt().minus(config.quota().flushInterval());
        counted.values().removeIf(windows -> windows.stream().noneMatch(w -> w.windowStart().equals(day)));
        for (WindowCount total : grown.totals()) {
            counted.merge(total.userId(), List.of(total), (held, now) -> {
                List<WindowCount> merged = new ArrayList<>(2);
                held.stream().filter(w -> !w.windowKind().equals(total.windowKind())
                        && (w.windowStart().equals(day) || w.windowStart().equals(minute))).forEach(merged::add);
                merged.addAll(now);
                return List.copyOf(merged);
            });
        }
        return grown.totals();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            Log.warnf("Could not flush the lookup counts (kept for the next flush): %s", e.getMessage());
        }
    }

    private static long secondsUntil(Instant now, Instant end) {
        return Math.max(1, Duration.between(now, end).toSeconds() + 1);
    }

    /**
     * One user's counts in the current day and minute: every instance's total at the last flush ({@code …Shared},
     * this instance's earlier lookups included), this instance's lookups being flushed ({@code …Flushing}) and since
     * ({@code …New}). Guarded by itself.
     */
    private static final class UserCount {
        private Instant day;
        private Instant minute;
        private int dayShared;
        private int minuteShared;
        private int dayFlushing;
        private int minuteFlushing;
        private int dayNew;
        private int minuteNew;
        private Instant lastSeen;

        UserCount(Instant day, Instant minute, List<WindowCount> totals) {
            this.day = day;
            this.minute = minute;
            this.lastSeen = day;
            totals.forEach(this::shared);
        }

        void roll(Instant currentDay, Instant currentMinute) {
            if (!currentDay.equals(day)) {
                day = currentDay;
                dayShared = 0;
                dayFlushing = 0;
                dayNew = 0;
            }
            if (!currentMinute.equals(minute)) {
                minute = currentMinute;
                minuteShared = 0;
                minuteFlushing = 0;
                minuteNew = 0;
            }
        }

        int today() {
            return dayShared + dayFlushing + dayNew;
        }

        int thisMinute() {
            return minuteShared + minuteFlushing + minuteNew;
        }

        /** Moves the new counts of the current windows into flushing; returns them (a past minute's are dropped). */
        List<WindowCount> startFlush(String userId, Instant currentMinute) {
            List<WindowCount> counts = new ArrayList<>(2);
            if (dayNew != 0) {
                counts.add(new WindowCount(userId, "DAY", day, dayNew));
            }
            if (minuteNew != 0 && minute.equals(currentMinute)) {
                counts.add(new WindowCount(userId, "MINUTE", minute, minuteNew));
            }
            dayFlushing = dayNew;
            minuteFlushing = minute.equals(currentMinute) ? minuteNew : 0;
            dayNew = 0;
            minuteNew = 0;
            return counts;
        }

        void endFlush(boolean added) {
            if (!added) {
                dayNew += dayFlushing;
                minuteNew += minuteFlushing;
            }
            dayFlushing = 0;
            minuteFlushing = 0;
        }

        void shared(WindowCount total) {
            if ("DAY".equals(total.windowKind()) && total.windowStart().equals(day)) {
                dayShared = total.lookups();
            } else if ("MINUTE".equals(total.windowKind()) && total.windowStart().equals(minute)) {
                minuteShared = total.lookups();
            }
        }
    }
}
