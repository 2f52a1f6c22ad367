package io.coffer.lease.architecture;

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
		.importPackages("io.coffer.lease");

	/**
	 * The rules every Coffer service follows (test-support's {@link CofferRules}): no
	 * other service's code, no storage libraries, no {@code javax.crypto}, packages free
	 * of cycles.
	 */
	@Test
	void followsTheSharedCofferRules() {
		CofferRules.forService("io.coffer.lease").forEach((rule) -> rule.check(CLASSES));
	}

	/** The database is the store package's: the web layer never writes SQL. */
	@Test
	void onlyTheStoreAndQuotasTalkSql() {
		noClasses().that()
			.resideInAnyPackage("io.coffer.lease.api..", "io.coffer.lease.node..", "io.coffer.lease.revoke..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "jakarta.persistence..", "java.sql..")
			.check(CLASSES);
	}

	/** The local PostgreSQL launcher is a program of its own inside the jar. */
	@Test
	void theLocalDatabaseLauncherStandsAlone() {
		noClasses().that()
			.resideInAPackage("io.coffer.lease.localdb..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.coffer.lease.api..", "io.coffer.lease.lease..", "io.coffer.lease.revoke..",
					"io.coffer.lease.store..", "io.coffer.lease.quota..", "io.coffer.lease.node..")
			.check(CLASSES);
	}

}
