package org.contactpoint.gateway.rest.fhir;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceInteractionComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations;

import java.util.Date;

/** What the FHIR facade serves: public, as FHIR clients read it before they sign in. */
@Path("/fhir/metadata")
@Produces({FhirBodies.FHIR_JSON, MediaType.APPLICATION_JSON})
@PermitAll
public class FhirMetadataResource {

    private static final Date PUBLISHED = new Date();

    @GET
    public CapabilityStatement capabilities() {
        CapabilityStatement capabilities = new CapabilityStatement();
        capabilities.setStatus(Enumerations.PublicationStatus.ACTIVE).setDate(PUBLISHED)
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1)
                .setPublisher("ContactPoint")
                .setDescription("ContactPoint search-gateway: find a child (IHE PDQm) and who works with them. "
                        + "Every request states X-Purpose-Of-Use; every lookup is audited and counted against "
                        + "quotas as the JSON API's are.");
        capabilities.addInstantiates("https://profiles.ihe.net/ITI/PDQm/CapabilityStatement/IHE.PDQm.Supplier");
        capabilities.getImplementation().setDescription("ContactPoint search-gateway FHIR facade");
        capabilities.addFormat("application/fhir+json").addFormat("json");
        CapabilityStatement.CapabilityStatementRestComponent rest = capabilities.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("OAuth 2 bearer token (JWT) with the practitioner, child-protection or "
                + "la-management role; the X-Purpose-Of-Use header on every request")
                .addService().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service")
                .setCode("OAuth");

        CapabilityStatementRestResourceComponent patient = rest.addResource().setType("Patient");
        patient.addInteraction(new ResourceInteractionComponent().setCode(TypeRestfulInteraction.READ));
        patient.addInteraction(new ResourceInteractionComponent().setCode(TypeRestfulInteraction.SEARCHTYPE));
        search(patient, "name", Enumerations.SearchParamType.STRING, "given names then the family name");
        search(patient, "family", Enumerations.SearchParamType.STRING, "family name");
        search(patient, "given", Enumerations.SearchParamType.STRING, "given names");
        search(patient, "birthdate", Enumerations.SearchParamType.DATE,
                "a day, month or year (eq), or a range of at most a year (ge/gt with le/lt)");
        search(patient, "gender", Enumerations.SearchParamType.TOKEN, "female, male, other, unknown");
        search(patient, "address-postalcode", Enumerations.SearchParamType.STRING, "UK postcode");
        search(patient, "identifier", Enumerations.SearchParamType.TOKEN, FhirSearchParameters.NHS_NUMBER_SYSTEM
                + "|<NHS number> or " + FhirSearchParameters.CONTACT_POINT_ID_SYSTEM + "|<ContactPoint ID>");
        patient.addOperation().setName("match").setDefinition("http://hl7.org/fhir/OperationDefinition/Patient-match");

        CapabilityStatementRestResourceComponent careTeam = rest.addResource().setType("CareTeam");
        careTeam.addInteraction(new ResourceInteractionComponent().setCode(TypeRestfulInteraction.SEARCHTYPE));
        search(careTeam, "patient", Enumerations.SearchParamType.REFERENCE, "the child's ContactPoint ID");
        return capabilities;
    }

    private static void search(CapabilityStatementRestResourceComponent resource, String name,
                               Enumerations.SearchParamType type, String documentation) {
        resource.addSearchParam().setName(name).setType(type).setDocumentation(documentation);
    }
}
