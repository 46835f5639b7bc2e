package org.contactpoint.identity.domain;

/** Where a child's record is in its life: a {@code MERGED} child resolves to the child it was merged into. */
public enum ChildStatus { ACTIVE, DECEASED, ARCHIVED, MERGED, CLOSED }
