package io.coffer.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's package structure: features depend on each other one way only.
 */
class ArchitectureTest {

	private static final JavaClasses GATEWAY = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.coffer.gateway");

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("io.coffer.gateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
	}

}
