package org.contactpoint.identity.domain.matching;

/**
 * How one field of a record compared with a candidate, and the weight (log2 of m/u) that added to the score.
 *
 * @param field  e.g. {@code familyName}
 * @param level  e.g. {@code EXACT}, {@code PHONETIC}, {@code DAY_MONTH_TRANSPOSED}
 * @param weight the evidence for (positive) or against (negative) the same child
 */
public record FieldComparison(String field, String level, double weight) {
}
