package org.contactpoint.gateway.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A postal address. Absent parts are left out of the stored JSON and of the record a practitioner sees. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(List<String> lines, String town, String postcode) {
}
