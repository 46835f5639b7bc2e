package org.contactpoint.identity.domain;

public enum Gender { FEMALE, MALE, INDETERMINATE, NOT_SPECIFIED }
