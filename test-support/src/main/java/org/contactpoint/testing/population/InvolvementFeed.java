package org.contactpoint.testing.population;

import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.events.json.EventJson;
import org.contactpoint.testing.TestKafkaClient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * involvement.involvements.v2 as an agency's initial load publishes it (issue 17): one {@code started} event per
 * involvement, keyed by its id, as involvement-service's outbox relay sends it: 2-4 a child (the GP practice; under
 * five a health visitor; from five a school and for one in two the school nurse; 6 % children's social care as lead
 * professional), with the organisation, a practitioner where the service names one, and a phone. For the consumers'
 * cost probes.
 */
public final class InvolvementFeed {

    private static final Instant AT = Instant.parse("2026-12-07T09:00:00Z");

    private InvolvementFeed() {
    }

    /** {@code count} started involvements of round {@code run} (0 to 999), children in order. */
    public static List<TestKafkaClient.Outgoing> started(int count, int run) {
        List<TestKafkaClient.Outgoing> feed = new ArrayList<>(count);
        for (int child = 0; feed.size() < count; child++) {
            String contactPointId = ChildFeed.contactPointId(run, child);
            int age = child % 18;
            LocalDate born = LocalDate.of(2026, 12, 7).minusYears(age).minusDays(child % 365);
            List<InvolvementEvent> events = new ArrayList<>(4);
            events.add(event(run, feed.size(), contactPointId, "GP", "Probe " + child % 7 + " Medical Practice",
                    "G" + child % 7, null, born.plusWeeks(6), false));
            if (age < 5) {
                events.add(event(run, feed.size() + 1, contactPointId, "HEALTH_VISITOR",
                        "Probe Health Visiting Service", "HVPROBE", "Ms Amina Okafor", born.plusDays(10), false));
            } else {
                events.add(event(run, feed.size() + 1, contactPointId, "SCHOOL", "Probe " + child % 19 + " School",
                        "URN" + child % 19, null, LocalDate.of(born.getYear() + 5, 9, 1), false));
                if (child % 2 == 0) {
                    events.add(event(run, feed.size() + events.size(), contactPointId, "SCHOOL_NURSE",
                            "Probe School Nursing Service", "SNPROBE", "Ms Ruth Adeyemi",
                            LocalDate.of(born.getYear() + 5, 9, 1), false));
                }
            }
            if (child % 50 < 3) {
                events.add(event(run, feed.size() + events.size(), contactPointId, "CHILDRENS_SOCIAL_CARE",
                        "Probe Children's Social Care", "CSCPROBE", "Mr Tomasz Nowak", born.plusYears(1), true));
            }
            for (InvolvementEvent event : events) {
                if (feed.size() < count) {
                    feed.add(new TestKafkaClient.Outgoing(event.involvementId(), EventJson.write(event), Map.of(
                            CloudEventHeaders.ID, "involvement-feed-" + event.involvementId(),
                            CloudEventHeaders.TYPE, InvolvementEventTypes.STARTED,
                            CloudEventHeaders.SOURCE, "involvement-service",
                            CloudEventHeaders.SPEC_VERSION, "1.0")));
                }
            }
        }
        return feed;
    }

    /** The LIKE pattern of round {@code run}'s involvement ids. */
    public static String idPrefix(int run) {
        return id(run, 0).substring(0, 13) + "%";
    }

    private static InvolvementEvent event(int run, int n, String contactPointId, String serviceType,
                                          String organisation, String code, String practitioner, LocalDate start,
                                          boolean lead) {
        return new InvolvementEvent(id(run, n), contactPointId, 1, InvolvementEvent.Status.ACTIVE, serviceType, false,
                new InvolvementEvent.Organisation(organisation, code),
                practitioner == null ? null : new InvolvementEvent.Practitioner(practitioner, serviceType
                        .toLowerCase(Locale.ROOT).replace('_', ' ')),
                new InvolvementEvent.Contact("020 7946 0" + String.format(Locale.ROOT, "%03d", n % 1000), null),
                start, null, lead, false, "probe-agency-" + code, AT.plusMillis(n), null);
    }

    /** A UUID-shaped id of its own for involvement {@code n} of round {@code run}. */
    private static String id(int run, int n) {
        return String.format(Locale.ROOT, "00000000-0%03d-4000-8000-%012d", run % 1000, n);
    }
}
