package org.contactpoint.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.gateway.config.ScopeMode;
import org.contactpoint.gateway.domain.MatchGrade;
import org.contactpoint.gateway.domain.Names;
import org.contactpoint.gateway.domain.Resemblance;
import org.contactpoint.gateway.domain.SearchCriteria;
import org.contactpoint.gateway.domain.SearchHit;
import org.contactpoint.gateway.repository.ChildSearchRepository;
import org.contactpoint.gateway.repository.ChildSearchRepository.Dates;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search by name, date of birth, gender and postcode, exact first. The exact probe (the family name as typed, on the
 * date given and its transpositions, or within the month, year or range given) answers alone when it finds a child
 * matching everything as typed, or more children than the cap ("too many"). Otherwise the forgiving probes (a family
 * name one slip away, sound, typo, swapped names, a date a slip away, given name + date of birth + postcode) fill the
 * places left, ranked behind the exact probe's children: so a child called Li is never drowned by the Lees, and the
 * cap applies to the fuzzier tiers only. Every child offered is graded and says why ({@link Resemblance}).
 */
@ApplicationScoped
public class NameSearch {

    /** Rows one probe may read: far above any answer, a bound on a probe's cost however common a name. */
    static final int ROWS_PER_PROBE = 2000;

    /**
     * What a name search found.
     *
     * @param matches       best first; empty when too many
     * @param returnedIds   the children disclosed (none when too many)
     * @param protectedIds  of those, the children on a plan or looked after
     */
    public record Found(List<SearchResult.Match> matches, boolean tooMany, List<String> returnedIds,
                        boolean anyShielded, List<String> protectedIds) {
    }

    private final ChildSearchRepository search;
    private final GatewayConfig config;
    private final Clock clock;

    public NameSearch(ChildSearchRepository search, GatewayConfig config, Clock clock) {
        this.search = search;
        this.config = config;
        this.clock = clock;
    }

    /** Reads in no transaction: each probe is one statement on its own connection (autocommit), nothing is written. */
    public Found find(SearchCriteria criteria) {
        int cap = config.maxMatches();
        boolean universal = config.scope() == ScopeMode.UNIVERSAL;
        Dates dates = dates(criteria);
        List<String> familyKeys = criteria.familyName() == null ? List.of() : Names.keys(criteria.familyName());

        List<SearchHit> exactHits;
        if (criteria.familyName() == null) {
            exactHits = search.atPostcode(criteria.postcode(), List.of(), dates, universal, ROWS_PER_PROBE);
        } else if (dates == null) {
            exactHits = search.atPostcode(criteria.postcode(), familyKeys, null, universal, ROWS_PER_PROBE);
        } else {
            exactHits = familyKeys.isEmpty() ? List.of()
                    : search.exact(familyKeys, dates, universal, ROWS_PER_PROBE);
        }
        List<Resemblance> exact = best(criteria, exactHits, Set.of());
        if (exact.size() > cap) {
            return new Found(List.of(), true, List.of(), false, List.of());
        }
        List<Resemblance> offered = new ArrayList<>(exact);
        if (exact.stream().noneMatch(r -> r.grade() == MatchGrade.EXACT)) {
            Set<String> shown = new LinkedHashSet<>();
            exact.forEach(r -> shown.add(r.hit().contactPointId()));
            List<Resemblance> forgiven = best(criteria, forgivingHits(criteria, familyKeys, dates, universal), shown);
            offered.addAll(forgiven.subList(0, Math.min(forgiven.size(), cap - exact.size())));
        }
        List<SearchResult.Match> matches = offered.stream().map(NameSearch::match).toList();
        return new Found(matches, false, matches.stream().map(SearchResult.Match::contactPointId).toList(),
                offered.stream().anyMatch(r -> r.hit().shielded()),
                offered.stream().filter(r -> r.hit().protectedChild()).map(r -> r.hit().contactPointId()).toList());
    }

    private List<SearchHit> forgivingHits(SearchCriteria criteria, List<String> familyKeys, Dates dates,
                                          boolean universal) {
        if (criteria.familyName() == null) {
            List<LocalDate> slips = new ArrayList<>(criteria.nearBirthdays(LocalDate.now(clock)));
            return search.forgiving(new ChildSearchRepository.Forgiving(null, null, null, null, List.of(), null,
                    criteria.postcode(), slips), dates, universal, ROWS_PER_PROBE);
        }
        if (dates == null) {
            // Family name + gender + postcode: everyone at the postcode is few; the grading tells the names apart.
            return search.atPostcode(criteria.postcode(), List.of(), null, universal, ROWS_PER_PROBE);
        }
        Set<String> sounds = new LinkedHashSet<>();
        for (String key : familyKeys) {
            addIfPresent(sounds, Names.sound(key));
            addIfPresent(sounds, Names.alternateSound(key));
        }
        // One slip from a family key that the trigram search misses (two letters swapped, a short name's letter).
        Set<String> slips = new LinkedHashSet<>();
        familyKeys.forEach(key -> slips.addAll(Names.oneSlipFrom(key)));
        familyKeys.forEach(slips::remove);
        List<String> swapped = criteria.givenNames() == null ? List.of() : Names.keys(criteria.givenNames());
        return search.forgiving(new ChildSearchRepository.Forgiving(List.copyOf(slips), List.copyOf(sounds),
                Names.key(criteria.familyName()), swapped, familyKeys, criteria.nearBirthdays(LocalDate.now(clock)),
                null, null), dates, universal, ROWS_PER_PROBE);
    }

    /** Each child once, by the row (family-name variant) that resembles the search best; best first. */
    private static List<Resemblance> best(SearchCriteria criteria, Collection<SearchHit> hits, Set<String> skip) {
        Map<String, Resemblance> byChild = new LinkedHashMap<>();
        Resemblance.Typed typed = Resemblance.typed(criteria);
        for (SearchHit hit : hits) {
            if (skip.contains(hit.contactPointId())) {
                continue;
            }
            Resemblance.of(typed, hit).ifPresent(r -> byChild.merge(hit.contactPointId(), r,
                    (a, b) -> Resemblance.BEST_FIRST.compare(a, b) <= 0 ? a : b));
        }
        return byChild.values().stream().sorted(Resemblance.BEST_FIRST).toList();
    }

    private static Dates dates(SearchCriteria criteria) {
        if (!criteria.dateGiven()) {
            return null;
        }
        if (criteria.exactBirthday()) {
            List<LocalDate> days = new ArrayList<>();
            days.add(criteria.dateOfBirthFrom());
            days.addAll(criteria.transposedBirthdays());
            return Dates.days(days);
        }
        return Dates.range(criteria.dateOfBirthFrom(), criteria.dateOfBirthTo());
    }

    private static SearchResult.Match match(Resemblance r) {
        SearchHit hit = r.hit();
        return new SearchResult.Match(hit.contactPointId(), r.grade(), r.variations(), hit.givenNames(),
                hit.familyName(), hit.preferredName(), hit.dateOfBirth(), hit.gender(), hit.shielded());
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null && !value.isEmpty()) {
            set.add(value);
        }
    }
}
