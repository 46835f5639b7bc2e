package org.contactpoint.identity.application;

import org.contactpoint.identity.domain.matching.MatchKeys;
import org.contactpoint.testing.population.DenseBirthdays;
import org.contactpoint.testing.population.DenseBirthdays.SourceRecord;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A diagnostic, not a test (surefire does not pick it up): how many (record, child) rows the blocking join makes per
 * record at England's density, by kind of key, the rows PostgreSQL joins and ranks for every record of a batch.
 * Dated keys are counted against a typical day: the children of {@link DenseBirthdays}' other birthday, with the
 * date taken out of the key, stand in for the 1,650 children born on each near-miss date. Run its main with
 * identity-service's, test-support's and commons-codec's classes on the class path.
 */
class BlockingRowsProbe {

    public static void main(String[] args) {
        DenseBirthdays.Evaluation evaluation = DenseBirthdays.generate(18, DenseBirthdays.birthdays(2),
                DenseBirthdays.NATIONAL_DENSITY, 0.3, "ND18");
        List<SourceRecord> children = evaluation.newChildren();
        LocalDate probed = children.get(0).dateOfBirth();
        Map<String, Integer> typicalDay = new HashMap<>();
        Map<String, Integer> undated = new HashMap<>();
        for (SourceRecord child : children) {
            if (child.dateOfBirth().equals(probed)) {
                continue;
            }
            for (String key : MatchKeys.of(DensityScoringProbe.record(child))) {
                if (!MatchKeys.isFrequencyKey(key)) {
                    (isDated(key) ? typicalDay : undated).merge(withoutDate(key), 1, Integer::sum);
                }
            }
        }
        Map<String, Long> rowsByKind = new TreeMap<>();
        long probes = 0;
        int records = 0;
        for (SourceRecord second : evaluation.duplicates()) {
            if (!second.dateOfBirth().equals(probed)) {
                continue;
            }
            records++;
            Set<String> keys = MatchKeys.probe(DensityScoringProbe.record(second));
            probes += keys.size();
            for (String key : keys) {
                int rows = (isDated(key) ? typicalDay : undated).getOrDefault(withoutDate(key), 0);
                rowsByKind.merge(key.substring(0, 2), (long) rows, Long::sum);
            }
        }
        long rows = rowsByKind.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("records %d, probe keys per record %.1f, rows per record %.1f%n", records,
                probes / (double) records, rows / (double) records);
        int perRecord = records;
        rowsByKind.forEach((kind, n) -> System.out.printf("  %s: %.1f%n", kind, n / (double) perRecord));
    }

    private static boolean isDated(String key) {
        return key.startsWith("dg:") || key.startsWith("df:") || key.startsWith("dn:");
    }

    /** {@code dg:2015-03-04:ALF} becomes {@code dg::ALF}. */
    private static String withoutDate(String key) {
        return isDated(key) ? key.substring(0, 3) + key.substring(13) : key;
    }
}
