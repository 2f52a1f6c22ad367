package io.coffer.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.coffer.testsupport.architecture.CofferRules;
import org.junit.jupiter.api.Test;

/**
 * The gateway's package structure: features depend on each other one way only, and on no
 * other service.
 */
class ArchitectureTest {

	private static final JavaClasses GATEWAY = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.coffer.gateway");

	/**
	 * The rules every Coffer service follows (test-support's {@link CofferRules}): no
	 * other service's code, no storage libraries, no {@code javax.crypto}, packages free
	 * of cycles.
	 */
	@Test
	void followsTheSharedCofferRules() {
		CofferRules.forService("io.coffer.gateway").forEach((rule) -> rule.check(GATEWAY));
	}

}
