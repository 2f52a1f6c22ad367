package io.coffer.secrets.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The boundaries ARCHITECTURE.md and CONVENTIONS.md draw, checked on every build. */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.coffer.secrets");

	@Test
	void onlyTheStoragePackageTouchesHazelcastOrRocksDb() {
		noClasses().that()
			.resideOutsideOfPackage("io.coffer.secrets.storage..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.hazelcast..", "org.rocksdb..")
			.check(CLASSES);
	}

	@Test
	void cryptoPrimitivesStayInBarrierAndSeal() {
		noClasses().that()
			.resideOutsideOfPackages("io.coffer.secrets.barrier..", "io.coffer.secrets.seal..",
					"io.coffer.secrets.engine.transit..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("javax.crypto..")
			.check(CLASSES);
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

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("io.coffer.secrets.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

}
