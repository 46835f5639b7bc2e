package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.config.RulesConfig;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.FamilyNames;
import org.contactpoint.audit.domain.Rule;
import org.contactpoint.audit.domain.WorkingHours;
import org.contactpoint.audit.repository.AuditRecordRepository;
import org.contactpoint.audit.repository.MisuseAlertRepository;
import org.contactpoint.events.audit.AuditEvent;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The rules that look at one stored access as it arrives. (Searching many children without later recording an
 * involvement needs time to pass: {@link UnrelatedChildrenRule}.)
 */
@ApplicationScoped
public class MisuseRules {

    static final String SEARCH = "SEARCH";
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.UK);

    private final RulesConfig config;
    private final AuditRecordRepository records;
    private final MisuseAlertRepository raisedAlerts;
    private final Alerts alerts;

    public MisuseRules(RulesConfig config, AuditRecordRepository records, MisuseAlertRepository raisedAlerts,
                       Alerts alerts) {
        this.config = config;
        this.records = records;
        this.raisedAlerts = raisedAlerts;
        this.alerts = alerts;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void evaluate(AuditRecord record, AuditEvent event) {
        List<Long> sequence = List.of(record.sequence());
        List<String> children = event.childIds() == null ? List.of() : event.childIds();
        AuditEvent.Actor actor = event.actor();
        String who = actor.userId() + " (" + (actor.name() == null ? "no name" : actor.name())
                + (actor.organisation() == null ? "" : ", " + actor.organisation()) + ")";

        if (config.breakGlass().enabled() && event.breakGlassReason() != null && !event.breakGlassReason().isBlank()) {
            alerts.raise(Rule.BREAK_GLASS, actor, event.occurredAt(),
                    who + " broke the glass on " + event.action() + ": " + event.breakGlassReason(), sequence,
                    children);
        }
        boolean succeeded = AuditEvent.Outcome.SUCCESS.name().equals(event.outcome());
        if (config.shieldedAccess().enabled() && succeeded && event.shieldedAccessed()) {
            alerts.raise(Rule.SHIELDED_ACCESS, actor, event.occurredAt(),
                    who + " was shown a shielded child (" + event.action() + ")", sequence, children);
        }
        if (config.ownFamilyName().enabled() && SEARCH.equals(event.action()) && event.query() != null) {
            String searched = event.query().get("familyName");
            if (FamilyNames.same(searched, FamilyNames.ofDisplayName(actor.name()))) {
                alerts.raise(Rule.OWN_FAMILY_NAME, actor, event.occurredAt(),
                        who + " searched for their own family name " + searched, sequence, children);
            }
        }
        RulesConfig.OutOfHours hours = config.outOfHours();
        if (hours.enabled() && hours.actions().contains(event.action())) {
            WorkingHours working = new WorkingHours(hours.start(), hours.end(), hours.workingDays(), hours.zone());
            if (!working.contains(event.occurredAt())) {
                alerts.raise(Rule.OUT_OF_HOURS, actor, event.occurredAt(),
                        who + " made a " + event.action() + " outside working hours, at "
                                + LOCAL_TIME.format(event.occurredAt().atZone(hours.zone())) + " " + zone(hours.zone()),
                        sequence, children);
            }
        }
        if (config.searchBurst().enabled() && SEARCH.equals(event.action())) {
            searchBurst(event, actor, who);
        }
    }

    private void searchBurst(AuditEvent event, AuditEvent.Actor actor, String who) {
        RulesConfig.SearchBurst burst = config.searchBurst();
        Instant windowStart = event.occurredAt().minus(burst.window());
        List<AuditRecord> searches = records.searchesBy(actor.userId(), SEARCH, windowStart, event.occurredAt());
        if (searches.size() >= burst.searches()
                && !raisedAlerts.alertedSince(Rule.SEARCH_BURST.name(), actor.userId(), windowStart)) {
            alerts.raise(Rule.SEARCH_BURST, actor, event.occurredAt(),
                    who + " made " + searches.size() + " searches within " + burst.window().toMinutes() + " minutes",
                    searches.stream().map(AuditRecord::sequence).toList(),
                    searches.stream().flatMap(r -> r.childIds().stream()).distinct().toList());
        }
    }

    private static String zone(ZoneId zone) {
        return zone.getId();
    }
}
