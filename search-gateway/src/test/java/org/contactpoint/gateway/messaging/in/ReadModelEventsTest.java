package org.contactpoint.gateway.messaging.in;

import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.gateway.domain.Address;
import org.contactpoint.gateway.domain.ChildState;
import org.contactpoint.gateway.domain.ChildStatus;
import org.contactpoint.gateway.domain.FormerName;
import org.contactpoint.gateway.domain.Gender;
import org.contactpoint.gateway.domain.InvolvementState;
import org.contactpoint.gateway.domain.InvolvementStatus;
import org.contactpoint.gateway.domain.ParentCarer;
import org.contactpoint.gateway.domain.SourceIdentifier;
import org.contactpoint.gateway.domain.Vulnerability;
import org.contactpoint.gateway.domain.Whereabouts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every field the read model keeps survives the step from the contract records to the domain's states. */
class ReadModelEventsTest {

    @Test
    void aChildEventBecomesTheChildsStateFieldByField() {
        ChildEvent.Address home = new ChildEvent.Address(List.of("12 Rosebery Avenue"), "London", "EC1R 4SR");
        ChildEvent event = new ChildEvent("CP1234567894", 7, ChildEvent.ChildStatus.MERGED, "CP2234567891",
                new ChildEvent.PersonName("Amara", "Okafor"),
                List.of(new ChildEvent.FormerName("Amara", "Bello", ChildEvent.FormerName.Kind.ALIAS)), "Mara",
                LocalDate.of(2016, 3, 14), ChildEvent.Gender.FEMALE, LocalDate.of(2020, 1, 2),
                new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.LEFT_ENGLAND, home,
                        ChildEvent.Whereabouts.IntentionToReturn.UNKNOWN),
                List.of(new ChildEvent.ParentCarer("Grace Okafor", "MOTHER", true, "020 7946 0001",
                        "grace@example.org", home)),
                List.of(new ChildEvent.SourceIdentifier("NHS_NUMBER", "9434765919", "HEALTH_DEMOGRAPHICS")),
                "E09000019", new ChildEvent.Shield(Instant.now(), LocalDate.of(2030, 1, 1)),
                List.of(ChildEvent.Vulnerability.LOOKED_AFTER), Instant.now());

        Address address = new Address(List.of("12 Rosebery Avenue"), "London", "EC1R 4SR");
        assertThat(ReadModelEvents.childState(event)).isEqualTo(new ChildState("CP1234567894", 7, ChildStatus.MERGED,
                "CP2234567891", "Amara", "Okafor", "Mara",
                List.of(new FormerName("Amara", "Bello", FormerName.Kind.ALIAS)), LocalDate.of(2016, 3, 14),
                Gender.FEMALE, LocalDate.of(2020, 1, 2),
                new Whereabouts(Whereabouts.Kind.LEFT_ENGLAND, address, Whereabouts.IntentionToReturn.UNKNOWN),
                List.of(new ParentCarer("Grace Okafor", "MOTHER", true, "020 7946 0001", "grace@example.org",
                        address)),
                List.of(new SourceIdentifier("NHS_NUMBER", "9434765919", "HEALTH_DEMOGRAPHICS")), "E09000019", true,
                List.of(Vulnerability.LOOKED_AFTER)));
    }

    @Test
    void whatAChildEventLeavesOutStaysOut() {
        ChildEvent event = new ChildEvent("CP1234567894", 1, ChildEvent.ChildStatus.ACTIVE, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        assertThat(ReadModelEvents.childState(event)).isEqualTo(new ChildState("CP1234567894", 1, ChildStatus.ACTIVE,
                null, null, null, null, null, null, null, null, null, null, null, null, false, null));
    }

    @Test
    void anInvolvementEventBecomesTheInvolvementsStateFieldByField() {
        InvolvementEvent event = new InvolvementEvent("inv-1", "CP1234567894", 3, InvolvementEvent.Status.CEASED,
                "SCHOOL", false, new InvolvementEvent.Organisation("Hillside Primary School", "URN100001"),
                new InvolvementEvent.Practitioner("Mr Daniel Reyes", "Designated Safeguarding Lead"),
                new InvolvementEvent.Contact("020 7946 0100", "dsl@hillside.example.sch.uk"),
                LocalDate.of(2020, 9, 1), LocalDate.of(2024, 7, 19), true, true, "agency-system", Instant.now());
        assertThat(ReadModelEvents.involvementState(event)).isEqualTo(new InvolvementState("inv-1", "CP1234567894",
                3, InvolvementStatus.CEASED, "SCHOOL", false, "Hillside Primary School", "URN100001",
                "Mr Daniel Reyes", "Designated Safeguarding Lead", "020 7946 0100", "dsl@hillside.example.sch.uk",
                LocalDate.of(2020, 9, 1), LocalDate.of(2024, 7, 19), true, true));
    }
}
