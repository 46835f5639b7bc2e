package org.contactpoint.identity.domain.matching;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The estimate recovers the m and u a population of pairs was drawn with, and a register's size moves the odds. */
class WeightEstimationTest {

    @Test
    void uComesFromRandomPairsAndMFromExpectationMaximisation() {
        Random random = new Random(18);
        // Random pairs: 1 in 5,000 share a birthday, half share a sex.
        List<Map<String, String>> randomPairs = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            randomPairs.add(Map.of("dateOfBirth", random.nextInt(5_000) == 0 ? "EXACT" : "DIFFERENT",
                    "gender", random.nextBoolean() ? "EXACT" : "DIFFERENT",
                    "givenNames", random.nextInt(100) == 0 ? "EXACT" : "DIFFERENT",
                    "familyName", random.nextInt(300) == 0 ? "EXACT" : "DIFFERENT",
                    "postcode", "NOT_COMPARED"));
        }
        // Blocked pairs: a third the same child (names agree 90 %, birthday 80 %), the rest different children who
        // happen to share a birthday.
        List<WeightEstimation.Pair> training = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            boolean same = i % 3 == 0;
            training.add(new WeightEstimation.Pair(Map.of(
                    "givenNames", (same ? random.nextDouble() < 0.9 : random.nextInt(100) == 0) ? "EXACT" : "DIFFERENT",
                    "familyName", (same ? random.nextDouble() < 0.9 : random.nextInt(300) == 0) ? "EXACT" : "DIFFERENT",
                    "dateOfBirth", (same ? random.nextDouble() < 0.8 : random.nextDouble() < 0.5) ? "EXACT"
                            : "DIFFERENT",
                    "gender", (same ? random.nextDouble() < 0.98 : random.nextBoolean()) ? "EXACT" : "DIFFERENT"),
                    null));
        }

        WeightEstimation.Estimate estimate = WeightEstimation.estimate(1, randomPairs, training);

        MatchWeights weights = estimate.weights();
        assertThat(weights.version()).isEqualTo(1);
        assertThat(weights.probabilities("dateOfBirth", "EXACT").u()).isCloseTo(1 / 5_000.0, within(0.0001));
        assertThat(weights.probabilities("gender", "EXACT").u()).isCloseTo(0.5, within(0.01));
        assertThat(weights.probabilities("givenNames", "EXACT").m()).isCloseTo(0.9, within(0.02));
        assertThat(weights.probabilities("familyName", "EXACT").m()).isCloseTo(0.9, within(0.02));
        assertThat(weights.probabilities("dateOfBirth", "EXACT").m()).isCloseTo(0.8, within(0.03));
        assertThat(estimate.matchShare()).isCloseTo(1 / 3.0, within(0.02));
        // A field never compared keeps the built-in estimate.
        assertThat(weights.probabilities("postcode", "EXACT").m()).isCloseTo(0.6, within(0.001));
    }

    @Test
    void labelledPairsAreTakenAsKnown() {
        List<WeightEstimation.Pair> training = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            // People said these are the same child although the sex differs in a quarter of them.
            training.add(new WeightEstimation.Pair(Map.of("gender", i % 4 == 0 ? "DIFFERENT" : "EXACT"), true));
        }
        MatchWeights weights = WeightEstimation.estimate(2, List.of(), training).weights();
        assertThat(weights.probabilities("gender", "DIFFERENT").m()).isCloseTo(0.25, within(0.01));
    }

    @Test
    void theSameScoreIsLessConvincingOnALargerRegister() {
        double nameAndBirthday = 25;
        MatchProbability small = MatchProbability.onRegisterOf(3_000, 2_048);
        MatchProbability national = MatchProbability.onRegisterOf(11_000_000, 2_048);
        assertThat(small.of(nameAndBirthday)).isGreaterThan(0.999);
        assertThat(national.of(nameAndBirthday)).isLessThan(0.9);
        assertThat(national.scoreFor(0.999)).isCloseTo(33.32, within(0.05));
        // An empty register is taken as the floor, not as a single child.
        assertThat(MatchProbability.onRegisterOf(3, 2_048).of(11)).isCloseTo(0.5, within(0.001));
    }
}
