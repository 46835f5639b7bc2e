package org.contactpoint.identity.domain.matching;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates the m and u probabilities from the register's own data, as Splink does: u from random pairs of children
 * (almost all different children, so how often each level happens among them is the chance of it by coincidence),
 * m by expectation-maximisation over the pairs blocking brought together (a mix of the same and different
 * children), with u held fixed. Pairs a person settled (accepted or rejected in review) are labelled and count as
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

        Map<String, Double> m = new HashMap<>();
        prior.levels().forEach((key, p) -> m.put(key, p.m()));
        double lambda = 0.5;
        int iterations = 0;
        double[] posterior = new double[trainingPairs.size()];
        while (iterations < MAX_ITERATIONS && !trainingPairs.isEmpty()) {
            iterations++;
            double matches = 0;
            for (int i = 0; i < posterior.length; i++) {
                Pair pair = trainingPairs.get(i);
                if (pair.match() != null) {
                    posterior[i] = pair.match() ? 1 : 0;
                } else {
                    // In log space: a pair agreeing on everything multiplies ratios of 10^4 and more.
                    double bits = log2(lambda / (1 - lambda));
                    for (String field : MatchWeights.FIELDS.keySet()) {
                        String level = level(pair.levels(), field);
                        if (level != null) {
                            bits += log2(m.get(field + "." + level) / u.get(field + "." + level));
                        }
                    }
                    posterior[i] = 1 / (1 + Math.pow(2, -bits));
                }
                matches += posterior[i];
            }
            double moved = 0;
            for (var field : MatchWeights.FIELDS.entrySet()) {
                Map<String, Double> weighted = new HashMap<>();
                double matched = 0;
                for (int i = 0; i < posterior.length; i++) {
                    String level = level(trainingPairs.get(i).levels(), field.getKey());
                    if (level != null) {
                        weighted.merge(level, posterior[i], Double::sum);
                        matched += posterior[i];
                    }
                }
                for (String level : field.getValue()) {
                    String key = field.getKey() + "." + level;
                    double estimate = (weighted.getOrDefault(level, 0.0)
                            + PSEUDO_PAIRS * prior.probabilities(field.getKey(), level).m())
                            / (matched + PSEUDO_PAIRS);
                    moved = Math.max(moved, Math.abs(estimate - m.get(key)));
                    m.put(key, estimate);
                }
            }
            lambda = Math.min(1 - 1e-9, Math.max(1e-9, matches / posterior.length));
            if (moved < CONVERGED) {
                break;
            }
        }

        Map<String, MatchWeights.Probabilities> levels = new LinkedHashMap<>();
        for (var field : MatchWeights.FIELDS.entrySet()) {
            for (String level : field.getValue()) {
                String key = field.getKey() + "." + level;
                levels.put(key, new MatchWeights.Probabilities(m.get(key), u.get(key)));
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
