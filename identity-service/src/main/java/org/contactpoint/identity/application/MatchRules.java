package org.contactpoint.identity.application;

import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.domain.matching.FellegiSunterMatcher;
import org.contactpoint.identity.domain.matching.MatchKeys;
import org.contactpoint.identity.domain.matching.MatchRecord;
import org.contactpoint.identity.domain.matching.MatchScore;
import org.contactpoint.identity.domain.matching.Names;
import org.contactpoint.identity.domain.matching.TermFrequencies;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The matching rules both paths share, one record at a time ({@link MatchingService}) and a batch at a time
 * ({@link BatchMatching}): how candidates are scored and what the scores decide. One copy, so the two paths cannot
 * drift, and re-weighting the matcher (issue 18) changes both.
 */
final class MatchRules {

    /** Candidates kept with a decision, to explain it. */
    static final int CANDIDATES_KEPT = 5;

    private MatchRules() {
    }

    /** A stored (or, in a batch, just created) child as scoring sees it. */
    record Candidate(String contactPointId, boolean shielded, MatchRecord record) {
    }

    /** What the best scores decide when no identifier did. */
    enum Verdict { LINK, REVIEW, CREATE }

    /** The name-frequency keys a record's score reads. */
    static Set<String> frequencyKeys(MatchRecord record) {
        return Set.of(MatchKeys.familyFrequencyKey(Names.compact(record.familyName())),
                MatchKeys.givenFrequencyKey(Names.formal(record.firstGivenName())));
    }

    /** Scores every candidate, best first. */
    static List<ScoredCandidate> score(FellegiSunterMatcher matcher, MatchRecord record,
                                       Collection<Candidate> candidates, String basis, TermFrequencies frequencies) {
        List<ScoredCandidate> scored = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            MatchScore score = matcher.score(record, candidate.record(), frequencies);
            scored.add(new ScoredCandidate(candidate.contactPointId(), score.score(), candidate.shielded(), basis,
                    score.comparisons(), score.caution()));
        }
        scored.sort(Comparator.comparingDouble(ScoredCandidate::score).reversed());
        return scored;
    }

    /**
     * Links when the best candidate scores at or above the link threshold, no second one does and nothing calls for
     * caution (a possible twin); reviews when the best is at or above the review threshold or any shielded child
     * resembles the record; otherwise creates.
     */
    static Verdict decide(List<ScoredCandidate> scored, IdentityConfig.Matching thresholds) {
        if (scored.isEmpty()) {
            return Verdict.CREATE;
        }
        double link = thresholds.linkThreshold();
        ScoredCandidate best = scored.get(0);
        boolean clearWinner = scored.size() == 1 || scored.get(1).score() < link;
        if (best.score() >= link && clearWinner && best.caution() == null) {
            return Verdict.LINK;
        }
        boolean resemblesShielded = scored.stream()
                .anyMatch(c -> c.shielded() && c.score() >= thresholds.shieldedReviewThreshold());
        if (best.score() >= thresholds.reviewThreshold() || resemblesShielded) {
            return Verdict.REVIEW;
        }
        return Verdict.CREATE;
    }

    static List<ScoredCandidate> top(List<ScoredCandidate> scored) {
        return scored.subList(0, Math.min(CANDIDATES_KEPT, scored.size()));
    }
}
