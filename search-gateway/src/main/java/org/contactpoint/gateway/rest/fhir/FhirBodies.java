package org.contactpoint.gateway.rest.fhir;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.contactpoint.support.rest.fhir.FhirJsonBodies;

/** This service's FHIR bodies: the shared {@link FhirJsonBodies}, declared here where HAPI is on the class path. */
@Provider
@Produces({FhirBodies.FHIR_JSON, MediaType.APPLICATION_JSON})
@Consumes({FhirBodies.FHIR_JSON, MediaType.APPLICATION_JSON})
public class FhirBodies extends FhirJsonBodies {
}
