package org.contactpoint.involvement.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

import java.time.LocalDate;

/** The service stopped working with the child on this date. */
public record CeaseRequest(@NotNull @PastOrPresent LocalDate endDate) {
}
