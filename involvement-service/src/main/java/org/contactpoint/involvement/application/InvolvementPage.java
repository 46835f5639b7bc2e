package org.contactpoint.involvement.application;

import org.contactpoint.involvement.domain.Involvement;

import java.util.List;

/** One page of involvements, and whether more follow. */
public record InvolvementPage(List<Involvement> items, boolean more) {
}
