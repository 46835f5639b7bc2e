package org.contactpoint.identity.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A UK address; the postcode in normal form ("EC1R 4SR"). Stored as JSON without its absent parts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(List<String> lines, String town, String postcode) {
}
