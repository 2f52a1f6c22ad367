package io.coffer.common.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import io.coffer.testsupport.architecture.CofferRules;

/** What every service shares depends on no service, and its packages one way. */
class ArchitectureTest {

	private static final String ROOT = "io.coffer.common";

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
