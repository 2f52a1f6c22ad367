package io.coffer.secrets.engine.database;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LeasedSecret;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** creds, renew and revoke against a real PostgreSQL. */
class DynamicCredentialsTest {

	private static final String CREATE = "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' "
			+ "VALID UNTIL '{{expiration}}'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"{{name}}\";";

	private static PostgresServer postgres;

	private final DatabaseFixture db = new DatabaseFixture(postgres);

	@BeforeAll
	static void startPostgres() {
		postgres = PostgresServer.start();
		postgres.execute("CREATE TABLE IF NOT EXISTS inventory (id int)");
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@AfterEach
	void closeEngine() {
		this.db.close();
	}

	@Test
	void credsLogInUntilRevokedThenTheRoleIsGone() throws Exception {
		this.db.configure("pg");
		this.db.write("roles/ro", "db_name", "pg", "creation_statements", List.of(CREATE), "default_ttl", "1h",
				"max_ttl", "24h");

		LogicalResponse creds = this.db.read("creds/ro");
		String username = (String) creds.data().get("username");
		String password = (String) creds.data().get("password");

		assertThat(username).startsWith("v--ro-").hasSizeLessThanOrEqualTo(63);
		assertThat(password).hasSize(20).matches("[A-Za-z0-9-]+");
		try (var connection = postgres.login(username, password);
				var rows = connection.createStatement().executeQuery("SELECT count(*) FROM inventory")) {
			assertThat(rows.next()).isTrue();
		}
		LeasedSecret secret = creds.secret();
		assertThat(secret.ttlSeconds()).isEqualTo(3600);
		assertThat(secret.maxTtlSeconds()).isEqualTo(86400);
		assertThat(secret.renewable()).isTrue();
		assertThat(secret.role()).isEqualTo("ro");
		assertThat(secret.internalData()).containsEntry("username", username)
			.containsEntry("role", "ro")
			.containsEntry("db_name", "pg");
		assertThat(secret.internalData().toString()).doesNotContain(password);

		this.db.engine.revokeSecret(secret.internalData());

		assertThat(postgres.roleExists(username)).isFalse();
		assertThat(postgres.canLogin(username, password)).isFalse();
		// Revoking again (a retry after a lost answer) is fine.
		this.db.engine.revokeSecret(secret.internalData());
	}

	@Test
	void revocationStatementsRunAndStillWorkAfterTheRoleIsDeleted() {
		this.db.configure("pg");
		this.db.write("roles/custom", "db_name", "pg", "creation_statements", CREATE, "revocation_statements",
				List.of("REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA public FROM \"{{name}}\"; "
						+ "DROP ROLE \"{{name}}\";"));
		LeasedSecret secret = this.db.read("creds/custom").secret();
		String username = (String) secret.internalData().get("username");
		this.db.call(io.coffer.secrets.kernel.Operation.DELETE, "roles/custom", Map.of());

		this.db.engine.revokeSecret(secret.internalData());
		this.db.engine.revokeSecret(secret.internalData());

		assertThat(postgres.roleExists(username)).isFalse();
	}

	@Test
	void renewMovesValidUntilAndIsCappedByTheRolesMaxTtl() {
		this.db.configure("pg");
		this.db.write("roles/ro", "db_name", "pg", "creation_statements", CREATE, "default_ttl", 3600, "max_ttl", "3h");
		LeasedSecret secret = this.db.read("creds/ro").secret();
		String username = (String) secret.internalData().get("username");
		assertThat(postgres.validUntil(username).toInstant()).isCloseTo(Instant.now().plusSeconds(3605),
				within(Duration.ofSeconds(30)));

		LeasedSecret renewed = this.db.engine
			.renewSecret(new LeasedSecret.Renewal(secret.internalData(), Instant.now(), 7200, 100_000));

		assertThat(renewed.ttlSeconds()).isEqualTo(7200);
		assertThat(renewed.renewable()).isTrue();
		assertThat(postgres.validUntil(username).toInstant()).isCloseTo(Instant.now().plusSeconds(7205),
				within(Duration.ofSeconds(30)));

		// Issued 2.5 hours ago: at most half an hour of the 3 hour max_ttl is left.
		LeasedSecret capped = this.db.engine.renewSecret(new LeasedSecret.Renewal(secret.internalData(),
				Instant.now().minus(Duration.ofMinutes(150)), 0, 100_000));

		assertThat(capped.ttlSeconds()).isBetween(1795L, 1800L);
		OffsetDateTime validUntil = postgres.validUntil(username);
		assertThat(validUntil.toInstant()).isCloseTo(Instant.now().plusSeconds(1805), within(Duration.ofSeconds(30)));

		// The mount's ceiling caps too.
		assertThat(this.db.engine.renewSecret(new LeasedSecret.Renewal(secret.internalData(), Instant.now(), 7200, 600))
			.ttlSeconds()).isEqualTo(600);
	}

	@Test
	void aFailingCreationStatementAnswersTheDatabasesMessageWithoutThePasswordAndLeavesNoRole() {
		this.db.configure("pg");
		this.db.write("roles/broken", "db_name", "pg", "creation_statements",
				List.of(CREATE, "DO $$ BEGIN RAISE EXCEPTION 'cannot use %', '{{password}}'; END $$;"),
				"rollback_statements", List.of("DROP ROLE IF EXISTS \"{{name}}\";"));

		VaultException error = this.db.failure(() -> this.db.read("creds/broken"));

		assertThat(error.status()).isEqualTo(500);
		assertThat(error.errors()).singleElement()
			.asString()
			.startsWith("failed to execute query: ")
			.contains("cannot use [password]");
		assertThat(postgres.rolesLike("v--broken-%")).isZero();
	}

	@Test
	void aStatementTheDatabaseRejectsIsReportedWithItsMessage() {
		this.db.configure("pg");
		this.db.write("roles/typo", "db_name", "pg", "creation_statements",
				List.of(CREATE, "GRANT SELECT ON no_such_table TO \"{{name}}\";"));

		VaultException error = this.db.failure(() -> this.db.read("creds/typo"));

		assertThat(error.errors().get(0)).contains("relation \"no_such_table\" does not exist");
		assertThat(postgres.rolesLike("v--typo-%")).isZero();
	}

	@Test
	void aShortPasswordIsRedactedInTheDatabasesMessageWithoutManglingOtherWords() {
		postgres.execute("CREATE ROLE tiny WITH LOGIN SUPERUSER PASSWORD 'x'");
		this.db.configure("short", "username", "tiny", "password", "x", "password_policy",
				"length = 4\nrule \"charset\" {\n  charset = \"abcd\"\n}");
		this.db.write("roles/short-typo", "db_name", "short", "creation_statements",
				List.of(CREATE, "GRANT SELECT ON no_such_table TO \"{{name}}\";"));
		this.db.write("roles/short-echo", "db_name", "short", "creation_statements",
				List.of(CREATE, "DO $$ BEGIN RAISE EXCEPTION 'cannot use %', '{{password}}'; END $$;"));

		VaultException typo = this.db.failure(() -> this.db.read("creds/short-typo"));
		VaultException echo = this.db.failure(() -> this.db.read("creds/short-echo"));

		assertThat(typo.errors().get(0)).contains("relation \"no_such_table\" does not exist")
			.doesNotContain("[password]");
		assertThat(echo.errors().get(0)).startsWith("failed to execute query: ")
			.contains("cannot use [password]")
			.doesNotContainPattern("cannot use [abcd]{4}");
	}

	@Test
	void allowedRolesDecideWhichRolesMayUseAConfig() {
		this.db.configure("pg", "allowed_roles", "ro, app-*");

		this.db.write("roles/ro", "db_name", "pg", "creation_statements", CREATE);
		this.db.write("roles/app-web", "db_name", "pg", "creation_statements", CREATE);
		VaultException refused = this.db
			.failure(() -> this.db.write("roles/other", "db_name", "pg", "creation_statements", CREATE));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errors()).containsExactly("\"other\" is not an allowed role");

		// Narrowing the config afterwards takes effect on the next creds.
		this.db.write("config/pg", "allowed_roles", List.of("app-web"));
		VaultException narrowed = this.db.failure(() -> this.db.read("creds/ro"));
		assertThat(narrowed.errors()).containsExactly("\"ro\" is not an allowed role");
		assertThat(this.db.read("creds/app-web").data()).containsKeys("username", "password");

		// Empty: no role at all.
		this.db.write("config/pg", "allowed_roles", List.of());
		assertThat(this.db.failure(() -> this.db.read("creds/app-web")).errors())
			.containsExactly("\"app-web\" is not an allowed role");
	}

	@Test
	void rolesEchoTheirFieldsWithTtlsInSeconds() {
		this.db.configure("pg");
		this.db.write("roles/ro", "db_name", "pg", "creation_statements", CREATE, "default_ttl", "1h", "max_ttl", 86400,
				"renew_statements", "ALTER ROLE \"{{name}}\" VALID UNTIL '{{expiration}}';");

		Map<String, Object> role = this.db.read("roles/ro").data();

		assertThat(role).containsEntry("db_name", "pg")
			.containsEntry("creation_statements", List.of(CREATE))
			.containsEntry("revocation_statements", List.of())
			.containsEntry("rollback_statements", List.of())
			.containsEntry("renew_statements", List.of("ALTER ROLE \"{{name}}\" VALID UNTIL '{{expiration}}';"))
			.containsEntry("default_ttl", 3600L)
			.containsEntry("max_ttl", 86400L);
		assertThat(this.db.call(io.coffer.secrets.kernel.Operation.LIST, "roles/", Map.of()).data())
			.containsEntry("keys", List.of("ro"));
		assertThat(this.db.failure(() -> this.db.write("roles/nodb", "creation_statements", CREATE)).errors())
			.containsExactly("database name is required");
		assertThat(this.db.failure(() -> this.db.write("roles/nostmt", "db_name", "pg")).errors())
			.containsExactly("empty creation statements");
		assertThat(this.db.failure(() -> this.db.read("creds/nope")).errors()).containsExactly("unknown role: nope");
	}

}
