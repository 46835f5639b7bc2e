package org.contactpoint.identity.application;

import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.identity.domain.matching.FellegiSunterMatcher;
import org.contactpoint.identity.domain.matching.MatchKeys;
import org.contactpoint.identity.domain.matching.MatchRecord;
import org.contactpoint.identity.domain.matching.MatchScore;
import org.contactpoint.identity.domain.matching.TermFrequencies;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the scores of a record's candidates decide, on England's register (both paths share these rules). */
class MatchRulesTest {

    private static final LocalDate BORN = LocalDate.of(2016, 3, 14);
    private static final TermFrequencies ENGLAND = new TermFrequencies(Map.of("gx:oliver", 220_000L,
            "gx:arthur", 120_000L, "gx:mohammed", 200_000L, "gx:leo", 90_000L, "fx:ashworth", 2_000L,
            MatchKeys.dateOfBirthFrequencyKey(BORN), 1_650L), 11_000_000);
    private static final IdentityConfig.Matching CONFIG = new IdentityConfig.Matching() {
        public double linkProbability() { return 0.999; }
        public double reviewProbability() { return 0.1; }
        public long priorRegisterFloor() { return 11_000_000; }
        public double shieldedReviewThreshold() { return 0; }
        public double sealedReviewThreshold() { return 0; }
        public int maxCandidates() { return 200; }
    };

    @Test
    void aRecordOfOneTwinLinksToItThoughTheOtherTwinScoresAsHighOnTheHousehold() {
        // Twins Oliver and Arthur Oliver (session 19's household look-alikes): a second source's record of Oliver
        // with a slip in his name agrees with Arthur Oliver's middle name as closely as with Oliver's first name.
        MatchRules.Candidate oliver = candidate("oliver", "Oliver");
        MatchRules.Candidate arthurOliver = candidate("arthur-oliver", "Arthur Oliver");
        List<ScoredCandidate> scored = MatchRules.score(new FellegiSunterMatcher(), child("Olvier"),
                List.of(oliver, arthurOliver), "PROBABILISTIC", ENGLAND, CONFIG);
        ScoredCandidate twin = scored.stream().filter(c -> c.contactPointId().equals("arthur-oliver")).findFirst()
                .orElseThrow();
        assertThat(twin.comparisons().get(0).level()).isEqualTo("MIDDLE_NAME");
        assertThat(twin.caution()).isEqualTo(MatchScore.POSSIBLE_TWIN);
        assertThat(scored.get(0).contactPointId()).isEqualTo("oliver");
        assertThat(MatchRules.decide(scored, CONFIG)).isEqualTo(MatchRules.Verdict.LINK);

        // Muhammad against Muhammad and his twin Leo Muhammad: his own record.
        List<ScoredCandidate> muhammad = MatchRules.score(new FellegiSunterMatcher(), child("Muhammad"),
                List.of(candidate("muhammad", "Muhammad"), candidate("leo", "Leo Muhammad")), "PROBABILISTIC",
                ENGLAND, CONFIG);
        assertThat(muhammad.get(0).contactPointId()).isEqualTo("muhammad");
        assertThat(MatchRules.decide(muhammad, CONFIG)).isEqualTo(MatchRules.Verdict.LINK);

        // Two candidates with nothing to tell them apart still need a person.
        List<ScoredCandidate> namesakes = MatchRules.score(new FellegiSunterMatcher(), child("Oliver"),
                List.of(oliver, candidate("oliver-again", "Oliver")), "PROBABILISTIC", ENGLAND, CONFIG);
        assertThat(MatchRules.decide(namesakes, CONFIG)).isEqualTo(MatchRules.Verdict.REVIEW);
    }

    private static MatchRules.Candidate candidate(String id, String given) {
        return new MatchRules.Candidate(id, false, false, child(given));
    }

    /** A boy of the Ashworths at one address, both parents named in their roles. */
    private static MatchRecord child(String given) {
        List<MatchRecord.Parent> parents = List.of(new MatchRecord.Parent(MatchRecord.Role.MOTHER, "Sarah Ashworth"),
                new MatchRecord.Parent(MatchRecord.Role.FATHER, "David Ashworth"));
        return new MatchRecord(given, "Ashworth", null, List.of(), BORN, Gender.MALE, "LS6 2QT",
                parents.stream().map(MatchRecord.Parent::name).toList(), parents, null);
    }
}
