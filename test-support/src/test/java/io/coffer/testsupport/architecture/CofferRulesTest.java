package io.coffer.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CofferRulesTest {

	private static final String FIXTURE = "io.coffer.testsupport.architecture.fixture";

	@Test
	void theCycleRuleFailsOnTwoPackagesThatUseEachOther() {
		JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE);

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> CofferRules.freeOfCycles(FIXTURE).check(classes))
			.withMessageContaining("Cycle detected");
		assertThatCode(() -> CofferRules.freeOfCycles(FIXTURE + ".a").check(classes)).doesNotThrowAnyException();
	}

	@Test
	void everyServiceRuleHoldsForCodeThatUsesNoServiceNoStorageAndNoCrypto() {
		JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE);

		assertThatCode(() -> CofferRules.forService(FIXTURE + ".a").forEach((rule) -> rule.check(classes)))
			.doesNotThrowAnyException();
	}

}
