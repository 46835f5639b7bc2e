package org.contactpoint.audit.rest.fhir;

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

/** What audit-service's FHIR facade serves: public, as FHIR clients read it before they sign in. */
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
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1).setPublisher("ContactPoint")
                .setDescription("ContactPoint audit-service: the tamper-evident audit trail as AuditEvent "
                        + "(IHE BALP), read-only, for auditors. Every read is itself audited.");
        capabilities.getImplementation().setDescription("ContactPoint audit-service FHIR facade");
        capabilities.addFormat("application/fhir+json").addFormat("json");
        CapabilityStatement.CapabilityStatementRestComponent rest = capabilities.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("OAuth 2 bearer token (JWT) with the auditor role; the X-Purpose-Of-Use "
                        + "header on every request")
                .addService().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service")
                .setCode("OAuth");
        CapabilityStatementRestResourceComponent audit = rest.addResource().setType("AuditEvent");
        audit.addInteraction(new ResourceInteractionComponent().setCode(TypeRestfulInteraction.READ));
        audit.addInteraction(new ResourceInteractionComponent().setCode(TypeRestfulInteraction.SEARCHTYPE));
        audit.addSearchParam().setName("date").setType(Enumerations.SearchParamType.DATE)
                .setDocumentation("when the access happened: a day or an instant, with eq, ge, gt, le, lt");
        audit.addSearchParam().setName("agent").setType(Enumerations.SearchParamType.REFERENCE)
                .setDocumentation("the user id of who made the access");
        audit.addSearchParam().setName("patient").setType(Enumerations.SearchParamType.REFERENCE)
                .setDocumentation("the child's ContactPoint ID (or Patient/<id>)");
        audit.addSearchParam().setName("entity").setType(Enumerations.SearchParamType.REFERENCE)
                .setDocumentation("the same as patient");
        return capabilities;
    }
}
