package org.contactpoint.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every resource the AuditEvent facade returns, checked with HAPI's {@link FhirInstanceValidator} against the R4 core
 * definitions (structure, cardinality, bindings to the core value sets, and the FHIRPath invariants such as a
 * Bundle's "fullUrl cannot be a version specific reference") and against the R4 XML schemas.
 */
final class R4Validation {

    static final FhirContext FHIR = FhirContext.forR4Cached();

    private static final FhirValidator VALIDATOR = validator();

    private R4Validation() {
    }

    private static FhirValidator validator() {
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
                new CommonCodeSystemsTerminologyService(FHIR), new InMemoryTerminologyServerValidationSupport(FHIR),
                new SnapshotGeneratingValidationSupport(FHIR));
        FhirInstanceValidator instance = new FhirInstanceValidator(support);
        return FHIR.newValidator().registerValidatorModule(instance).setValidateAgainstStandardSchema(true)
                .setValidateAgainstStandardSchematron(false);
    }

    /** The resource, after failing the test with every error and fatal message if R4 does not accept it. */
    static <T extends IBaseResource> T valid(T resource) {
        ValidationResult result = VALIDATOR.validateWithResult(resource);
        List<String> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(R4Validation::describe).toList();
        assertThat(errors).as("R4 validation of " + FHIR.newJsonParser().encodeResourceToString(resource)).isEmpty();
        return resource;
    }

    private static String describe(SingleValidationMessage message) {
        return message.getSeverity() + " at " + message.getLocationString() + ": " + message.getMessage();
    }
}
