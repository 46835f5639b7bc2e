package org.contactpoint.audit.domain;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure rules under the trail: canonical JSON, hash links, working hours, family names. */
class ChainDomainTest {

    @Test
    void canonicalJsonSortsKeysDropsNullsAndWhitespaceAndKeepsArrayOrder() {
        String a = CanonicalJson.of("""
                { "b" : 1, "a" : {"z": "x", "y": null, "m": [3, 1, 2]}, "c": null, "é": "\\u00e9" }""");
        String b = CanonicalJson.of("{\"é\":\"é\",\"a\":{\"m\":[3,1,2],\"z\":\"x\"},\"b\":1}");
        assertThat(a).isEqualTo("{\"a\":{\"m\":[3,1,2],\"z\":\"x\"},\"b\":1,\"é\":\"é\"}").isEqualTo(b);
        assertThat(CanonicalJson.of("{\"m\":[1,2,3]}")).isNotEqualTo(CanonicalJson.of("{\"m\":[3,2,1]}"));
    }

    @Test
    void eachLinkDependsOnThePreviousHashAndOnEveryPartOfTheRecord() {
        Instant stored = Instant.parse("2026-11-22T09:17:01.250Z");
        String event = CanonicalJson.of("{\"eventId\":\"e1\",\"action\":\"SEARCH\"}");
        String first = HashChain.link(HashChain.GENESIS, 1, "gateway.audit-events.v1", stored, event);

        assertThat(first).matches("[0-9a-f]{64}")
                .isEqualTo(HashChain.link(HashChain.GENESIS, 1, "gateway.audit-events.v1", stored, event));
        // The documented formula, computed independently.
        assertThat(first).isEqualTo(sha256(HashChain.GENESIS
                + "{\"event\":{\"action\":\"SEARCH\",\"eventId\":\"e1\"},\"sequence\":1,"
                + "\"source\":\"gateway.audit-events.v1\",\"storedAt\":\"2026-11-22T09:17:01.250Z\"}"));
        assertThat(HashChain.link(first, 1, "gateway.audit-events.v1", stored, event)).isNotEqualTo(first);
        assertThat(HashChain.link(HashChain.GENESIS, 2, "gateway.audit-events.v1", stored, event)).isNotEqualTo(first);
        assertThat(HashChain.link(HashChain.GENESIS, 1, "identity.audit-events.v1", stored, event)).isNotEqualTo(first);
        assertThat(HashChain.link(HashChain.GENESIS, 1, "gateway.audit-events.v1", stored.plusMillis(1), event))
                .isNotEqualTo(first);
        assertThat(HashChain.link(HashChain.GENESIS, 1, "gateway.audit-events.v1", stored,
                CanonicalJson.of("{\"eventId\":\"e1\",\"action\":\"VIEW_RECORD\"}"))).isNotEqualTo(first);
    }

    /**
     * The canonical record is written around the event's canonical text without parsing it again: the same bytes as
     * the canonical JSON of the whole record as a tree (how it was computed before issue 19), so every hash already
     * in a chain still verifies.
     */
    @Test
    void theCanonicalRecordIsTheCanonicalJsonOfTheWholeRecord() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        String event = CanonicalJson.of("""
                {"eventId":"e1","action":"SEARCH","actor":{"userId":"gp","name":"Zoë \\"Jo\\" O'Brien\\\\ \\u0001",
                 "roles":["practitioner","child-protection"]},"query":{"familyName":"Ó Súilleabháin","n":12},
                 "childIds":[],"shieldedAccessed":false,"breakGlassReason":null,"ratio":0.25,"emoji":"\\ud83d\\ude00"}""");
        for (String source : new String[]{"gateway.audit-events.v1", "audit-service", "we\"ird\\source\u0007"}) {
            for (Instant storedAt : new Instant[]{Instant.parse("2026-11-22T09:17:01.250Z"),
                    Instant.parse("2026-11-22T09:17:01Z")}) {
                var tree = mapper.createObjectNode();
                tree.set("storedAt", mapper.getNodeFactory().textNode(storedAt.toString()));
                tree.set("source", mapper.getNodeFactory().textNode(source));
                tree.set("sequence", mapper.getNodeFactory().numberNode(9_876_543_210L));
                tree.set("event", mapper.readTree(event));
                assertThat(HashChain.canonicalRecord(9_876_543_210L, source, storedAt, event))
                        .isEqualTo(CanonicalJson.of(tree));
            }
        }
    }

    @Test
    void workingHoursAreLondonTimeOnWorkingDaysAcrossDaylightSaving() {
        WorkingHours hours = new WorkingHours(LocalTime.of(7, 0), LocalTime.of(20, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), ZoneId.of("Europe/London"));
        assertThat(hours.contains(Instant.parse("2026-11-18T07:00:00Z"))).isTrue();   // Wed 07:00 GMT
        assertThat(hours.contains(Instant.parse("2026-11-18T06:59:59Z"))).isFalse();
        assertThat(hours.contains(Instant.parse("2026-11-18T20:00:00Z"))).isFalse();  // the end is outside
        assertThat(hours.contains(Instant.parse("2026-07-15T06:30:00Z"))).isTrue();   // 07:30 BST
        assertThat(hours.contains(Instant.parse("2026-07-15T19:30:00Z"))).isFalse();  // 20:30 BST
        assertThat(hours.contains(Instant.parse("2026-11-21T12:00:00Z"))).isFalse();  // Saturday
    }

    @Test
    void familyNamesCompareLikeAPersonWould() {
        assertThat(FamilyNames.ofDisplayName("Ms Priya Shah")).isEqualTo("Shah");
        assertThat(FamilyNames.same(" shah ", "Shāh")).isTrue();
        assertThat(FamilyNames.same("Shaw", "Shah")).isFalse();
        assertThat(FamilyNames.same("", "")).isFalse();
        assertThat(FamilyNames.same("Okafor", FamilyNames.ofDisplayName(null))).isFalse();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
