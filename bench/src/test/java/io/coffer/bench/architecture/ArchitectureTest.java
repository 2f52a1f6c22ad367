package io.coffer.bench.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import io.coffer.testsupport.architecture.CofferRules;

/**
 * The benchmark drives the suite through its HTTP API only, and its parts depend on each
 * other one way.
 */
class ArchitectureTest {

	private static final String ROOT = "io.coffer.bench";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void importsNoServiceCode() {
		CofferRules.noOtherServiceImported(ROOT).check(CLASSES);
	}

	@Test
	void packagesAreFreeOfCycles() {
		CofferRules.freeOfCycles(ROOT).check(CLASSES);
	}

	@Test
	void onlyTheLimitProbesTouchHazelcastOrRocksDb() {
		// The probes measure those libraries alone, on purpose: what the storage design
		// can reach at best.
		CofferRules.storageLibrariesOnlyInStorage(ROOT, ROOT + ".limits..").check(CLASSES);
	}

	@Test
	void usesNoCryptoPrimitive() {
		CofferRules.cryptoOnlyInBarrierSealAndTransit(ROOT).check(CLASSES);
	}

}
