package io.surgewms;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules of ARCHITECTURE.md, checked on every build so the layout cannot rot silently. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.surgewms");
    }

    @Test
    void shall_have_no_cycles_between_feature_packages() {
        slices().matching("io.surgewms.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }

    @Test
    void shall_let_nothing_depend_on_the_board() {
        noClasses().that().resideOutsideOfPackage("io.surgewms.board..")
                .should().dependOnClassesThat().resideInAPackage("io.surgewms.board..").allowEmptyShould(true).check(classes);
    }

    @Test
    void shall_let_nothing_depend_on_the_web_pages() {
        noClasses().that().resideOutsideOfPackage("io.surgewms.web..")
                .should().dependOnClassesThat().resideInAPackage("io.surgewms.web..").allowEmptyShould(true).check(classes);
    }

    @Test
    void shall_let_only_the_web_pages_depend_on_returns() {
        noClasses().that().resideOutsideOfPackages("io.surgewms.returns..", "io.surgewms.web..")
                .should().dependOnClassesThat().resideInAPackage("io.surgewms.returns..").allowEmptyShould(true).check(classes);
    }

    @Test
    void shall_keep_platform_and_barcode_free_of_features() {
        noClasses().that().resideInAnyPackage("io.surgewms.platform..", "io.surgewms.barcode..")
                .should().dependOnClassesThat().resideInAnyPackage("io.surgewms.catalog..", "io.surgewms.layout..",
                        "io.surgewms.inventory..", "io.surgewms.intake..", "io.surgewms.picking..", "io.surgewms.packing..",
                        "io.surgewms.returns..", "io.surgewms.labels..", "io.surgewms.devices..", "io.surgewms.board..",
                        "io.surgewms.security..", "io.surgewms.web..").check(classes);
    }

    @Test
    void shall_keep_inventory_unaware_of_orders() {
        // Inventory tells the world that stock became available (an event); intake decides what waits for it.
        noClasses().that().resideInAPackage("io.surgewms.inventory..")
                .should().dependOnClassesThat().resideInAnyPackage("io.surgewms.intake..", "io.surgewms.picking..", "io.surgewms.packing..")
                .check(classes);
    }

    @Test
    void shall_keep_the_barcode_grammar_pure() {
        noClasses().that().resideInAPackage("io.surgewms.barcode..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "java.sql..").check(classes);
    }
}
