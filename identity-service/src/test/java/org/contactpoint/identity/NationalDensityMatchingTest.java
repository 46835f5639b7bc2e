package org.contactpoint.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.population.DenseBirthdays;
import org.contactpoint.testing.population.DenseBirthdays.SourceRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.ADMIN;
import static org.contactpoint.identity.Scenario.FEED;
import static org.contactpoint.identity.Scenario.JSON;
import static org.contactpoint.identity.Scenario.as;

/**
 * Issue 18 item 2: matching at England's density, through the real service (the batch feed, real PostgreSQL). A few
 * birthdays with 1,650 children each ({@link DenseBirthdays}, fixed seed): nine in ten of the children are registered
 * first (the register at density; with {@code -Dcontactpoint.evaluation.weights=estimated} the weights are then
 * re-estimated from it with {@code POST /match-weights} and put in force), then the last tenth arrive as new children
 * among 1,650 born the same day, and a second source's records of
 * some children arrive with the errors real feeds make. Known truth gives the figures: precision and recall of
 * automatic links, and the share of new children sent to a person.
 * <p>
 * The register these birthdays stand for is England's ({@link National}: the prior assumes 11 million children), and
 * a birthday's share is its children over that size, so a slice of a few birthdays weighs a shared birthday as the
 * whole register would. The bench-scale run is this test with more birthdays ({@code
 * -Dcontactpoint.evaluation.birthdays=606} is a million children).
 */
@QuarkusTest
@TestProfile(NationalDensityMatchingTest.National.class)
@QuarkusTestResource(RealInfrastructure.class)
class NationalDensityMatchingTest {

    /** Records per request: small enough to answer within the test client's timeout on a loaded machine. */
    private static final int BATCH = 100;

    /** The prior of a register of England's size. */
    public static class National implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("contactpoint.identity.matching.prior-register-floor", "11000000",
                    "quarkus.http.test-timeout", "180s");
        }
    }

    @Test
    void matchingAtNationalDensityLinksSafelyFindsDuplicatesAndSendsFewNewChildrenToReview() {
        Figures figures = measure(false);
        // Floors this matcher meets on this set (the targets, 0.95 recall and 2 % to review, are reported
        // beside them in docs/benchmarks.md), so a regression fails: no child linked to another, while the register
        // is built too (namesakes whose mothers share a common name: the carers' term frequency), and the links
        // session 13 reached with the carers' roles and the NHS numbers as evidence against (0.854 measured, 2.42 %
        // to review; 0.838 and 4.85 % with carers' names only). NationalDensitySingleRecordMatchingTest measures the
        // single-record path on the same set.
        assertThat(figures.wrongLinks()).as("children linked to another child").isZero();
        assertThat(figures.precision()).isGreaterThanOrEqualTo(0.999);
        // Session 14 (a full postcode's u, both parents in common, the household cap for siblings): 0.872 measured
        // (0.854 before), 2.42 % of arriving children to review. Session 15 (a carer of neither child's family name
        // in full, a first name only among the other's middle names, a twin whose NHS number differs): 0.880, 1.82 %
        // (6 of 330), within the 2 %. Session 17 (a name's share with one child's worth of prior, a mother
        // named otherwise -7.6 bits and a father -5.3, a carer's nickname against every formal name it stands for):
        // 0.909 in the offline replay (0.912 on seed 19), 1.52 % (1.82 % on seed 19). LookAlikeBoundProbe bounds
        // recall on this set at 0.999. Session 18 (a name held by one or two children read by Turing's estimate from
        // the register's counts of rare names; a person in common beside a parent named otherwise counts both): 0.923
        // in the replay (0.924 on seed 19), 1.52 % (1.82 %).
        assertThat(figures.recall()).as("second records linked to their child").isGreaterThanOrEqualTo(0.92);
        assertThat(figures.reviewed()).as("new children sent to review").isLessThanOrEqualTo(0.02);
        assertTwoFaults(figures);
        assertHousehold(figures);
    }

    /**
     * The household look-alikes (session 19, {@link DenseBirthdays#householdLookAlikes}): twins named Amy and Mia,
     * Muhammad and Leo Muhammad, Luca and Lucas, Amelia and Amy from one source, and namesakes whose mothers share a
     * common full name are never linked to each other (the 1 M bench linked 92 such children while its register
     * was built: precision 0.9951), while a slip in a twin's first name and Amy for Amelia beside her twin Isla still
     * find their own child.
     */
    static void assertHousehold(Figures figures) {
        assertThat(figures.householdWrongLinks()).as("household look-alikes linked to another child").isZero();
        assertThat(figures.householdPrecision()).isGreaterThanOrEqualTo(0.999);
        assertThat(figures.householdLinked()).as("second records beside a twin linked to their child")
                .isGreaterThanOrEqualTo(HOUSEHOLD_LINKED_FLOOR);
    }

    /** Pairs of each kind of household look-alike: 20 a kind, 100 pairs, and 60 second records beside a twin. */
    private static final int HOUSEHOLD_PAIRS = 20;
    private static final double HOUSEHOLD_LINKED_FLOOR = 0.9;

    /**
     * Records with two faults at once (names swapped with a middle name, a nickname beside a mistyped family name, a
     * typo beside a move, a new family name at the same address): blocking finds every child (none created as new:
     * before the date + postcode key and the swapped middle name, 30 of 332 were), none links to another child, and
     * three in four link (0.764 measured on both paths; 0.37 before; 0.791 in session 15).
     */
    static void assertTwoFaults(Figures figures) {
        assertThat(figures.twoFaultsWrongLinks()).as("two-fault records linked to another child").isZero();
        assertThat(figures.twoFaultsCreated()).as("two-fault records created as a new child").isLessThanOrEqualTo(0.01);
        assertThat(figures.twoFaultsLinked()).as("two-fault records linked to their child").isGreaterThanOrEqualTo(0.74);
    }

    /** What one run measured. */
    /**
     * @param twoFaultsWrongLinks records with two faults at once linked to another child
     * @param twoFaultsCreated    their share created as a new child (blocking, or the scoring, lost the child)
     * @param twoFaultsLinked     their share linked to their child
     */
    /**
     * @param householdWrongLinks   household look-alikes ({@link #assertHousehold}) linked to another child
     * @param householdPrecision    of the links the household set made (second records beside a twin linked right)
     * @param householdLinked       the share of those second records linked to their child
     */
    record Figures(long wrongLinks, double precision, double recall, double reviewed, long twoFaultsWrongLinks,
                   double twoFaultsCreated, double twoFaultsLinked, long householdWrongLinks,
                   double householdPrecision, double householdLinked) {
    }

    /**
     * Builds the register through the batch feed, then submits the arriving new children and the second records
     * through the batch feed or, with {@code oneAtATime}, one record a request ({@code POST /source-records}: the
     * single-record path, which also compares the carers' roles and the leading candidates' NHS numbers).
     */
    static Figures measure(boolean oneAtATime) {
        int birthdays = Integer.getInteger("contactpoint.evaluation.birthdays", 2);
        // Version 0 by default: an estimate draws its random pairs at random, and this test must decide the same way
        // every run. -Dcontactpoint.evaluation.weights=estimated re-estimates from the register at density first.
        boolean estimate = "estimated".equals(System.getProperty("contactpoint.evaluation.weights"));
        // Seed 18 by default (the figures in docs/benchmarks.md); -Dcontactpoint.evaluation.seed=N draws another set,
        // to check that a change to the matcher is not fitted to this one.
        long seed = Long.getLong("contactpoint.evaluation.seed", 18);
        String prefix = "ND" + seed;
        DenseBirthdays.Evaluation evaluation = DenseBirthdays.generate(seed, DenseBirthdays.birthdays(birthdays),
                DenseBirthdays.NATIONAL_DENSITY, 0.3, prefix);
        List<SourceRecord> children = evaluation.newChildren();
        List<SourceRecord> register = children.subList(0, children.size() * 9 / 10);
        List<SourceRecord> arriving = children.subList(register.size(), children.size());

        Map<String, String> idOf = new HashMap<>();
        Tally registered = registerNew(register, idOf, false, new java.util.ArrayList<>());
        long version = 0;
        try {
            if (estimate) {
                version = as(ADMIN).post("/match-weights").then().statusCode(201).extract().jsonPath()
                        .getLong("version");
                as(ADMIN).body("{\"version\":" + version + "}").put("/match-weights/in-force").then()
                        .statusCode(200);
                Log.infof("Weights version %d estimated from the register at density: %s", version,
                        as(ADMIN).get("/match-weights").then().statusCode(200).extract().asString());
            }
            List<Map.Entry<SourceRecord, String>> arrivedQueued = new java.util.ArrayList<>();
            Tally arrived = registerNew(arriving, idOf, oneAtATime, arrivedQueued);
            explainReviewed(arrivedQueued, idOf);
            Tally seconds = new Tally();
            List<Map.Entry<SourceRecord, String>> queued = new java.util.ArrayList<>();
            submit(evaluation.duplicates(), oneAtATime, (record, result) -> {
                String outcome = result.path("outcome").asText();
                if ("REVIEW".equals(outcome)) {
                    queued.add(Map.entry(record, result.path("reviewId").asText()));
                } else if ("CREATED".equals(outcome)) {
                    Log.infof("Second record created as a new child: %s (its child: %s)", describe(record),
                            describe(recordOf.get(idOf.get(record.child()))));
                }
                if ("LINKED".equals(outcome)) {
                    outcome = seconds.link(record, result, idOf);
                }
                seconds.count(record.kind(), outcome);
            });

            explainReviewed(queued, idOf);

            int duplicates = evaluation.duplicates().size();
            long links = seconds.rightLinks + seconds.wrongLinks + arrived.wrongLinks;
            double precision = links == 0 ? 1 : (double) seconds.rightLinks / links;
            double recall = (double) seconds.rightLinks / duplicates;
            double reviewed = (double) arrived.of("REVIEW") / arriving.size();
            Log.infof("National density, seed %d, %d birthdays, weights version %d, %s: register of %d (%s); %d new "
                            + "children arriving (%s); %d second records (%s); precision %.4f, recall %.4f, "
                            + "new children to review %.4f",
                    seed, birthdays, version, oneAtATime ? "one record a request" : "batches", register.size(),
                    registered.byKind, arriving.size(), arrived.byKind, duplicates, seconds.byKind, precision, recall,
                    reviewed);
            Log.infof("Second records by kind (linked / review / created / linked wrongly):%n%s", seconds.table());

            // Two faults at once (the bench's kinds), of children on the register: what blocking must still find.
            List<SourceRecord> compound = DenseBirthdays.compoundSecondRecords(evaluation, seed, 0.1, prefix).stream()
                    .filter(record -> idOf.containsKey(record.child())).toList();
            Tally twoFaults = new Tally();
            submit(compound, oneAtATime, (record, result) -> {
                String outcome = result.path("outcome").asText();
                if ("LINKED".equals(outcome)) {
                    outcome = twoFaults.link(record, result, idOf);
                } else if ("CREATED".equals(outcome)) {
                    Log.infof("Two-fault record created as a new child: %s (its child: %s)", describe(record),
                            describe(recordOf.get(idOf.get(record.child()))));
                }
                twoFaults.count(record.kind(), outcome);
            });
            Log.infof("Records with two faults by kind (linked / review / created / linked wrongly):%n%s",
                    twoFaults.table());

            // Household look-alikes (session 19): pairs of different children, the first registered, the second
            // arriving (every link a wrong one), then second records of one twin that must find their own child.
            DenseBirthdays.Evaluation household = DenseBirthdays.householdLookAlikes(seed,
                    DenseBirthdays.birthdays(birthdays), HOUSEHOLD_PAIRS, prefix);
            List<SourceRecord> pairs = household.newChildren();
            List<SourceRecord> registeredFirst = new java.util.ArrayList<>();
            List<SourceRecord> arrivingSecond = new java.util.ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                (i % 2 == 0 ? registeredFirst : arrivingSecond).add(pairs.get(i));
            }
            Tally householdFirsts = registerNew(registeredFirst, idOf, oneAtATime, new java.util.ArrayList<>());
            Tally householdSeconds = registerNew(arrivingSecond, idOf, oneAtATime, new java.util.ArrayList<>());
            Tally besideTwin = new Tally();
            submit(household.duplicates(), oneAtATime, (record, result) -> {
                String outcome = result.path("outcome").asText();
                if ("LINKED".equals(outcome)) {
                    outcome = besideTwin.link(record, result, idOf);
                }
                besideTwin.count(record.kind(), outcome);
            });
            long householdWrong = householdFirsts.wrongLinks + householdSeconds.wrongLinks + besideTwin.wrongLinks;
            double householdPrecision = besideTwin.rightLinks + householdWrong == 0 ? 1
                    : (double) besideTwin.rightLinks / (besideTwin.rightLinks + householdWrong);
            Log.infof("Household look-alikes, the arriving child of each pair (linked = to the other, wrongly):%n%s"
                            + "Second records beside a twin:%n%sHousehold precision %.4f, wrong links %d",
                    householdSeconds.table(), besideTwin.table(), householdPrecision, householdWrong);
            return new Figures(registered.wrongLinks + arrived.wrongLinks + seconds.wrongLinks, precision, recall,
                    reviewed, twoFaults.wrongLinks, (double) twoFaults.of("CREATED") / compound.size(),
                    (double) twoFaults.rightLinks / compound.size(), householdWrong, householdPrecision,
                    (double) besideTwin.rightLinks / household.duplicates().size());
        } finally {
            as(ADMIN).body("{\"version\":0}").put("/match-weights/in-force").then().statusCode(200);
        }
    }

    /**
     * Why each second record sent to review was not linked: the item's explanation as a person sees it, the best
     * candidate's probability and the true child's (its rank among the candidates kept, its per-field levels and
     * weights), one log line each.
     */
    private static void explainReviewed(List<Map.Entry<SourceRecord, String>> queued, Map<String, String> idOf) {
        for (Map.Entry<SourceRecord, String> entry : queued) {
            JsonNode item = read(as(ADMIN).get("/review-items/" + entry.getValue()).then().statusCode(200).extract()
                    .asString());
            String truth = idOf.get(entry.getKey().child());
            JsonNode candidates = item.path("candidates");
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < candidates.size(); i++) {
                JsonNode candidate = candidates.get(i);
                boolean right = candidate.path("contactPointId").asText().equals(truth);
                line.append(String.format(" | %s#%d p=%.4f s=%.1f%s", right ? "TRUE" : "other", i + 1,
                        candidate.path("probability").asDouble(), candidate.path("score").asDouble(),
                        candidate.path("caution").isMissingNode() ? "" : " " + candidate.path("caution").asText()));
                if (right || i == 0) {
                    for (JsonNode field : candidate.path("comparisons")) {
                        line.append(String.format(" %s:%s:%.1f", field.path("field").asText(),
                                field.path("level").asText(), field.path("weight").asDouble()));
                    }
                }
            }
            Log.infof("Reviewed %s%s", describe(entry.getKey()), line);
        }
    }

    /** The first record of each child created, by its ContactPoint ID: what a wrong link linked to. */
    private static final Map<String, SourceRecord> recordOf = new HashMap<>();

    private static String describe(SourceRecord record) {
        return record == null ? "?" : record.kind() + " " + record.givenNames() + " " + record.familyName() + " "
                + record.dateOfBirth() + " " + record.gender() + " " + record.postcode() + " " + record.source()
                + " carers " + record.carers().stream().map(DenseBirthdays.Carer::name).toList();
    }

    /** Submits new children; each created one's ID is kept for its second records. */
    private static Tally registerNew(List<SourceRecord> records, Map<String, String> idOf, boolean oneAtATime,
                                     List<Map.Entry<SourceRecord, String>> queued) {
        Tally tally = new Tally();
        submit(records, oneAtATime, (record, result) -> {
            String outcome = result.path("outcome").asText();
            tally.count(record.kind(), outcome);
            if ("REVIEW".equals(outcome)) {
                queued.add(Map.entry(record, result.path("reviewId").asText()));
            }
            if ("CREATED".equals(outcome)) {
                idOf.put(record.child(), result.path("contactPointId").asText());
                recordOf.put(result.path("contactPointId").asText(), record);
            } else if ("LINKED".equals(outcome)) {
                tally.wrongLinks++;
                Log.warnf("New child linked: %s linked to %s", describe(record),
                        describe(recordOf.get(result.path("contactPointId").asText())));
            }
        });
        return tally;
    }

    private interface Outcome {
        void of(SourceRecord record, JsonNode result);
    }

    private static void submit(List<SourceRecord> records, boolean oneAtATime, Outcome outcome) {
        if (oneAtATime) {
            for (SourceRecord record : records) {
                outcome.of(record, read(as(FEED).body(json(record).toString()).post("/source-records").then()
                        .statusCode(org.hamcrest.Matchers.oneOf(200, 201, 202)).extract().asString()));
            }
            return;
        }
        for (int from = 0; from < records.size(); from += BATCH) {
            List<SourceRecord> batch = records.subList(from, Math.min(records.size(), from + BATCH));
            ObjectNode body = JSON.createObjectNode();
            ArrayNode array = body.putArray("records");
            batch.forEach(r -> array.add(json(r)));
            JsonNode results = read(as(FEED).body(body.toString()).post("/source-records/batch").then()
                    .statusCode(200).extract().asString());
            for (int i = 0; i < batch.size(); i++) {
                outcome.of(batch.get(i), results.get(i));
            }
        }
    }

    private static ObjectNode json(SourceRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("givenNames", record.givenNames()).put("familyName", record.familyName())
                .put("dateOfBirth", record.dateOfBirth().toString()).put("gender", record.gender())
                .put("responsibleLocalAuthority", record.localAuthority())
                .put("source", record.source()).put("sourceId", record.sourceId());
        if (record.postcode() != null) {
            node.putObject("address").put("town", "Town").put("postcode", record.postcode())
                    .putArray("lines").add("1 Street");
        }
        if (!record.carers().isEmpty()) {
            ArrayNode carers = node.putArray("parentsCarers");
            record.carers().forEach(c -> carers.addObject().put("name", c.name())
                    .put("relationship", c.relationship()).put("parentalResponsibility", true));
        }
        if (record.nhsNumber() != null) {
            node.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", record.nhsNumber());
        }
        return node;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Outcomes by kind of record. */
    private static final class Tally {
        final Map<String, Map<String, Integer>> byKind = new TreeMap<>();
        long rightLinks;
        long wrongLinks;

        void count(String kind, String outcome) {
            byKind.computeIfAbsent(kind, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
        }

        String table() {
            StringBuilder table = new StringBuilder(String.format("%-34s %7s %7s %7s %7s%n", "kind", "linked",
                    "review", "created", "wrong"));
            byKind.forEach((kind, outcomes) -> table.append(String.format("%-34s %7d %7d %7d %7d%n", kind,
                    outcomes.getOrDefault("LINKED", 0), outcomes.getOrDefault("REVIEW", 0),
                    outcomes.getOrDefault("CREATED", 0), outcomes.getOrDefault("LINKED_WRONG", 0))));
            return table.toString();
        }

        /** Counts a link as right or wrong by the record's truth: LINKED or LINKED_WRONG. */
        String link(SourceRecord record, JsonNode result, Map<String, String> idOf) {
            String linkedTo = result.path("contactPointId").asText();
            if (linkedTo.equals(idOf.get(record.child()))) {
                rightLinks++;
                return "LINKED";
            }
            wrongLinks++;
            Log.warnf("Wrong link: %s linked to %s", describe(record), describe(recordOf.get(linkedTo)));
            return "LINKED_WRONG";
        }

        long of(String outcome) {
            return byKind.values().stream().mapToLong(m -> m.getOrDefault(outcome, 0)).sum();
        }
    }
}
