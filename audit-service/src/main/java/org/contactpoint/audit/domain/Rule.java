package org.contactpoint.audit.domain;

/** The misuse rules, with how urgently the security team should look when one fires. */
public enum Rule {
    SEARCH_BURST("HIGH"),
    OWN_FAMILY_NAME("HIGH"),
    BREAK_GLASS("MEDIUM"),
    SHIELDED_ACCESS("MEDIUM"),
    OUT_OF_HOURS("MEDIUM"),
    UNRELATED_CHILDREN("HIGH");

    private final String severity;

    Rule(String severity) {
        this.severity = severity;
    }

    public String severity() {
        return severity;
    }
}
