package org.contactpoint.involvement.domain;

/**
 * The controlled vocabulary of services that work with children. The sensitive ones (sexual health, mental health,
 * substance misuse) are accepted only with a recorded basis, and their provider and contact are never published.
 */
public enum ServiceType {
    SCHOOL("School or educational setting", false),
    EARLY_YEARS("Early years setting", false),
    GP("GP practice", false),
    HEALTH_VISITOR("Health visitor", false),
    SCHOOL_NURSE("School nurse", false),
    MIDWIFERY("Midwifery", false),
    CHILDRENS_SOCIAL_CARE("Children's social care", false),
    EARLY_HELP("Early help", false),
    YOUTH_OFFENDING("Youth offending team", false),
    POLICE("Police", false),
    CAMHS("Child and adolescent mental health services", false),
    EDUCATION_WELFARE("Education welfare", false),
    CONNEXIONS("Connexions / careers advice", false),
    HOUSING("Housing", false),
    VOLUNTARY_SECTOR("Voluntary sector", false),
    SEXUAL_HEALTH("Sexual health", true),
    MENTAL_HEALTH("Mental health", true),
    SUBSTANCE_MISUSE("Substance misuse", true);

    private final String label;
    private final boolean sensitive;

    ServiceType(String label, boolean sensitive) {
        this.label = label;
        this.sensitive = sensitive;
    }

    public String label() {
        return label;
    }

    public boolean sensitive() {
        return sensitive;
    }
}
