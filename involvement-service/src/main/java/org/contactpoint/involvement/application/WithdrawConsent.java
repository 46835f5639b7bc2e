package org.contactpoint.involvement.application;

import java.time.Instant;

/** Who withdrew the consent a sensitive involvement was shared on, and when. Kept only in the audit trail. */
public record WithdrawConsent(String withdrawnBy, Instant withdrawnAt) {
}
