package io.coffer.e2e.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import io.coffer.testsupport.architecture.CofferRules;

/**
 * The end-to-end tests drive the suite as a client does: through its jars and its HTTP
 * API, never through a service's classes.
 */
class ArchitectureTest {

	private static final String ROOT = "io.coffer.e2e";

	// Everything here is test code, so the tests are imported too.
	private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(ROOT);

	@Test
	void importsNoServiceCode() {
		CofferRules.noOtherServiceImported(ROOT).check(CLASSES);
	}

	@Test
	void packagesAreFreeOfCycles() {
		CofferRules.freeOfCycles(ROOT).check(CLASSES);
	}

}
