package org.contactpoint.identity.domain.matching;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates the m and u probabilities from the register's own data, as Splink does: u from random pairs of children
 * (almost all different children, so how often each level happens among them is the chance of it by coincidence),
 * m by expectation-maximisation over the pairs blocking brought together (a mix of the same and different
 * children). Pairs a person settled (accepted or rejected in review) are labelled and count as
 * known. Every estimate is pulled towards the built-in one by {@link #PSEUDO_PAIRS} pairs' worth, so a level seen a
 * few times cannot reach 0 or 1.
 */
public final class WeightEstimation {

    static final double PSEUDO_PAIRS = 10;
    static final int MAX_ITERATIONS = 50;
    static final double CONVERGED = 1e-6;

    private WeightEstimation() {
    }

    /**
     * One compared pair.
     *
     * @param levels field to level; a {@code MISSING} or {@code NOT_COMPARED} field is left out of the estimate
     * @param match  true or false when a person decided, null when unknown
     */
    public record Pair(Map<String, String> levels, Boolean match) {
    }

    /**
     * The estimate.
     *
     * @param weights     the m and u of every level, under {@code version}
     * @param matchShare  the share of training pairs EM took for the same child
     * @param iterations  EM iterations until the m values moved less than {@link #CONVERGED}
     */
    public record Estimate(MatchWeights weights, int randomPairs, int trainingPairs, double matchShare,
                           int iterations) {
    }

    /**
     * @param randomPairs the levels of random pairs of children, read once (they may be produced as they are read)
     */
    public static Estimate estimate(long version, Iterable<Map<String, String>> randomPairs,
                                    List<Pair> trainingPairs) {
        MatchWeights prior = MatchWeights.BUILT_IN;
        Map<String, Double> counts = new HashMap<>();
        Map<String, Double> compared = new HashMap<>();
        int randomCount = 0;
        for (Map<String, String> pair : randomPairs) {
            randomCount++;
            for (String field : MatchWeights.FIELDS.keySet()) {
                String level = level(pair, field);
                if (level != null) {
                    counts.merge(field + "." + level, 1.0, Double::sum);
                    compared.merge(field, 1.0, Double::sum);
                }
            }
        }
        Map<String, Double> u = new HashMap<>();
        for (var field : MatchWeights.FIELDS.entrySet()) {
            for (String level : field.getValue()) {
                String key = field.getKey() + "." + level;
                u.put(key, (counts.getOrDefault(key, 0.0) + PSEUDO_PAIRS * prior.probabilities(field.getKey(), level).u())
                        / (compared.getOrDefault(field.getKey(), 0.0) + PSEUDO_PAIRS));
            }
        }

        // EM over the training pairs, with levels as indices: fields f, levels l; -1 where a field was not compared.
        List<String> fields = List.copyOf(MatchWeights.FIELDS.keySet());
        int[][] observed = new int[trainingPairs.size()][fields.size()];
        for (int i = 0; i < observed.length; i++) {
            for (int f = 0; f < fields.size(); f++) {
                String level = level(trainingPairs.get(i).levels(), fields.get(f));
                observed[i][f] = level == null ? -1 : MatchWeights.FIELDS.get(fields.get(f)).indexOf(level);
            }
        }
        double[][] m = new double[fields.size()][];
        double[][] uBlocked = new double[fields.size()][];
        double[][] mPrior = new double[fields.size()][];
        double[][] uPrior = new double[fields.size()][];
        for (int f = 0; f < fields.size(); f++) {
            List<String> names = MatchWeights.FIELDS.get(fields.get(f));
            m[f] = new double[names.size()];
            uBlocked[f] = new double[names.size()];
            mPrior[f] = new double[names.size()];
            uPrior[f] = new double[names.size()];
            for (int l = 0; l < names.size(); l++) {
                mPrior[f][l] = prior.probabilities(fields.get(f), names.get(l)).m();
                uPrior[f][l] = u.get(fields.get(f) + "." + names.get(l));
                m[f][l] = mPrior[f][l];
                uBlocked[f][l] = uPrior[f][l];
            }
        }
        // Blocking brings together different children who agree on the blocked fields far more often than random
        // pairs do, so EM estimates a u of its own among the blocked pairs (as Winkler's EM does); scoring keeps the
        // u of random pairs, which is what a candidate from anywhere on the register faces.
        double lambda = 0.5;
        int iterations = 0;
        double[] posterior = new double[observed.length];
        while (iterations < MAX_ITERATIONS && observed.length > 0) {
            iterations++;
            double matches = 0;
            for (int i = 0; i < observed.length; i++) {
                Boolean known = trainingPairs.get(i).match();
                if (known != null) {
                    posterior[i] = known ? 1 : 0;
                } else {
                    // In log space: a pair agreeing on everything multiplies ratios of 10^4 and more.
                    double bits = log2(lambda / (1 - lambda));
                    for (int f = 0; f < fields.size(); f++) {
                        int l = observed[i][f];
                        if (l >= 0) {
                            bits += log2(m[f][l] / uBlocked[f][l]);
                        }
                    }
                    posterior[i] = 1 / (1 + Math.pow(2, -bits));
                }
                matches += posterior[i];
            }
            double moved = 0;
            for (int f = 0; f < fields.size(); f++) {
                double[] same = new double[m[f].length];
                double[] different = new double[m[f].length];
                double sameTotal = 0;
                double differentTotal = 0;
                for (int i = 0; i < observed.length; i++) {
                    int l = observed[i][f];
                    if (l >= 0) {
                        same[l] += posterior[i];
                        different[l] += 1 - posterior[i];
                        sameTotal += posterior[i];
                        differentTotal += 1 - posterior[i];
                    }
                }
                for (int l = 0; l < m[f].length; l++) {
                    double estimate = (same[l] + PSEUDO_PAIRS * mPrior[f][l]) / (sameTotal + PSEUDO_PAIRS);
                    moved = Math.max(moved, Math.abs(estimate - m[f][l]));
                    m[f][l] = estimate;
                    uBlocked[f][l] = (different[l] + PSEUDO_PAIRS * uPrior[f][l]) / (differentTotal + PSEUDO_PAIRS);
                }
            }
            lambda = Math.min(1 - 1e-9, Math.max(1e-9, matches / posterior.length));
            if (moved < CONVERGED) {
                break;
            }
        }

        Map<String, MatchWeights.Probabilities> levels = new LinkedHashMap<>();
        for (int f = 0; f < fields.size(); f++) {
            List<String> names = MatchWeights.FIELDS.get(fields.get(f));
            for (int l = 0; l < names.size(); l++) {
                levels.put(fields.get(f) + "." + names.get(l), new MatchWeights.Probabilities(m[f][l], uPrior[f][l]));
            }
        }
        return new Estimate(new MatchWeights(version, levels), randomCount, trainingPairs.size(),
                trainingPairs.isEmpty() ? 0 : lambda, iterations);
    }

    /** The level a field's weight is kept under, or null when the field was not compared. */
    private static String level(Map<String, String> levels, String field) {
        String level = levels.get(field);
        if (level == null || "MISSING".equals(level) || "NOT_COMPARED".equals(level)) {
            return null;
        }
        if ("familyName".equals(field) && level.startsWith("EXACT")) {
            return "EXACT";
        }
        if ("familyName".equals(field) && "NICKNAME".equals(level)) {
            return "SIMILAR";
        }
        return MatchWeights.FIELDS.get(field).contains(level) ? level : null;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
