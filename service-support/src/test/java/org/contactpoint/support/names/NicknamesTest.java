package org.contactpoint.support.names;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NicknamesTest {

    @Test
    void aNicknameAndItsFormalNameMeanTheSameName() {
        assertThat(Nicknames.formal("bill")).isEqualTo("william");
        assertThat(Nicknames.formal("william")).isEqualTo("william");
        assertThat(Nicknames.formal("harry")).isEqualTo(Nicknames.formal("henry"));
        assertThat(Nicknames.formal("cat")).isEqualTo(Nicknames.formal("catherine"));
    }

    @Test
    void everyNameLeadsToOneFormalNameInOneStep() {
        // A name listed under two formal names that list each other would make Harry and Henry two different
        // names to the matcher (formal(harry) = henry but formal(henry) = harry).
        Set<String> loops = new HashSet<>();
        for (String name : allNames()) {
            String formal = Nicknames.formal(name);
            if (!Nicknames.formal(formal).equals(formal)) {
                loops.add(name + " -> " + formal + " -> " + Nicknames.formal(formal));
            }
        }
        assertThat(loops).isEmpty();
    }

    @Test
    void alternativesRunBothWaysAcrossGroups() {
        assertThat(Nicknames.alternatives("alex")).contains("alexander", "alexandra");
        assertThat(Nicknames.alternatives("sasha")).contains("alexandra");
        assertThat(Nicknames.alternatives("william")).contains("bill", "liam").doesNotContain("william");
        assertThat(Nicknames.alternatives("zebedee")).isEmpty();
    }

    private static Set<String> allNames() {
        Set<String> names = new HashSet<>();
        for (String probe : new String[]{"a", "e", "i", "o", "u", "y"}) {
            names.add(probe);
        }
        // Every name of the list is an alternative of some other name in its group.
        for (String formal : new String[]{"william", "robert", "richard", "james", "john", "jonathan", "thomas",
                "michael", "christopher", "daniel", "matthew", "joseph", "samuel", "benjamin", "alexander", "edward",
                "henry", "charles", "anthony", "andrew", "nicholas", "oliver", "frederick", "alfred", "theodore",
                "elizabeth", "margaret", "katherine", "rebecca", "jennifer", "victoria", "alexandra", "samantha",
                "charlotte", "isabella", "amelia", "emily", "olivia", "sophia", "jessica", "mohammed", "patrick",
                "stephen", "steven", "peter", "david", "timothy", "jacob", "nathaniel", "siobhan", "gabriel"}) {
            names.add(formal);
            names.addAll(Nicknames.alternatives(formal));
        }
        return names;
    }
}
