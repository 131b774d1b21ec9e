package io.licensenotify.architecture;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.function.Function;
import java.util.stream.Stream;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** docs/design.md "Modules and the architecture rules": the rules that keep the core embeddable. Each fails on an empty match too. */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    static final ArchRule domain_uses_only_the_jdk = classes()
            .that().resideInAPackage("io.licensenotify.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java.lang..", "java.util..", "java.time..",
                    "java.math..", "io.licensenotify.domain..")
            .because("other services embed the domain with nothing but its jar, and the rules are pure functions"
                    + " of values: no I/O package, not even the JDK's");

    static final ArchRule ports_know_no_framework = classes()
            .that().resideInAnyPackage("io.licensenotify.ports..", "io.licensenotify.application..",
                    "io.licensenotify.text..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java.lang..", "java.util..", "java.time..",
                    "java.math..", "java.net", "io.licensenotify.domain..", "io.licensenotify.ports..",
                    "io.licensenotify.application..", "io.licensenotify.text..", "jakarta.inject..", "org.slf4j..")
            .because("the ports, the service and the text safety they share know no adapter, no Feign, jOOQ, Flyway,"
                    + " Guice, Jackson, JDBC (java.sql) or HTTP client (java.net.http): they reach the world through"
                    + " their ports; java.net itself only for URL text (decoding a URL that holds a secret, to mask it)");

    static final ArchRule out_ports_do_not_know_in_ports = noClasses()
            .that().resideInAPackage("io.licensenotify.ports.out..")
            .should().dependOnClassesThat().resideInAPackage("io.licensenotify.ports.in..")
            .because("an adapter implementing an out-port must not depend on the use case it serves");

    static final ArchRule in_ports_do_not_know_out_ports = noClasses()
            .that().resideInAPackage("io.licensenotify.ports.in..")
            .should().dependOnClassesThat().resideInAPackage("io.licensenotify.ports.out..")
            .because("the use case and its report are what a caller sees; what the service needs of the world is"
                    + " its own business (the failure vocabulary both speak is io.licensenotify.ports.failure)");

    static final ArchRule out_ports_hold_only_ports_and_their_values = classes()
            .that().resideInAPackage("io.licensenotify.ports.out..")
            .and().areNotAnonymousClasses().and().doNotHaveModifier(JavaModifier.SYNTHETIC) // such as Suppressions.NONE
            .should(be(describe("an interface, a record, an enum or an exception",
                    c -> c.isInterface() || c.isRecord() || c.isEnum() || c.isAssignableTo(Throwable.class))))
            .because("ports.out says what the core needs from the world and the values that cross it; helpers such"
                    + " as the text safety every module shares live in their own package (io.licensenotify.text)");

    static final ArchRule adapters_do_not_know_each_other = slices()
            .matching("io.licensenotify.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("each adapter implements ports; only the runner puts them together");

    static final ArchRule adapters_do_not_know_the_application = noClasses()
            .that().resideInAPackage("io.licensenotify.adapter..")
            .should().dependOnClassesThat().resideInAPackage("io.licensenotify.application..")
            .because("adapters implement ports; the service drives them, not the other way round");

    static final ArchRule only_the_cli_knows_guice_picocli_logback = noClasses()
            .that().resideOutsideOfPackage("io.licensenotify.cli..")
            .and().resideInAPackage("io.licensenotify..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "picocli..", "ch.qos.logback..")
            .because("the library is wired by constructors; Guice, picocli and logback are the runner's choice");

    static final ArchRule the_adapters_shared_helpers_know_no_product_package = classes()
            .that().resideInAPackage("io.licensenotify.support..")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("io.licensenotify.domain..",
                    "io.licensenotify.ports..", "io.licensenotify.application..", "io.licensenotify.adapter..",
                    "io.licensenotify.cli..", "io.licensenotify.standin..")
            .because("the helpers the adapters share (retries, deadlines) are plumbing; an adapter that needs a port"
                    + " type keeps it to itself");

    static final ArchRule only_the_demo_and_tests_use_the_stand_ins = noClasses()
            .that().resideInAPackage("io.licensenotify..")
            .and().resideOutsideOfPackages("io.licensenotify.standin..", "io.licensenotify.cli.demo..")
            .should().dependOnClassesThat().resideInAPackage("io.licensenotify.standin..")
            .because("the loopback stand-ins of the LMS and Braze are for the demo, the benchmark and the tests;"
                    + " the product never talks to them");

    static final ArchRule the_core_never_reads_the_clock = noClasses()
            .that().resideInAnyPackage("io.licensenotify.domain..", "io.licensenotify.application..")
            .should().callMethodWhere(JavaCall.Predicates.target(name("now")))
            .orShould().callMethodWhere(JavaCall.Predicates.target(nameStartingWith("system"))
                    .and(JavaCall.Predicates.target(owner(assignableTo(java.time.Clock.class)))))
            .because("the rules take the day and the service an injected Clock, so tests and embedders decide the"
                    + " time");

    static final ArchRule the_runner_s_packages_are_free_of_cycles = slices()
            .assignedFrom(slicesOf("the runner's packages", JavaClass::getPackageName, "io.licensenotify.cli.."))
            .should().beFreeOfCycles()
            .because("the command line uses the wiring, the configuration and the demo, and none of them uses it back");

    static final ArchRule the_commands_are_free_of_cycles = slices()
            .assignedFrom(slicesOf("the command line's classes", c -> c.getName().replaceFirst("\\$.*", ""),
                    "io.licensenotify.cli..", "io.licensenotify.cli.config..", "io.licensenotify.cli.wiring.."))
            .should().beFreeOfCycles()
            .because("each command is built with what it uses, and the demo runs a command line through a function:"
                    + " no command knows the top-level command or what builds them all (a registry of keys and the"
                    + " wiring's modules are left out: their classes refer to each other by design)");

    /** A slice per {@code slice} of a class in {@code in} (a package pattern) and none of {@code except}. */
    private static SliceAssignment slicesOf(String description, Function<JavaClass, String> slice, String in,
                                            String... except) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                boolean inScope = PackageMatcher.of(in).matches(c.getPackageName())
                        && Stream.of(except).noneMatch(p -> PackageMatcher.of(p).matches(c.getPackageName()));
                return inScope ? SliceIdentifier.of(slice.apply(c)) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return description;
            }
        };
    }
}
