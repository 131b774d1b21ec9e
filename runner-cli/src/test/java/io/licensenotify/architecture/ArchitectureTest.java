package io.licensenotify.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.licensenotify.adapter.braze.violations.BrazeThing;
import io.licensenotify.adapter.lms.violations.LmsCallingBraze;
import io.licensenotify.adapter.persistence.violations.PersistenceUsingGuice;
import io.licensenotify.application.violations.ServiceUsingJdbc;
import io.licensenotify.domain.violations.DomainUsingSlf4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules hold for the product's classes (every module's main classes are on this module's test class path),
 * and each rule really fails on a class that breaks it.
 */
class ArchitectureTest {
    private static JavaClasses product;

    /** Main classes of every module, from their jars or class folders; no test classes, no test-jars. */
    @BeforeAll
    static void importProductClasses() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.licensenotify");
    }

    private static JavaClasses only(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    @Test
    void theProductClassesOfEveryModuleAreImported() {
        assertThat(product.stream().map(c -> c.getPackageName()).distinct())
                .contains("io.licensenotify.domain", "io.licensenotify.ports.out", "io.licensenotify.application");
    }

    @Test
    void theDomainUsesOnlyTheJdk() {
        ArchitectureRules.domain_uses_only_the_jdk.check(product);
    }

    @Test
    void thePortsKnowNoFramework() {
        ArchitectureRules.ports_know_no_framework.check(product);
    }

    @Test
    void theAdaptersDoNotKnowEachOther() {
        ArchitectureRules.adapters_do_not_know_each_other.check(product);
    }

    @Test
    void onlyTheCliKnowsGuicePicocliAndLogback() {
        ArchitectureRules.only_the_cli_knows_guice_picocli_logback.check(product);
    }

    @Test
    void aDomainClassUsingALoggingFrameworkBreaksTheDomainRule() {
        assertFails(ArchitectureRules.domain_uses_only_the_jdk, only(DomainUsingSlf4j.class), "org.slf4j");
    }

    @Test
    void anApplicationClassUsingJdbcBreaksThePortsRule() {
        assertFails(ArchitectureRules.ports_know_no_framework, only(ServiceUsingJdbc.class), "java.sql");
    }

    @Test
    void anAdapterCallingAnotherAdapterBreaksTheAdapterRule() {
        assertFails(ArchitectureRules.adapters_do_not_know_each_other, only(LmsCallingBraze.class, BrazeThing.class), "BrazeThing");
    }

    @Test
    void anAdapterUsingGuiceBreaksTheCliRule() {
        assertFails(ArchitectureRules.only_the_cli_knows_guice_picocli_logback, only(PersistenceUsingGuice.class), "com.google.inject");
    }

    @Test
    void aRuleThatMatchesNoClassFails() {
        assertThatThrownBy(() -> ArchitectureRules.domain_uses_only_the_jdk.check(only(ArchitectureTest.class)))
                .isInstanceOf(AssertionError.class);
    }

    private static void assertFails(ArchRule rule, JavaClasses classes, String evidence) {
        assertThatThrownBy(() -> rule.check(classes)).isInstanceOf(AssertionError.class).hasMessageContaining(evidence);
    }
}
