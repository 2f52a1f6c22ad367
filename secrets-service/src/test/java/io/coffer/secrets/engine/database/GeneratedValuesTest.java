package io.coffer.secrets.engine.database;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.testsupport.time.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** User names, passwords and statement templating. */
class GeneratedValuesTest {

	private final SecureRandom random = new SecureRandom();

	private final TestClock clock = new TestClock(Instant.ofEpochSecond(1_800_000_000L));

	@Test
	void theDefaultUserNameHasVaultsShapeAndPostgresLength() {
		String name = UsernameTemplate.of("").render("token-ci-runner", "readonly-role", this.random, this.clock);

		assertThat(name).matches("v-token-ci-readonly-[0-9A-Za-z]{20}-1800000000");
		String longName = UsernameTemplate.of(UsernameTemplate.VAULT_DEFAULT)
			.render("x".repeat(50), "y".repeat(50), this.random, this.clock);
		assertThat(longName).hasSizeLessThanOrEqualTo(63).startsWith("v-xxxxxxxx-yyyyyyyy-");
	}

	@Test
	void aCustomTemplateUsesVaultsFunctionsAndNeverYieldsAQuote() {
		UsernameTemplate template = UsernameTemplate
			.of("app_{{.RoleName | uppercase}}_{{random 4}}_{{.DisplayName | replace \"-\" \"_\" | truncate 5}}");

		String name = template.render("ab-c\"d-e", "ro", this.random, this.clock);

		assertThat(name).matches("app_RO_[0-9A-Za-z]{4}_ab_c_");
		assertThat(UsernameTemplate.of("{{.DisplayName}}").render("a\"b'c", "r", this.random, this.clock))
			.isEqualTo("a_b_c");
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> UsernameTemplate.of("{{ env \"HOME\" }}"));
	}

	@Test
	void passwordsFollowThePolicyAndItsMinimums() {
		for (int i = 0; i < 50; i++) {
			String password = PasswordPolicy.DEFAULT.generate(this.random);
			assertThat(password).hasSize(20)
				.matches("[A-Za-z0-9-]+")
				.matches(".*[a-z].*")
				.matches(".*[A-Z].*")
				.matches(".*[0-9].*")
				.contains("-");
		}
		PasswordPolicy policy = PasswordPolicy
			.parse("length = 8\nrule \"charset\" {\n  charset = \"!#%\"\n  min-chars = 8\n}\n");
		assertThat(policy.generate(this.random)).matches("[!#%]{8}");
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> PasswordPolicy.parse("length = 4\nrule \"charset\" { charset = \"ab\" min-chars = 5 }"));
	}

	@Test
	void statementsAreSplitAtSemicolonsExceptBlocksAndTemplatesAreFilledIn() {
		assertThat(Statements.queries(List.of("CREATE ROLE a; GRANT x TO a;", " ; ", "DO $$ BEGIN x; y; END $$;")))
			.containsExactly("CREATE ROLE a", "GRANT x TO a", "DO $$ BEGIN x; y; END $$;");
		assertThat(Statements.substitute("ALTER ROLE \"{{name}}\" VALID UNTIL '{{ expiration }}' {{other}}",
				Map.of("name", "v-1", "expiration", "2026-01-01 00:00:00+0000")))
			.isEqualTo("ALTER ROLE \"v-1\" VALID UNTIL '2026-01-01 00:00:00+0000' {{other}}");
	}

}
