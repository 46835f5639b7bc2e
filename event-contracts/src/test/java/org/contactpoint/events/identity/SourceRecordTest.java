package org.contactpoint.events.identity;

import org.contactpoint.events.json.ContractViolation;
import org.contactpoint.events.json.EventJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A source record's own checks: the golden sample passes them; a broken record is refused field by field. */
class SourceRecordTest {

    @Test
    void theGoldenSamplePassesItsOwnChecks() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/samples/identity.source-record.submitted.v1.json")) {
            String sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(EventJson.read(sample, SourceRecord.class).violations()).isEmpty();
        }
    }

    @Test
    void aBrokenRecordIsRefusedWithEachFieldAndReasonInFieldOrder() {
        String record = """
                {"givenNames":"Amara","familyName":"","dateOfBirth":"2016-03-14","gender":"FEMALE",
                 "address":{"postcode":"EC1R 4SR"},
                 "parentsCarers":[{"name":"Grace","relationship":"MOTHER","email":"grace@"}],
                 "identifiers":[{"scheme":"NHS_NUMBER","value":"9434765919","source":"health"}]}""";
        assertThatThrownBy(() -> EventJson.read(record, SourceRecord.class))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("familyName: must not be blank; identifiers[0].source: must be upper-case letters, digits"
                        + " and _; parentsCarers[0].email: must be a well-formed email address; source: is required"
                        + " for a source record; sourceId: is required for a source record");
    }
}
