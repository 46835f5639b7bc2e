package org.contactpoint.gateway.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A parent or carer; their phone, email and address are location details, withheld while the child is shielded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParentCarer(String name, String relationship, boolean parentalResponsibility, String phone,
                          String email, Address address) {
}
