package io.licensenotify.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.licensenotify.adapter.braze.violations.BrazeThing;
import io.licensenotify.adapter.lms.violations.LmsCallingBraze;
import io.licensenotify.adapter.persistence.violations.PersistenceUsingGuice;
import io.licensenotify.application.violations.ServiceUsingJdbc;
import io.licensenotify.adapter.lms.violations.AdapterUsingAStandIn;
import io.licensenotify.adapter.persistence.violations.AdapterUsingTheService;
import io.licensenotify.application.violations.ServiceUsingHttpClient;
import io.licensenotify.cli.violations.RootNamingItsCommand;
import io.licensenotify.cli.violations.demo.CommandKnowingItsRoot;
import io.licensenotify.domain.violations.DomainReadingTheClock;
import io.licensenotify.domain.violations.DomainUsingJdbc;
import io.licensenotify.domain.violations.DomainUsingSlf4j;
import io.licensenotify.ports.in.violations.InPortUsingOutPort;
import io.licensenotify.ports.out.violations.OutPortHelper;
import io.licensenotify.ports.out.violations.OutPortUsingInPort;
import io.licensenotify.support.violations.HelperUsingAPort;
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
                .contains("io.licensenotify.domain", "io.licensenotify.ports.in", "io.licensenotify.ports.out",
                        "io.licensenotify.ports.failure",
                        "io.licensenotify.application", "io.licensenotify.adapter.persistence",
                        "io.licensenotify.adapter.lms", "io.licensenotify.adapter.braze", "io.licensenotify.cli",
                        "io.licensenotify.cli.wiring", "io.licensenotify.cli.config", "io.licensenotify.support",
                        "io.licensenotify.standin", "io.licensenotify.text");
        assertThat(product.stream().map(c -> c.getName()))
                .contains("io.licensenotify.domain.Eligibility", "io.licensenotify.application.SendNotificationsService",
                        "io.licensenotify.adapter.persistence.JooqDeliveryLedger",
                        "io.licensenotify.adapter.lms.LmsAdmins", "io.licensenotify.adapter.braze.BrazeMessenger",
                        "io.licensenotify.cli.Main")
                .noneMatch(n -> n.contains(".violations."));
    }

    @Test
    void outPortsDoNotKnowInPorts() {
        ArchitectureRules.out_ports_do_not_know_in_ports.check(product);
    }

    @Test
    void inPortsDoNotKnowOutPorts() {
        ArchitectureRules.in_ports_do_not_know_out_ports.check(product);
    }

    @Test
    void outPortsHoldOnlyPortsAndTheirValues() {
        ArchitectureRules.out_ports_hold_only_ports_and_their_values.check(product);
    }

    @Test
    void anOutPortsHelperClassBreaksTheOutPortsRule() {
        assertFails(ArchitectureRules.out_ports_hold_only_ports_and_their_values, only(OutPortHelper.class),
                "OutPortHelper");
        ArchitectureRules.out_ports_hold_only_ports_and_their_values.check(only(OutPortUsingInPort.class));
    }

    @Test
    void adaptersDoNotKnowTheApplication() {
        ArchitectureRules.adapters_do_not_know_the_application.check(product);
    }

    @Test
    void theSharedHelpersKnowNoProductPackage() {
        ArchitectureRules.the_adapters_shared_helpers_know_no_product_package.check(product);
    }

    @Test
    void onlyTheDemoUsesTheStandIns() {
        ArchitectureRules.only_the_demo_and_tests_use_the_stand_ins.check(product);
    }

    @Test
    void theCoreNeverReadsTheClock() {
        ArchitectureRules.the_core_never_reads_the_clock.check(product);
    }

    @Test
    void theRunnersPackagesAreFreeOfCycles() {
        ArchitectureRules.the_runner_s_packages_are_free_of_cycles.check(product);
    }

    @Test
    void theCommandsAreFreeOfCycles() {
        ArchitectureRules.the_commands_are_free_of_cycles.check(product);
    }

    @Test
    void aCommandKnowingTheCommandThatNamesItBreaksTheCycleRules() {
        JavaClasses pair = only(RootNamingItsCommand.class, CommandKnowingItsRoot.class);
        assertFails(ArchitectureRules.the_commands_are_free_of_cycles, pair, "CommandKnowingItsRoot.root");
        assertFails(ArchitectureRules.the_runner_s_packages_are_free_of_cycles, pair, "CommandKnowingItsRoot.root");
    }

    @Test
    void aDomainClassUsingJdbcTypesBreaksTheDomainRule() {
        assertFails(ArchitectureRules.domain_uses_only_the_jdk, only(DomainUsingJdbc.class), "java.sql");
    }

    @Test
    void anApplicationClassUsingTheHttpClientBreaksThePortsRule() {
        assertFails(ArchitectureRules.ports_know_no_framework, only(ServiceUsingHttpClient.class), "java.net.http");
    }

    @Test
    void anOutPortUsingAnInPortTypeBreaksThePortDirectionRule() {
        assertFails(ArchitectureRules.out_ports_do_not_know_in_ports, only(OutPortUsingInPort.class), "RunReport");
    }

    @Test
    void anInPortUsingAnOutPortTypeBreaksThePortDirectionRule() {
        assertFails(ArchitectureRules.in_ports_do_not_know_out_ports, only(InPortUsingOutPort.class), "Messenger");
    }

    @Test
    void anAdapterUsingTheServiceBreaksTheAdapterRule() {
        assertFails(ArchitectureRules.adapters_do_not_know_the_application, only(AdapterUsingTheService.class),
                "SendNotificationsService");
    }

    @Test
    void aSharedHelperUsingAPortTypeBreaksTheHelperRule() {
        assertFails(ArchitectureRules.the_adapters_shared_helpers_know_no_product_package, only(HelperUsingAPort.class),
                "SendOutcome");
    }

    @Test
    void anAdapterUsingAStandInBreaksTheStandInRule() {
        assertFails(ArchitectureRules.only_the_demo_and_tests_use_the_stand_ins, only(AdapterUsingAStandIn.class),
                "StandIn");
    }

    @Test
    void aDomainClassReadingTheClockBreaksTheClockRule() {
        assertFails(ArchitectureRules.the_core_never_reads_the_clock, only(DomainReadingTheClock.class), "now");
        assertFails(ArchitectureRules.the_core_never_reads_the_clock, only(DomainReadingTheClock.class), "systemUTC");
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
