package org.contactpoint.gateway.rest.fhir;

import org.contactpoint.gateway.application.ChildRecordView;
import org.contactpoint.gateway.application.SearchResult;
import org.contactpoint.gateway.domain.Address;
import org.contactpoint.gateway.domain.FormerName;
import org.contactpoint.gateway.domain.MatchGrade;
import org.contactpoint.gateway.domain.Whereabouts;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * The gateway's answers as FHIR R4 resources. It maps what the application already decided to disclose
 * ({@link SearchResult.Match}, {@link ChildRecordView}) and adds nothing: a withheld detail is null there and absent
 * here. Shielded children and withheld details carry security labels.
 */
final class FhirResources {

    static final String MATCH_GRADE = "http://hl7.org/fhir/StructureDefinition/match-grade";
    static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    static final String OBSERVATION_VALUE = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    static final String ORGANISATION_CODE_SYSTEM = "https://contactpoint.example/Id/organisation-code";
    static final String LOCAL_AUTHORITY_SYSTEM = "https://contactpoint.example/Id/local-authority";

    private FhirResources() {
    }

    /** A search match: the child by its visible fields, as much as the JSON API's match shows. */
    static Patient patient(SearchResult.Match match) {
        Patient patient = new Patient();
        patient.setId(match.contactPointId());
        patient.addIdentifier(contactPointId(match.contactPointId()));
        patient.addName(official(match.givenNames(), match.familyName()));
        if (match.preferredName() != null) {
            patient.addName().setUse(HumanName.NameUse.USUAL).setText(match.preferredName())
                    .addGiven(match.preferredName());
        }
        patient.setGender(gender(match.gender()));
        patient.setBirthDateElement(date(match.dateOfBirth()));
        if (match.shielded()) {
            restricted(patient.getMeta());
        }
        return patient;
    }

    /** The grade as PDQm's search score (1 certain, 0.8 probable, 0.5 possible) and match-grade code. */
    static double score(MatchGrade grade) {
        return switch (grade) {
            case EXACT -> 1.0;
            case STRONG -> 0.8;
            case POSSIBLE -> 0.5;
        };
    }

    static CodeType matchGrade(MatchGrade grade) {
        return new CodeType(switch (grade) {
            case EXACT -> "certain";
            case STRONG -> "probable";
            case POSSIBLE -> "possible";
        });
    }

    /** A record view: the child, parents and carers as contacts, where they live unless withheld. */
    static Patient patient(ChildRecordView record) {
        Patient patient = new Patient();
        patient.setId(record.contactPointId());
        patient.addIdentifier(contactPointId(record.contactPointId()));
        if (record.nhsNumber() != null) {
            patient.addIdentifier().setSystem(FhirSearchParameters.NHS_NUMBER_SYSTEM).setValue(record.nhsNumber());
        }
        patient.setActive(!"CLOSED".equals(record.status()));
        patient.addName(official(record.givenNames(), record.familyName()));
        if (record.preferredName() != null) {
            patient.addName().setUse(HumanName.NameUse.USUAL).setText(record.preferredName())
                    .addGiven(record.preferredName());
        }
        for (FormerName former : record.formerNames()) {
            patient.addName(official(former.givenNames(), former.familyName())
                    .setUse(former.kind() == FormerName.Kind.ALIAS ? HumanName.NameUse.NICKNAME
                            : HumanName.NameUse.OLD));
        }
        patient.setGender(gender(record.gender()));
        patient.setBirthDateElement(date(record.dateOfBirth()));
        if (record.dateOfDeath() != null) {
            patient.setDeceased(new DateTimeType(Date.from(record.dateOfDeath().atStartOfDay(ZoneOffset.UTC)
                    .toInstant()), ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY));
        }
        Whereabouts whereabouts = record.whereabouts();
        if (whereabouts != null && whereabouts.address() != null) {
            patient.addAddress(address(whereabouts.address()).setUse(
                    whereabouts.kind() == Whereabouts.Kind.CURRENT_ADDRESS ? org.hl7.fhir.r4.model.Address.AddressUse.HOME
                            : org.hl7.fhir.r4.model.Address.AddressUse.OLD));
        }
        for (ChildRecordView.ParentCarer carer : record.parentsCarers()) {
            Patient.ContactComponent contact = patient.addContact();
            contact.addRelationship().setText(carer.relationship());
            contact.setName(new HumanName().setText(carer.name()));
            telecom(carer.phone(), carer.email()).forEach(contact::addTelecom);
            if (carer.address() != null) {
                contact.setAddress(address(carer.address()));
            }
        }
        if (record.responsibleLocalAuthority() != null) {
            patient.setManagingOrganization(new Reference().setIdentifier(new Identifier()
                    .setSystem(LOCAL_AUTHORITY_SYSTEM).setValue(record.responsibleLocalAuthority())));
        }
        label(patient.getMeta(), record.shielded(), record.locationWithheld(), record.breakGlass());
        return patient;
    }

    /**
     * One involvement as a care team around the child: the organisation and the practitioner's role (with how to
     * reach them) as contained participants. A sensitive service shows only that it exists; a shielded child's
     * services only their type.
     */
    static CareTeam careTeam(ChildRecordView record, ChildRecordView.Involvement involvement) {
        CareTeam team = new CareTeam();
        team.setId(involvement.involvementId());
        team.setStatus("ACTIVE".equals(involvement.status()) ? CareTeam.CareTeamStatus.ACTIVE
                : CareTeam.CareTeamStatus.INACTIVE);
        team.setSubject(new Reference("Patient/" + record.contactPointId()));
        if (involvement.serviceType() != null) {
            team.addCategory().setText(involvement.serviceType());
        }
        if (involvement.startDate() != null || involvement.endDate() != null) {
            team.setPeriod(new Period().setStartElement(dateTime(involvement.startDate()))
                    .setEndElement(dateTime(involvement.endDate())));
        }
        if (involvement.organisationName() != null || involvement.organisationCode() != null) {
            Organization organisation = new Organization();
            organisation.setId("organisation");
            organisation.setName(involvement.organisationName());
            if (involvement.organisationCode() != null) {
                organisation.addIdentifier().setSystem(ORGANISATION_CODE_SYSTEM)
                        .setValue(involvement.organisationCode());
            }
            team.addContained(organisation);
            team.addParticipant().setMember(new Reference("#organisation"));
            team.setManagingOrganization(List.of(new Reference("#organisation")));
        }
        if (involvement.practitionerName() != null || involvement.practitionerRole() != null
                || involvement.contactPhone() != null || involvement.contactEmail() != null) {
            PractitionerRole role = new PractitionerRole();
            role.setId("practitioner-role");
            if (involvement.practitionerName() != null) {
                role.setPractitioner(new Reference().setDisplay(involvement.practitionerName()));
            }
            if (involvement.practitionerRole() != null) {
                role.addCode().setText(involvement.practitionerRole());
            }
            if (involvement.organisationName() != null || involvement.organisationCode() != null) {
                role.setOrganization(new Reference("#organisation"));
            }
            telecom(involvement.contactPhone(), involvement.contactEmail()).forEach(role::addTelecom);
            team.addContained(role);
            CareTeam.CareTeamParticipantComponent participant = team.addParticipant()
                    .setMember(new Reference("#practitioner-role"));
            if (involvement.leadProfessional()) {
                participant.addRole().setText("Lead professional");
            }
        }
        if (involvement.note() != null) {
            team.addNote().setText(involvement.note());
        }
        if (involvement.sensitive()) {
            team.getMeta().addSecurity().setSystem(CONFIDENTIALITY).setCode("R").setDisplay("restricted");
            redacted(team.getMeta());
        } else {
            label(team.getMeta(), record.shielded(), record.locationWithheld(), record.breakGlass());
        }
        return team;
    }

    private static void label(Meta meta, boolean shielded, boolean withheld, boolean breakGlass) {
        if (shielded) {
            restricted(meta);
        }
        if (withheld) {
            redacted(meta);
        }
        if (breakGlass) {
            meta.addSecurity().setSystem(ACT_REASON).setCode("BTG").setDisplay("break the glass");
        }
    }

    private static void restricted(Meta meta) {
        meta.addSecurity().setSystem(CONFIDENTIALITY).setCode("R").setDisplay("restricted");
    }

    private static void redacted(Meta meta) {
        meta.addSecurity().setSystem(OBSERVATION_VALUE).setCode("REDACTED").setDisplay("redacted");
    }

    static Identifier contactPointId(String id) {
        return new Identifier().setSystem(FhirSearchParameters.CONTACT_POINT_ID_SYSTEM).setValue(id);
    }

    private static HumanName official(String givenNames, String familyName) {
        HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL).setFamily(familyName);
        if (givenNames != null) {
            Arrays.stream(givenNames.trim().split("\\s+")).filter(g -> !g.isEmpty()).forEach(name::addGiven);
        }
        return name;
    }

    private static org.hl7.fhir.r4.model.Address address(Address address) {
        org.hl7.fhir.r4.model.Address fhir = new org.hl7.fhir.r4.model.Address();
        if (address.lines() != null) {
            address.lines().forEach(fhir::addLine);
        }
        return fhir.setCity(address.town()).setPostalCode(address.postcode());
    }

    private static List<ContactPoint> telecom(String phone, String email) {
        List<ContactPoint> telecom = new java.util.ArrayList<>();
        if (phone != null) {
            telecom.add(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone)
                    .setUse(ContactPoint.ContactPointUse.WORK));
        }
        if (email != null) {
            telecom.add(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email)
                    .setUse(ContactPoint.ContactPointUse.WORK));
        }
        return telecom;
    }

    static AdministrativeGender gender(String gender) {
        if (gender == null) {
            return null;
        }
        return switch (gender) {
            case "FEMALE" -> AdministrativeGender.FEMALE;
            case "MALE" -> AdministrativeGender.MALE;
            case "INDETERMINATE" -> AdministrativeGender.OTHER;
            default -> AdministrativeGender.UNKNOWN;
        };
    }

    private static DateType date(LocalDate date) {
        return date == null ? null : new DateType(date.toString());
    }

    private static DateTimeType dateTime(LocalDate date) {
        return date == null ? null : new DateTimeType(date.toString());
    }
}
