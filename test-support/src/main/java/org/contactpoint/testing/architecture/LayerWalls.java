package org.contactpoint.testing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The walls inside every service, stated once (see ARCHITECTURE.md): {@code rest} and {@code messaging.in} call
 * {@code application}; {@code application} calls {@code domain}, {@code repository} and {@code messaging.out}; nothing
 * calls back up. {@code security} and {@code config} serve every layer. The domain knows no HTTP, no event contract
 * records and no Kafka; the application knows no HTTP. A service's architecture test calls {@link #check(String)}.
 */
public final class LayerWalls {

    private LayerWalls() {
    }

    /** Every rule, checked against the service's main classes under {@code basePackage}; fails listing each breach. */
    public static void check(String basePackage) {
        JavaClasses service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
        for (ArchRule rule : rules(basePackage)) {
            rule.check(service);
        }
    }

    /** The rules, for a service whose classes live under {@code basePackage}. */
    public static List<ArchRule> rules(String basePackage) {
        String rest = basePackage + ".rest..";
        String incoming = basePackage + ".messaging.in..";
        String outgoing = basePackage + ".messaging.out..";
        String application = basePackage + ".application..";
        String domain = basePackage + ".domain..";
        String repository = basePackage + ".repository..";
        String security = basePackage + ".security..";
        String config = basePackage + ".config..";
        ArchRule layers = layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("rest").definedBy(rest)
                .layer("messaging.in").definedBy(incoming)
                .layer("application").definedBy(application)
                .layer("messaging.out").definedBy(outgoing)
                .layer("repository").definedBy(repository)
                .layer("domain").definedBy(domain)
                .layer("security").definedBy(security)
                .layer("config").definedBy(config)
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("messaging.in").mayNotBeAccessedByAnyLayer()
                .whereLayer("application").mayOnlyBeAccessedByLayers("rest", "messaging.in")
                .whereLayer("messaging.out").mayOnlyBeAccessedByLayers("application")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("application", "messaging.out")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("rest", "messaging.in", "application",
                        "messaging.out", "repository", "security")
                .whereLayer("security").mayOnlyBeAccessedByLayers("rest", "messaging.in", "application",
                        "messaging.out", "repository")
                .because("calls run one way: from the edges (REST, incoming events) through the use cases to the"
                        + " domain and the stores, never back up");
        ArchRule everyClassInItsRoom = classes().that().resideInAPackage(basePackage + "..")
                .should().resideInAnyPackage(rest, incoming, outgoing, application, domain, repository, security,
                        config)
                .because("the same concept lives in the same package in every service");
        ArchRule domainIsPlain = noClasses().that().resideInAPackage(domain)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                        "org.contactpoint.support.rest..", "org.contactpoint.events.identity..",
                        "org.contactpoint.events.involvement..", "org.contactpoint.events.audit..",
                        "org.apache.kafka..", "org.eclipse.microprofile.reactive.messaging..")
                .because("the domain is the field's rules in its own words: no HTTP, no wire events, no broker");
        ArchRule applicationKnowsNoHttp = noClasses().that().resideInAPackage(application)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                        "org.contactpoint.support.rest..", "org.apache.kafka..")
                .because("use cases throw domain exceptions; the REST layer decides the status");
        ArchRule problemsOnlyInRest = noClasses().that().resideOutsideOfPackage(rest)
                .should().dependOnClassesThat().haveFullyQualifiedName(
                        "org.contactpoint.support.rest.ProblemException")
                .because("an HTTP problem is the REST layer's answer, not a use case's");
        return List.of(layers, everyClassInItsRoom, domainIsPlain, applicationKnowsNoHttp, problemsOnlyInRest);
    }
}
