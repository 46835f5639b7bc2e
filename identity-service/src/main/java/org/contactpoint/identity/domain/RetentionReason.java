package org.contactpoint.identity.domain;

/** Why a record is kept until the child is 25 instead of archived at 18. */
public enum RetentionReason { CARE_LEAVER, LEARNING_DIFFICULTY_OR_DISABILITY }
