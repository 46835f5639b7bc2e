package org.contactpoint.identity.application;

import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.domain.matching.FellegiSunterMatcher;
import org.contactpoint.identity.domain.matching.MatchKeys;
import org.contactpoint.identity.domain.matching.MatchProbability;
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
    record Candidate(String contactPointId, boolean shielded, boolean sealed, MatchRecord record) {
    }

    /**
     * What the candidates decide. {@code SEALED_REVIEW}: the record resembles a closed identity; it goes to the
     * sealed-records team, is answered {@code ACCEPTED_PENDING}, and never links (to the new identity least of all).
     */
    enum Verdict { LINK, REVIEW, SEALED_REVIEW, CREATE }

    /** The term-frequency keys a record's score reads: its names and its date of birth. */
    static Set<String> frequencyKeys(MatchRecord record) {
        Set<String> keys = new java.util.HashSet<>(MatchKeys.carerFrequencyKeys(record));
        keys.add(MatchKeys.familyFrequencyKey(Names.compact(record.familyName())));
        keys.add(MatchKeys.givenFrequencyKey(Names.formal(record.firstGivenName())));
        keys.add(MatchKeys.dateOfBirthFrequencyKey(record.dateOfBirth()));
        return keys;
    }

    /**
     * Scores every candidate, best first, each with the probability that it is the record's child on a register of
     * the size {@code frequencies} counted, and the version of the weights that scored it.
     */
    static List<ScoredCandidate> score(FellegiSunterMatcher matcher, MatchRecord record,
                                       Collection<Candidate> candidates, String basis, TermFrequencies frequencies,
                                       IdentityConfig.Matching config) {
        MatchProbability prior = MatchProbability.onRegisterOf(frequencies.children(), config.priorRegisterFloor());
        TermFrequencies counted = frequencies.onRegisterOfAtLeast(config.priorRegisterFloor());
        List<ScoredCandidate> scored = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            MatchScore score = matcher.score(record, candidate.record(), counted);
            scored.add(new ScoredCandidate(candidate.contactPointId(), score.score(), candidate.shielded(),
                    candidate.sealed(), basis,
                    score.comparisons(), score.caution(), rounded(prior.of(score.score())),
                    matcher.weights().version()));
        }
        scored.sort(Comparator.comparingDouble(ScoredCandidate::score).reversed());
        return scored;
    }

    /** Six significant decimals: enough to tell 0.999 from 0.9999 in an explanation. */
    private static double rounded(double probability) {
        return Math.round(probability * 1_000_000) / 1_000_000.0;
    }

    /**
     * Links when the best candidate's probability is at or above the link probability, no other one's is (but a
     * possible twin's) and nothing calls for caution (a possible twin); reviews when the best is at or above the
     * review probability or any shielded child resembles the record; otherwise creates.
     */
    static Verdict decide(List<ScoredCandidate> scored, IdentityConfig.Matching thresholds) {
        if (scored.isEmpty()) {
            return Verdict.CREATE;
        }
        if (resemblesSealed(scored, thresholds)) {
            return Verdict.SEALED_REVIEW;
        }
        scored = unsealed(scored);
        if (scored.isEmpty()) {
            return Verdict.CREATE;
        }
        double link = thresholds.linkProbability();
        ScoredCandidate best = scored.get(0);
        // A candidate the record may be a twin of is no rival: a slip of Oliver's name links to Oliver though his
        // twin Arthur Oliver scores as high on the household (session 19). Any other at the link probability is.
        boolean clearWinner = scored.stream().skip(1)
                .noneMatch(c -> c.probability() >= link && c.caution() == null);
        if (best.probability() >= link && clearWinner && best.caution() == null) {
            return Verdict.LINK;
        }
        boolean resemblesShielded = scored.stream()
                .anyMatch(c -> c.shielded() && c.score() >= thresholds.shieldedReviewThreshold());
        if (best.probability() >= thresholds.reviewProbability() || resemblesShielded) {
            return Verdict.REVIEW;
        }
        return Verdict.CREATE;
    }

    /**
     * What the children a record's identifiers belong to decide: a closed identity among them sends it to the
     * sealed-records review; two children need a person; one links.
     */
    static Verdict decideByIdentifiers(List<ScoredCandidate> known, IdentityConfig.Matching thresholds) {
        if (resemblesSealed(known, thresholds)) {
            return Verdict.SEALED_REVIEW;
        }
        return known.size() > 1 ? Verdict.REVIEW : Verdict.LINK;
    }

    /**
     * A record resembles a closed identity when one of its identifiers belongs to it, or it scores at or above the
     * sealed threshold against it; whatever else it resembles (its new identity included) then does not count.
     */
    private static boolean resemblesSealed(List<ScoredCandidate> scored, IdentityConfig.Matching thresholds) {
        return scored.stream().anyMatch(c -> c.sealed() && ("IDENTIFIER".equals(c.basis())
                || c.score() >= thresholds.sealedReviewThreshold()));
    }

    /**
     * The candidates every other outcome keeps: a closed identity the record did not resemble enough is never shown
     * in a local authority's queue, nor offered to link to.
     */
    static List<ScoredCandidate> unsealed(List<ScoredCandidate> scored) {
        return scored.stream().filter(c -> !c.sealed()).toList();
    }

    /** The candidates a sealed review item keeps: the best few, and every closed identity the record resembles. */
    static List<ScoredCandidate> sealedCandidates(List<ScoredCandidate> scored) {
        List<ScoredCandidate> kept = new ArrayList<>(top(scored));
        scored.stream().filter(ScoredCandidate::sealed).filter(c -> !kept.contains(c)).forEach(kept::add);
        return kept;
    }

    static List<ScoredCandidate> top(List<ScoredCandidate> scored) {
        return scored.subList(0, Math.min(CANDIDATES_KEPT, scored.size()));
    }
}
