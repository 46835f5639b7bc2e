package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.config.RecentAccessConfig;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.ChildProfile;
import org.contactpoint.audit.repository.AuditRecordRepository;
import org.contactpoint.audit.repository.ChildInvolvementRepository;
import org.contactpoint.audit.repository.ChildProfileRepository;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.AuditEvent.Outcome;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Who has looked at a child's record: the subject access report and the lead professional's recent accesses. */
@ApplicationScoped
public class ChildAccessService {

    /** As the NHS child-protection information-sharing service shows. */
    public static final int RECENT_ACCESSES = 25;
    private static final int REPORT_LIMIT = 10_000;

    private final AuditRecordRepository records;
    private final ChildProfileRepository children;
    private final ChildInvolvementRepository involvements;
    private final ChainedEvents chained;
    private final AccessRecorder recorder;
    private final Set<String> sensitiveOrganisations;
    private final Clock clock;

    public ChildAccessService(AuditRecordRepository records, ChildProfileRepository children,
                              ChildInvolvementRepository involvements, ChainedEvents chained,
                              AccessRecorder recorder, RecentAccessConfig config, Clock clock) {
        this.sensitiveOrganisations = config.sensitiveOrganisationCodes().orElse(Set.of());
        this.records = records;
        this.children = children;
        this.involvements = involvements;
        this.chained = chained;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Transactional
    public ChildAccessReport accessReport(String childId, Caller caller, PurposeOfUse purpose) {
        boolean shieldedNow = children.findByIdOptional(childId).map(ChildProfile::shielded).orElse(false);
        List<ChildAccessReport.Access> accesses = records.forChild(childId, REPORT_LIMIT).stream()
                .map(record -> access(record, childId, shieldedNow)).toList();
        recorder.record(caller, purpose, "ACCESS_REPORT", Outcome.SUCCESS, Map.of("childId", childId), List.of(childId),
                accesses.isEmpty() ? 0 : 1);
        return new ChildAccessReport(childId, clock.instant(), shieldedNow, accesses.size(), accesses);
    }

    /**
     * The newest accesses by other services' users, for the organisation holding the active lead professional role.
     * The viewer's organisation is replaced by their roles when the child is shielded (always: an organisation can
     * give away where the child lives), when the access itself showed a shielded child, or when the viewer's
     * organisation is a configured sensitive service (it would tell which sensitive service works with the child).
     *
     * @return empty when the caller's organisation is not the lead professional's (the refusal is recorded, and
     *         committed, before the caller is told)
     */
    @Transactional
    public Optional<List<RecentAccessSeen>> recentAccesses(String childId, Caller caller, PurposeOfUse purpose) {
        if (caller.organisationCode() == null || !involvements.isActiveLeadProfessional(caller.organisationCode(), childId)) {
            recorder.record(caller, purpose, "RECENT_ACCESSES", Outcome.DENIED, Map.of("childId", childId), List.of(childId), 0);
            return Optional.empty();
        }
        boolean shieldedNow = children.findByIdOptional(childId).map(ChildProfile::shielded).orElse(false);
        List<RecentAccessSeen> recent = records.recentForChild(childId, AccessRecorder.SOURCE, RECENT_ACCESSES).stream()
                .map(record -> recentAccess(chained.of(record), shieldedNow)).toList();
        recorder.record(caller, purpose, "RECENT_ACCESSES", Outcome.SUCCESS, Map.of("childId", childId), List.of(childId), 1);
        return Optional.of(recent);
    }

    private RecentAccessSeen recentAccess(AuditEvent event, boolean shieldedNow) {
        AuditEvent.Actor actor = event.actor();
        boolean withheld = shieldedNow || event.shieldedAccessed()
                || (actor.organisationCode() != null && sensitiveOrganisations.contains(actor.organisationCode()));
        return new RecentAccessSeen(event.occurredAt(), actor.name(), withheld ? null : actor.organisation(),
                withheld ? List.copyOf(actor.roles() == null ? List.of() : actor.roles()) : null, withheld,
                event.action(), event.purpose());
    }

    /**
     * For a child shielded now, or an access that showed a shielded child, everything that could say where the child
     * lives is withheld: what was searched for (a postcode, an address), the viewer's organisation (the school or
     * surgery near the child) and the break-glass reason (a hospital, a town). Who, when, what, why and how many stay.
     */
    private ChildAccessReport.Access access(AuditRecord record, String childId, boolean shieldedNow) {
        AuditEvent event = chained.of(record);
        boolean withheld = shieldedNow || event.shieldedAccessed();
        int others = (int) record.childIds().stream().filter(id -> !id.equals(childId)).count();
        boolean brokeGlass = event.breakGlassReason() != null && !event.breakGlassReason().isBlank();
        return new ChildAccessReport.Access(record.sequence(), event.occurredAt(), event.service(), event.action(),
                event.outcome(), event.actor().userId(), event.actor().name(),
                withheld ? null : event.actor().organisation(), withheld ? null : event.actor().organisationCode(),
                event.purpose(), withheld ? null : event.breakGlassReason(), brokeGlass,
                withheld ? null : event.query(), withheld, others);
    }
}
