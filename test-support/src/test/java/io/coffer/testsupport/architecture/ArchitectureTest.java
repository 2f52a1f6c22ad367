package io.coffer.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** test-support follows the rules it gives every module. */
class ArchitectureTest {

	private static final String ROOT = "io.coffer.testsupport";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	/**
	 * The rules every Coffer module follows ({@link CofferRules#forService}): no
	 * service's code, no storage library, no crypto primitive, packages free of cycles.
	 */
	@Test
	void followsTheSharedCofferRules() {
		CofferRules.forService(ROOT).forEach((rule) -> rule.check(CLASSES));
	}

}
