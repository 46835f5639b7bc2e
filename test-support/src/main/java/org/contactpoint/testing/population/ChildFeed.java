package org.contactpoint.testing.population;

import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.json.EventJson;
import org.contactpoint.testing.TestKafkaClient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * identity.children.v1 as the national load publishes it (issue 17): one {@code registered} event per new child of
 * {@link DenseBirthdays} at national density, with what identity-service puts in it (name, former name where the
 * family name changed, address, carers with their phone, the NHS number and the source's own id, the responsible
 * local authority; a few children with social care flags or a shield). For the consumers' cost probes: each record is
 * ready to send, keyed by the child and carrying its CloudEvents headers.
 */
public final class ChildFeed {

    private ChildFeed() {
    }

    /**
     * {@code count} registrations of distinct children, born on as many birthdays as national density needs.
     *
     * @param run a number that makes this feed's ContactPoint IDs differ from any other run's (0 to 999)
     */
    public static List<TestKafkaClient.Outgoing> registrations(int count, int run, long seed) {
        int birthdays = Math.max(1, (count + DenseBirthdays.NATIONAL_DENSITY - 1) / DenseBirthdays.NATIONAL_DENSITY);
        List<DenseBirthdays.SourceRecord> records = DenseBirthdays.generate(seed, DenseBirthdays.birthdays(birthdays),
                DenseBirthdays.NATIONAL_DENSITY, 0.0, "feed" + run + "-").newChildren();
        List<TestKafkaClient.Outgoing> feed = new ArrayList<>(count);
        Instant at = Instant.parse("2026-12-07T09:00:00Z");
        for (int n = 0; n < count && n < records.size(); n++) {
            DenseBirthdays.SourceRecord record = records.get(n);
            String id = contactPointId(run, n);
            ChildEvent event = event(id, record, n, at.plusMillis(n));
            feed.add(new TestKafkaClient.Outgoing(id, EventJson.write(event), Map.of(
                    CloudEventHeaders.ID, "feed-" + run + "-" + n,
                    CloudEventHeaders.TYPE, ChildEventTypes.REGISTERED,
                    CloudEventHeaders.SOURCE, "identity-service",
                    CloudEventHeaders.SPEC_VERSION, "1.0")));
        }
        return feed;
    }

    /** A valid ContactPoint ID of its own for child {@code n} of run {@code run}. */
    public static String contactPointId(int run, int n) {
        String digits = String.format(Locale.ROOT, "%03d%06d", run % 1000, n);
        return "CP" + digits + ContactPointIds.checkDigit(digits);
    }

    private static ChildEvent event(String id, DenseBirthdays.SourceRecord record, int n, Instant at) {
        List<ChildEvent.FormerName> formerNames = n % 12 == 0
                ? List.of(new ChildEvent.FormerName(record.givenNames(), "Former" + record.familyName(),
                ChildEvent.FormerName.Kind.FORMER))
                : List.of();
        ChildEvent.Address address = record.postcode() == null ? null
                : new ChildEvent.Address(List.of((n % 200 + 1) + " " + STREETS[n % STREETS.length]), "Town",
                record.postcode());
        ChildEvent.Whereabouts whereabouts = address == null
                ? new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.NO_KNOWN_ADDRESS, null, null)
                : new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.CURRENT_ADDRESS, address, null);
        List<ChildEvent.ParentCarer> carers = record.carers().stream().map(c -> new ChildEvent.ParentCarer(c.name(),
                c.relationship().toUpperCase(Locale.ROOT), true, "07700 9" + String.format(Locale.ROOT, "%05d",
                n % 100_000), null, null)).toList();
        List<ChildEvent.SourceIdentifier> identifiers = new ArrayList<>();
        if (record.nhsNumber() != null) {
            identifiers.add(new ChildEvent.SourceIdentifier("NHS_NUMBER", record.nhsNumber(), DenseBirthdays.HEALTH));
        }
        identifiers.add(new ChildEvent.SourceIdentifier("SOURCE_ID", record.sourceId(), record.source()));
        // About one child in 50 known to social care, one in 500 shielded: what national data has.
        List<ChildEvent.Vulnerability> vulnerabilities = n % 50 == 7
                ? List.of(ChildEvent.Vulnerability.CHILDRENS_SOCIAL_CARE_FLAG) : List.of();
        ChildEvent.Shield shield = n % 500 == 11 ? new ChildEvent.Shield(at, LocalDate.of(2027, 6, 1)) : null;
        ChildEvent.Gender gender = switch (record.gender()) {
            case "MALE" -> ChildEvent.Gender.MALE;
            case "FEMALE" -> ChildEvent.Gender.FEMALE;
            default -> ChildEvent.Gender.NOT_SPECIFIED;
        };
        return new ChildEvent(id, 1, ChildEvent.ChildStatus.ACTIVE, null,
                new ChildEvent.PersonName(record.givenNames(), record.familyName()), formerNames, null,
                record.dateOfBirth(), gender, null, shield == null ? whereabouts : null, carers, identifiers,
                record.localAuthority(), shield, vulnerabilities, at);
    }

    private static final String[] STREETS = {"Rosebery Avenue", "High Street", "Station Road", "Church Lane",
            "Victoria Road", "Green Lane", "Manor Road", "Park Avenue"};
}
