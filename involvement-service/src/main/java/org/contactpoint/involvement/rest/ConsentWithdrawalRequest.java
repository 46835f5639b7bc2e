package org.contactpoint.involvement.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** Who withdrew the consent a sensitive involvement was shared on, and when. Kept only in the audit trail. */
public record ConsentWithdrawalRequest(@NotBlank @Size(max = 200) String withdrawnBy,
                                       @NotNull @PastOrPresent Instant withdrawnAt) {
}
