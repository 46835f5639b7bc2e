package org.contactpoint.identity.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.identity.domain.matching.FellegiSunterMatcher;
import org.contactpoint.identity.domain.matching.MatchRecord;
import org.contactpoint.identity.domain.matching.MatchWeights;
import org.contactpoint.identity.domain.matching.WeightEstimation;
import org.contactpoint.identity.repository.BatchMatchRepository;
import org.contactpoint.identity.repository.MatchWeightsRepository;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The weights the matcher scores with: the version in force (read again every {@link #REFRESH_NANOS}, so every
 * instance takes up a new estimate within seconds) and re-estimating them from the register (an administrator's
 * command). Both the single-record and the batch path score with {@link #matcher()}.
 */
@ApplicationScoped
public class MatchWeightsService {

    /**
     * Children drawn at random; u is counted over every pair of them (about 500,000 pairs, so a birthday shared by
     * 1 pair in 6,600 is seen about 75 times).
     */
    static final int RANDOM_CHILDREN = 1_000;
    /** Recent decisions whose candidates EM learns m from. */
    static final int TRAINING_DECISIONS = 50_000;
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final TypeReference<List<ScoredCandidate>> CANDIDATES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, MatchWeights.Probabilities>> LEVELS = new TypeReference<>() {
    };

    private final MatchWeightsRepository repository;
    private final BatchMatchRepository children;
    private final IdentityAudit audit;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile FellegiSunterMatcher matcher = new FellegiSunterMatcher();
    private volatile long readAt = Long.MIN_VALUE;
    private volatile boolean read;

    public MatchWeightsService(MatchWeightsRepository repository, BatchMatchRepository children, IdentityAudit audit,
                               ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.children = children;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** What an estimate is shown as: the version, how it was made, and every level's m, u and weight. */
    public record WeightsView(long version, Instant estimatedAt, String estimatedBy, int randomPairs,
                              int trainingPairs, double matchShare, int iterations, Map<String, Level> levels) {

        public record Level(double m, double u, double weight) {
        }
    }

    /** The matcher with the weights in force; called inside the caller's transaction. */
    FellegiSunterMatcher matcher() {
        long now = System.nanoTime();
        if (!read || now - readAt > REFRESH_NANOS) {
            FellegiSunterMatcher current = matcher;
            repository.inForce().filter(stored -> stored.version() != current.weights().version())
                    .ifPresent(stored -> matcher = new FellegiSunterMatcher(weights(stored)));
            readAt = now;
            read = true;
        }
        return matcher;
    }

    @Transactional
    public WeightsView current(Caller caller) {
        WeightsView view = view(repository.inForce().orElseThrow());
        audit.success(caller, "VIEW_MATCH_WEIGHTS", Map.of(), List.of());
        return view;
    }

    /** Puts a stored version in force: a new estimate, or an earlier one (0: built in) when a new one misbehaves. */
    @Transactional
    public WeightsView putInForce(long version, Caller caller) {
        if (!repository.putInForce(version, clock.instant())) {
            throw new NotFound("match weights version " + version);
        }
        MatchWeightsRepository.Stored stored = repository.find(version).orElseThrow();
        matcher = new FellegiSunterMatcher(weights(stored));
        readAt = System.nanoTime();
        read = true;
        audit.success(caller, "PUT_MATCH_WEIGHTS_IN_FORCE", Map.of("version", Long.toString(version)), List.of());
        return view(stored);
    }

    /**
     * Estimates the weights again from the register as it is (u from random pairs of children, m by EM over the
     * candidates of recent decisions, those a person settled labelled) and stores the estimate as a new version. It
     * decides nothing until an administrator has looked at it and put it in force ({@link #putInForce}): a bad
     * estimate would link or split children across the country. An administrator's command, not a hot path: at
     * national density the candidates of 50,000 decisions are a few million comparisons, longer than the default
     * transaction timeout (seen: rolled back after 60 s on a loaded machine), and the transaction writes one row.
     */
    @Transactional
    @TransactionConfiguration(timeout = 1800)
    public WeightsView reestimate(Caller caller) {
        long version = repository.nextVersion();
        FellegiSunterMatcher levels = new FellegiSunterMatcher();
        List<MatchRecord> sample = children.children(repository.randomChildren(RANDOM_CHILDREN)).values().stream()
                .map(ChildRecords::matchRecord).toList();
        // Every pair of the sample, compared as it is read rather than held.
        Iterable<Map<String, String>> randomPairs = () -> IntStream.range(0, sample.size()).boxed()
                .flatMap(i -> IntStream.range(i + 1, sample.size())
                        .mapToObj(j -> levels.compare(sample.get(i), sample.get(j)).levels()))
                .iterator();
        List<WeightEstimation.Pair> training = new ArrayList<>();
        for (MatchWeightsRepository.Decided decided : repository.recentDecisions(TRAINING_DECISIONS)) {
            training.addAll(pairs(decided));
        }
        WeightEstimation.Estimate estimate = WeightEstimation.estimate(version, randomPairs, training);
        MatchWeightsRepository.Stored stored = new MatchWeightsRepository.Stored(version, clock.instant(),
                caller.userId(), toJson(estimate.weights().levels()), estimate.randomPairs(),
                estimate.trainingPairs(), estimate.matchShare(), estimate.iterations());
        repository.save(stored);
        audit.success(caller, "ESTIMATE_MATCH_WEIGHTS", Map.of("version", Long.toString(version)), List.of());
        Log.infof("Match weights version %d estimated from %d random pairs and %d training pairs (%d iterations)",
                version, estimate.randomPairs(), estimate.trainingPairs(), estimate.iterations());
        return view(stored);
    }

    /**
     * A decision's candidates as training pairs. Known: what a person settled (the child accepted is the record's,
     * every other candidate and every candidate of a rejection is not) and a link by a shared identifier; the rest
     * is for EM to weigh.
     */
    private List<WeightEstimation.Pair> pairs(MatchWeightsRepository.Decided decided) {
        List<ScoredCandidate> candidates;
        try {
            candidates = json.readValue(decided.candidates(), CANDIDATES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable candidates of a match decision", e);
        }
        boolean byPerson = "RESOLVED".equals(decided.status());
        List<WeightEstimation.Pair> pairs = new ArrayList<>(candidates.size());
        for (ScoredCandidate candidate : candidates) {
            Map<String, String> levels = new LinkedHashMap<>();
            candidate.comparisons().forEach(c -> levels.put(c.field(), c.level()));
            boolean isChild = candidate.contactPointId().equals(decided.childContactPointId());
            Boolean match = null;
            if (byPerson) {
                match = "LINKED".equals(decided.outcome()) && isChild;
            } else if ("IDENTIFIER".equals(candidate.basis()) && "LINKED".equals(decided.outcome()) && isChild
                    && candidates.size() == 1) {
                match = true;
            }
            pairs.add(new WeightEstimation.Pair(levels, match));
        }
        return pairs;
    }

    private MatchWeights weights(MatchWeightsRepository.Stored stored) {
        try {
            return new MatchWeights(stored.version(), json.readValue(stored.levels(), LEVELS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable match weights version " + stored.version(), e);
        }
    }

    private WeightsView view(MatchWeightsRepository.Stored stored) {
        Map<String, WeightsView.Level> levels = new LinkedHashMap<>();
        MatchWeights weights = weights(stored);
        MatchWeights.FIELDS.forEach((field, names) -> names.forEach(level -> {
            MatchWeights.Probabilities p = weights.probabilities(field, level);
            levels.put(field + "." + level, new WeightsView.Level(p.m(), p.u(),
                    Math.round(p.weight() * 100) / 100.0));
        }));
        return new WeightsView(stored.version(), stored.estimatedAt(), stored.estimatedBy(), stored.randomPairs(),
                stored.trainingPairs(), stored.matchShare(), stored.iterations(), levels);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise match weights", e);
        }
    }
}
