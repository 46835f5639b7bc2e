package org.contactpoint.identity.application;

import org.contactpoint.identity.domain.matching.FieldComparison;

import java.util.List;

/**
 * One candidate a record was compared with, kept with the decision so it can be explained later.
 *
 * @param basis   {@code IDENTIFIER} when a shared identifier found it, {@code PROBABILISTIC} when blocking did
 * @param sealed  the candidate is a closed identity (its child lives on under a new, sealed one)
 * @param caution why this candidate is never linked automatically (e.g. a possible twin); null if none
 * @param probability    the chance the record is this child, the score read against the register's size (null in
 *                       decisions made before probabilities)
 * @param weightsVersion the version of the m and u probabilities that scored it (0: built in; null in decisions
 *                       made before versions)
 */
public record ScoredCandidate(String contactPointId, double score, boolean shielded, boolean sealed, String basis,
                              List<FieldComparison> comparisons, String caution, Double probability,
                              Long weightsVersion) {
}
