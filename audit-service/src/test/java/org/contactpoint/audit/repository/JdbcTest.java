package org.contactpoint.audit.repository;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code text[]} literal audit-service writes itself (the driver's encoding was 18 % of its CPU): every element
 * quoted, a quote or a backslash inside escaped, a null element NULL. The chain's own tests read every record back and
 * verify its hash, so a literal PostgreSQL read otherwise would fail them too.
 */
class JdbcTest {

    @Test
    void elementsAreQuotedWithQuotesAndBackslashesEscaped() {
        List<String> values = Arrays.asList("plain", "{\"name\":\"O\\\"Brien\"}", null, "", "back\\slash",
                "Ωmega, Nguyễn", "\"");
        assertThat(Jdbc.literal(values)).isEqualTo(
                "{\"plain\",\"{\\\"name\\\":\\\"O\\\\\\\"Brien\\\"}\",NULL,\"\",\"back\\\\slash\","
                        + "\"Ωmega, Nguyễn\",\"\\\"\"}");
        assertThat(Jdbc.literal(List.of())).isEqualTo("{}");
        assertThat(Jdbc.arrayLiteral(List.of("CP1234567894"))).isEqualTo("{\"CP1234567894\"}");
    }
}
