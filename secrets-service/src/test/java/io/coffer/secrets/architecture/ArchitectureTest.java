package io.coffer.secrets.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.coffer.testsupport.architecture.CofferRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The boundaries ARCHITECTURE.md and CONVENTIONS.md draw, checked on every build. */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.coffer.secrets");

	/**
	 * The rules every Coffer service follows (test-support's {@link CofferRules}): no
	 * other service's code, Hazelcast/RocksDB only in storage, {@code javax.crypto} only
	 * in barrier, seal and transit, packages free of cycles.
	 */
	@Test
	void followsTheSharedCofferRules() {
		CofferRules.forService("io.coffer.secrets").forEach((rule) -> rule.check(CLASSES));
	}

	@Test
	void enginesSeeOnlyTheirBarrierView() {
		noClasses().that()
			.resideInAPackage("io.coffer.secrets.engine..")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.coffer.secrets.storage.Storage")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.coffer.secrets.barrier.Barrier")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.coffer.secrets.mount.MountService")
			.orShould()
			.dependOnClassesThat()
			.resideInAnyPackage("io.coffer.secrets.seal..", "io.coffer.secrets.http..", "io.coffer.secrets.pipeline..")
			.check(CLASSES);
	}

	@Test
	void theStoragePackageKnowsNothingAboveIt() {
		noClasses().that()
			.resideInAPackage("io.coffer.secrets.storage..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.coffer.secrets.barrier..", "io.coffer.secrets.seal..", "io.coffer.secrets.engine..",
					"io.coffer.secrets.mount..", "io.coffer.secrets.http..", "io.coffer.secrets.sys..",
					"io.coffer.secrets.token..", "io.coffer.secrets.pipeline..")
			.check(CLASSES);
	}

	@Test
	void theKernelDependsOnNothingElseInTheService() {
		noClasses().that()
			.resideInAPackage("io.coffer.secrets.kernel..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.coffer.secrets..")
			.andShould()
			.dependOnClassesThat()
			.resideOutsideOfPackages("io.coffer.secrets.kernel..", "java..")
			.check(CLASSES);
	}

}
