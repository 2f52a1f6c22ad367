package io.coffer.secrets.engine.database;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.testsupport.time.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Connection configs, rotate-root and static roles against a real PostgreSQL. */
class ConfigAndStaticRolesTest {

	private static final String CREATE = "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' "
			+ "VALID UNTIL '{{expiration}}';";

	private static PostgresServer postgres;

	@BeforeAll
	static void startPostgres() {
		postgres = PostgresServer.start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@Test
	void aWrongPasswordFailsTheWriteWithPostgresMessageButNotThePassword() {
		try (DatabaseFixture db = new DatabaseFixture(postgres)) {
			VaultException error = db.failure(() -> db.configure("pg", "password", "Wrong-Secret-987"));

			assertThat(error.status()).isEqualTo(400);
			assertThat(error.errors()).singleElement()
				.asString()
				.startsWith("error creating database object: error verifying connection: ")
				.contains("password authentication failed for user \"admin\"")
				.doesNotContain("Wrong-Secret-987");
			assertThat(db.failure(() -> db.read("config/pg")).status()).isEqualTo(404);
		}
	}

	@Test
	void withoutVerificationAConfigIsStoredAndFailsOnlyWhenUsed() {
		try (DatabaseFixture db = new DatabaseFixture(postgres)) {
			db.configure("pg", "password", "Wrong-Secret-987", "verify_connection", false);
			db.write("roles/ro", "db_name", "pg", "creation_statements", CREATE);

			assertThat(db.read("config/pg").data()).containsEntry("verify_connection", false);
			VaultException error = db.failure(() -> db.read("creds/ro"));
			assertThat(error.errors().get(0)).contains("password authentication failed")
				.doesNotContain("Wrong-Secret-987");

			// Fixing the password (verified this time) makes the role work.
			db.write("config/pg", "password", PostgresServer.ADMIN_PASSWORD);
			assertThat(db.read("creds/ro").data()).containsKeys("username", "password");
		}
	}

	@Test
	void aConfigReadsBackVaultsFieldsAndNeverThePassword() {
		try (DatabaseFixture db = new DatabaseFixture(postgres)) {
			db.configure("pg", "allowed_roles", "a,b", "max_open_connections", 2, "root_rotation_statements",
					"ALTER USER \"{{username}}\" WITH PASSWORD '{{password}}'");

			Map<String, Object> read = db.read("config/pg").data();

			assertThat(read).containsEntry("plugin_name", "postgresql-database-plugin")
				.containsEntry("allowed_roles", List.of("a", "b"))
				.containsEntry("root_credentials_rotate_statements",
						List.of("ALTER USER \"{{username}}\" WITH PASSWORD '{{password}}'"))
				.containsEntry("password_policy", "")
				.containsEntry("verify_connection", true);
			assertThat(read.get("connection_details"))
				.isEqualTo(Map.of("connection_url", postgres.templatedUrl(), "username", "admin",
						"max_open_connections", 2, "max_idle_connections", 2, "max_connection_lifetime", "0s"));
			assertThat(read.toString()).doesNotContain(PostgresServer.ADMIN_PASSWORD);
			assertThat(db.call(Operation.LIST, "config/", Map.of()).data()).containsEntry("keys", List.of("pg"));

			db.call(Operation.DELETE, "config/pg", Map.of());
			assertThat(db.failure(() -> db.call(Operation.LIST, "config/", Map.of())).status()).isEqualTo(404);
		}
	}

	@Test
	void aLiteralPasswordInTheUrlWorksWithVaultsWarningAndIsRedactedOnRead() {
		try (DatabaseFixture db = new DatabaseFixture(postgres)) {
			String url = "postgresql://admin:" + PostgresServer.ADMIN_PASSWORD + "@localhost:" + postgres.port()
					+ "/postgres";

			LogicalResponse written = db.write("config/pg", "plugin_name", "postgresql-database-plugin",
					"connection_url", url, "allowed_roles", "*");

			assertThat(written.warnings()).containsExactly(ConfigPaths.LITERAL_PASSWORD_WARNING);
			assertThat(db.read("config/pg").data().get("connection_details").toString())
				.contains("postgresql://admin:xxxxx@localhost:")
				.doesNotContain(PostgresServer.ADMIN_PASSWORD);
		}
	}

	@Test
	void aKeyValueDsnIsAcceptedWithTemplates() {
		try (DatabaseFixture db = new DatabaseFixture(postgres)) {
			db.configure("pg", "connection_url", "host=localhost port=" + postgres.port()
					+ " dbname=postgres user={{username}} password='{{password}}' sslmode=disable");
			db.write("roles/ro", "db_name", "pg", "creation_statements", CREATE);

			Map<String, Object> creds = db.read("creds/ro").data();

			assertThat(postgres.canLogin((String) creds.get("username"), (String) creds.get("password"))).isTrue();
		}
	}

	@Test
	void onlyThePostgresPluginIsKnown() {
		try (DatabaseFixture db = new DatabaseFixture(postgres)) {
			assertThat(db.failure(() -> db.configure("pg", "plugin_name", "mysql-database-plugin")).errors())
				.containsExactly("error creating database object: invalid database version: "
						+ "plugin not found in the catalog: mysql-database-plugin");
			assertThat(db.failure(() -> db.configure("pg", "plugin_name", "")).errors())
				.containsExactly("empty plugin name");
		}
	}

	@Test
	void aPasswordPolicyShapesGeneratedPasswords() {
		try (DatabaseFixture db = new DatabaseFixture(postgres)) {
			db.configure("pg", "password_policy", """
					length = 32
					rule "charset" {
					  charset = "abcdef"
					  min-chars = 2
					}
					rule "charset" {
					  charset = "0123456789"
					  min-chars = 3
					}
					""");
			db.write("roles/ro", "db_name", "pg", "creation_statements", CREATE);

			String password = (String) db.read("creds/ro").data().get("password");

			assertThat(password).hasSize(32).matches("[a-f0-9]+");
			assertThat(password.chars().filter(Character::isDigit).count()).isGreaterThanOrEqualTo(3);
			assertThat(db
				.failure(() -> db.write("config/pg", "password_policy",
						"length = 20\nrule \"charset\" {\n charset = \"ab'c\"\n}"))
				.errors()
				.get(0)).startsWith("invalid password_policy: ");
		}
	}

	@Test
	void rotateRootGivesTheConfigUserANewPasswordAndCredsStillWork() {
		postgres.execute("CREATE ROLE rootrot WITH LOGIN CREATEROLE PASSWORD 'Root-Rot-Pass-1'");
		try (DatabaseFixture db = new DatabaseFixture(postgres)) {
			db.configure("pg", "username", "rootrot", "password", "Root-Rot-Pass-1");
			db.write("roles/ro", "db_name", "pg", "creation_statements", CREATE);
			assertThat(db.read("creds/ro").data()).containsKey("username");

			assertThat(db.write("rotate-root/pg").isEmpty()).isTrue();

			assertThat(postgres.canLogin("rootrot", "Root-Rot-Pass-1")).isFalse();
			Map<String, Object> creds = db.read("creds/ro").data();
			assertThat(postgres.canLogin((String) creds.get("username"), (String) creds.get("password"))).isTrue();
			assertThat(db.write("reset/pg").isEmpty()).isTrue();
			assertThat(db.read("creds/ro").data()).containsKey("password");
		}
	}

	@Test
	void poolsAreClosedWhenTheirConfigIsDeletedAndWhenTheNodeSeals() {
		postgres.execute("CREATE ROLE pooluser WITH LOGIN SUPERUSER PASSWORD 'Pool-User-Pass-1'");
		try (DatabaseFixture db = new DatabaseFixture(postgres)) {
			db.configure("one", "username", "pooluser", "password", "Pool-User-Pass-1");
			db.configure("two", "username", "pooluser", "password", "Pool-User-Pass-1");
			db.write("roles/a", "db_name", "one", "creation_statements", CREATE);
			db.write("roles/b", "db_name", "two", "creation_statements", CREATE);
			db.read("creds/a");
			db.read("creds/b");
			assertThat(postgres.sessionsOf("pooluser")).isEqualTo(2);

			db.call(Operation.DELETE, "config/one", Map.of());
			await().atMost(Duration.ofSeconds(10)).until(() -> postgres.sessionsOf("pooluser") == 1);

			db.factory.onSealed(new SealEvent.Sealed());
			await().atMost(Duration.ofSeconds(10)).until(() -> postgres.sessionsOf("pooluser") == 0);
		}
	}

	@Test
	void aConnectionInUseFinishesItsWorkWhenItsPoolIsRetired() throws Exception {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		Connections connections = new Connections(scheduler, "test");
		ConnectionConfig config = new ConnectionConfig(ConnectionConfig.PLUGIN, postgres.templatedUrl(),
				PostgresServer.ADMIN, PostgresServer.ADMIN_PASSWORD, List.of("*"), List.of(), "", true,
				ConnectionConfig.PoolSettings.DEFAULTS, "");
		try (Connection inUse = connections.open("pg", config)) {
			// A config write retires the pool while a request still holds a connection.
			connections.close("pg");

			try (Statement statement = inUse.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
				assertThat(rows.next()).isTrue();
			}
			try (Connection fresh = connections.open("pg", config)) {
				assertThat(fresh.isValid(2)).isTrue();
			}
		}
		finally {
			connections.closeAll();
			scheduler.shutdownNow();
		}
	}

	@Test
	void aStaticRoleIsTakenOverAndRotatedOnDemand() {
		postgres.execute("CREATE ROLE app_static WITH LOGIN PASSWORD 'Initial-Pass-1'");
		try (DatabaseFixture db = new DatabaseFixture(postgres)) {
			db.configure("pg");
			db.write("static-roles/app", "db_name", "pg", "username", "app_static", "rotation_period", "1h");

			assertThat(postgres.canLogin("app_static", "Initial-Pass-1")).isFalse();
			Map<String, Object> first = db.read("static-creds/app").data();
			assertThat(first).containsEntry("username", "app_static").containsEntry("rotation_period", 3600L);
			assertThat((Long) first.get("ttl")).isBetween(3590L, 3600L);
			String firstPassword = (String) first.get("password");
			assertThat(postgres.canLogin("app_static", firstPassword)).isTrue();
			assertThat(db.read("static-roles/app").data()).containsEntry("username", "app_static")
				.containsEntry("rotation_period", 3600L)
				.containsEntry("db_name", "pg")
				.doesNotContainKey("password");

			db.write("rotate-role/app");

			String secondPassword = (String) db.read("static-creds/app").data().get("password");
			assertThat(secondPassword).isNotEqualTo(firstPassword);
			assertThat(postgres.canLogin("app_static", firstPassword)).isFalse();
			assertThat(postgres.canLogin("app_static", secondPassword)).isTrue();
			assertThat(db.failure(() -> db.write("roles/app", "db_name", "pg", "creation_statements", CREATE)).errors())
				.containsExactly("Role and Static Role names must be unique");
			assertThat(db.failure(() -> db.write("static-roles/app", "username", "other")).errors())
				.containsExactly("cannot update static account username");
			assertThat(db
				.failure(() -> db.write("static-roles/fast", "db_name", "pg", "username", "x", "rotation_period", 2))
				.errors()).containsExactly("rotation_period must be 5 seconds or more");
		}
	}

	@Test
	void theSchedulerRotatesAStaticRoleWhenItsPeriodHasPassed() {
		postgres.execute("CREATE ROLE app_sched WITH LOGIN PASSWORD 'Initial-Pass-2'");
		TestClock clock = new TestClock(Instant.now());
		try (DatabaseFixture db = new DatabaseFixture(postgres, clock, Duration.ofMillis(100))) {
			db.configure("pg");
			db.write("static-roles/sched", "db_name", "pg", "username", "app_sched", "rotation_period", 60);
			Map<String, Object> before = db.read("static-creds/sched").data();

			clock.advance(Duration.ofSeconds(61));

			await().atMost(Duration.ofSeconds(10))
				.until(() -> !db.read("static-creds/sched").data().get("password").equals(before.get("password")));
			Map<String, Object> after = db.read("static-creds/sched").data();
			assertThat(after.get("last_vault_rotation")).isNotEqualTo(before.get("last_vault_rotation"));
			assertThat(postgres.canLogin("app_sched", (String) before.get("password"))).isFalse();
			assertThat(postgres.canLogin("app_sched", (String) after.get("password"))).isTrue();
		}
	}

}
