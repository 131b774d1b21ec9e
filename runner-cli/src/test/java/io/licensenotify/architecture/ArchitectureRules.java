package io.licensenotify.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** DESIGN "Modules": the rules that keep the core embeddable. Each fails on an empty match too. */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    static final ArchRule domain_uses_only_the_jdk = classes()
            .that().resideInAPackage("io.licensenotify.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.licensenotify.domain..")
            .because("other services embed the domain with nothing but its jar");

    static final ArchRule ports_know_no_framework = classes()
            .that().resideInAnyPackage("io.licensenotify.ports..", "io.licensenotify.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java.lang..", "java.util..", "java.time..",
                    "java.io..", "java.net..", "io.licensenotify.domain..", "io.licensenotify.ports..",
                    "io.licensenotify.application..", "jakarta.inject..", "org.slf4j..")
            .because("the ports and the service know no adapter, no Feign, jOOQ, Flyway, Guice, Jackson or JDBC");

    static final ArchRule adapters_do_not_know_each_other = slices()
            .matching("io.licensenotify.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("each adapter implements ports; only the runner puts them together");

    static final ArchRule only_the_cli_knows_guice_picocli_logback = noClasses()
            .that().resideOutsideOfPackage("io.licensenotify.cli..")
            .and().resideInAPackage("io.licensenotify..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "picocli..", "ch.qos.logback..")
            .because("the library is wired by constructors; Guice, picocli and logback are the runner's choice");
}
