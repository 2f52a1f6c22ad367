package io.coffer.snapshot.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.coffer.testsupport.architecture.CofferRules;
import org.junit.jupiter.api.Test;

/** The boundaries ARCHITECTURE.md and CONVENTIONS.md draw, checked on every build. */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.coffer.snapshot");

	/**
	 * The rules every Coffer service follows (test-support's {@link CofferRules}): no
	 * other service's code, no storage libraries, no {@code javax.crypto}, packages free
	 * of cycles.
	 */
	@Test
	void followsTheSharedCofferRules() {
		CofferRules.forService("io.coffer.snapshot").forEach((rule) -> rule.check(CLASSES));
	}

}
