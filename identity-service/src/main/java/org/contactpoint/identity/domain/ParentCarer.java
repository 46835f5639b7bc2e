package org.contactpoint.identity.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Stored as JSON without its absent parts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParentCarer(String name, String relationship, boolean parentalResponsibility, String phone,
                          String email, Address address) {
}
