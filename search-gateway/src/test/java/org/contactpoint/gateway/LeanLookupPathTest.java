package org.contactpoint.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.transaction.Transactional;
import org.contactpoint.gateway.application.LookupQuota;
import org.contactpoint.gateway.application.LookupService;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * The lookup's request path (issue 19): a record view takes no JTA transaction, and nothing a lookup calls reads
 * through Hibernate or writes the quota in the lookup. The behaviour itself is pinned by the scenario tests
 * (LookupScenarioTest, ShieldingAndMisuseTest, LookupPathTest) on real PostgreSQL and Kafka.
 */
class LeanLookupPathTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.contactpoint.gateway");

    @Test
    void lookupsReadWithPlainJdbcAndNoTransaction() {
        noClasses().that().belongToAnyOf(LookupService.class, LookupQuota.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "io.quarkus.hibernate..",
                        "jakarta.persistence..")
                .orShould().dependOnClassesThat().haveSimpleName("ChildRepository")
                .orShould().dependOnClassesThat().haveSimpleName("InvolvementRepository")
                .check(GATEWAY);
        noMethods().that().areDeclaredIn(LookupService.class).and().haveName("view")
                .should().beAnnotatedWith(Transactional.class).check(GATEWAY);
        noMethods().that().areDeclaredIn(LookupQuota.class)
                .should().beAnnotatedWith(Transactional.class).check(GATEWAY);
    }
}
