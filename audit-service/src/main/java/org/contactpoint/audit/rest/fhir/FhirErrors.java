package org.contactpoint.audit.rest.fhir;

import jakarta.ws.rs.ext.Provider;
import org.contactpoint.support.rest.fhir.OperationOutcomes;

/** Every error under {@code /fhir} as an OperationOutcome: the shared {@link OperationOutcomes}, declared here. */
@Provider
public class FhirErrors extends OperationOutcomes {
}
