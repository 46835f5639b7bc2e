package org.contactpoint.identity.messaging.in;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.identity.SourceRecord;
import org.contactpoint.events.json.ContractViolation;
import org.contactpoint.events.json.EventJson;
import org.contactpoint.identity.rest.SourceRecordReader;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed reads a record as the {@link SourceRecord} contract, a REST call as its request with Bean Validation: the
 * same record must be refused by both, for the same fields and reasons.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SourceRecordChecksTest {

    private final SourceRecordReader rest;

    SourceRecordChecksTest(SourceRecordReader rest) {
        this.rest = rest;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            """
            {"source":"SCHOOL_CENSUS","sourceId":"S-1","givenNames":"Amara","familyName":"Okafor",
             "dateOfBirth":"2016-03-14","gender":"FEMALE","address":{"lines":["1 Test Street"],"postcode":"N1 1AA"},
             "parentsCarers":[{"name":"Grace","relationship":"MOTHER","parentalResponsibility":true,
                               "phone":"020 7946 0001","email":"grace@example.org"}],
             "identifiers":[{"scheme":"NHS_NUMBER","value":"9434765919"}],"vulnerabilities":["LOOKED_AFTER"]}""",
            """
            {"familyName":" ","dateOfBirth":"2999-01-01","responsibleLocalAuthority":"E0900001900000000000000"}""",
            """
            {"source":"school census","sourceId":" ","givenNames":"A","familyName":"B","dateOfBirth":"2016-03-14",
             "gender":"MALE","address":{"lines":["a","","c","d","e"],"town":"T","postcode":"NOT A POSTCODE"}}""",
            """
            {"source":"S","sourceId":"1","givenNames":"A","familyName":"B","dateOfBirth":"2016-03-14","gender":"MALE",
             "address":{"postcode":""},
             "parentsCarers":[{"relationship":"FATHER","phone":"12","email":"not an address",
                               "address":{"lines":["x"]}},
                              {"name":"C","relationship":"AUNT","email":"c@example..org"}],
             "formerNames":[{"givenNames":"Old"}],
             "identifiers":[{"value":"01234567890123456789012345678901234567890","source":"lower"},
                            {"scheme":"UPN","value":""}]}""",
            """
            {"source":"S","sourceId":"1","givenNames":"A","familyName":"B","dateOfBirth":"2016-03-14","gender":"ROBOT"}""",
            """
            {"source":"S","sourceId":"1","givenNames":"A","familyName":"B","dateOfBirth":"2016-13-14","gender":"MALE"}"""
    })
    void theContractRefusesWhatTheRequestRefusesForTheSameReasons(String record) {
        SourceRecordReader.Read read = rest.read(record);
        String contract;
        try {
            EventJson.read(record, SourceRecord.class);
            contract = "";
        } catch (ContractViolation e) {
            contract = e.getMessage();
        }
        assertThat(contract).isEqualTo(read.reason());
    }
}
