package io.coffer.secrets.engine.database;

import java.io.IOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code revokeSecrets}: many credentials revoked together on one connection, each with
 * its own outcome, against a real PostgreSQL.
 */
class RevocationBatchTest {

	private static final String CREATE = "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' "
			+ "VALID UNTIL '{{expiration}}'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"{{name}}\"; "
			+ "GRANT USAGE ON SCHEMA sales TO \"{{name}}\"; GRANT SELECT ON sales.orders TO \"{{name}}\"; "
			+ "GRANT UPDATE (id) ON sales.refunds TO \"{{name}}\";";

	private static PostgresServer postgres;

	private final DatabaseFixture db = new DatabaseFixture(postgres);

	@BeforeAll
	static void startPostgres() {
		postgres = PostgresServer.start();
		postgres.execute("CREATE TABLE IF NOT EXISTS inventory (id int)");
		postgres.execute("CREATE SCHEMA IF NOT EXISTS sales");
		postgres.execute("CREATE TABLE IF NOT EXISTS sales.orders (id int)");
		postgres.execute("CREATE TABLE IF NOT EXISTS sales.refunds (id int)");
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
	void oneBatchDropsEveryUserAndAUserThatCannotBeDroppedFailsAlone() throws Exception {
		this.db.configure("pg");
		this.db.write("roles/ro", "db_name", "pg", "creation_statements", List.of(CREATE), "default_ttl", "1h");
		this.db.write("roles/own", "db_name", "pg", "creation_statements", List.of(CREATE), "revocation_statements",
				List.of("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM \"{{name}}\"; "
						+ "REVOKE ALL ON ALL TABLES IN SCHEMA sales FROM \"{{name}}\"; "
						+ "REVOKE USAGE ON SCHEMA sales FROM \"{{name}}\"; DROP ROLE \"{{name}}\";"),
				"default_ttl", "1h");
		List<Map<String, Object>> secrets = new ArrayList<>();
		Map<String, String> passwords = new HashMap<>();
		for (int i = 0; i < 8; i++) {
			LogicalResponse creds = this.db.read((i < 6) ? "creds/ro" : "creds/own");
			secrets.add(creds.secret().internalData());
			passwords.put((String) creds.data().get("username"), (String) creds.data().get("password"));
		}
		// one of each kind owns a table, so that PostgreSQL refuses to drop it
		String blockedDefault = username(secrets.get(2));
		String blockedCustom = username(secrets.get(7));
		postgres.execute("CREATE TABLE owned_default (id int)");
		postgres.execute("ALTER TABLE owned_default OWNER TO \"" + blockedDefault + "\"");
		postgres.execute("CREATE TABLE owned_custom (id int)");
		postgres.execute("ALTER TABLE owned_custom OWNER TO \"" + blockedCustom + "\"");
		// one is gone already (revoked before, the answer lost), one has no user at all
		String gone = username(secrets.get(4));
		postgres.execute("DROP OWNED BY \"" + gone + "\"");
		postgres.execute("DROP ROLE \"" + gone + "\"");
		secrets.add(Map.of("role", "ro", "db_name", "pg"));
		String connected = username(secrets.get(0));
		try (Connection session = postgres.login(connected, passwords.get(connected))) {
			assertThat(postgres.sessionsOf(connected)).isEqualTo(1);

			List<Optional<VaultException>> outcomes = this.db.engine.revokeSecrets(secrets);

			assertThat(outcomes).hasSize(9);
			for (int i = 0; i < 8; i++) {
				String user = username(secrets.get(i));
				if (i == 2 || i == 7) {
					assertThat(outcomes.get(i)).as(user).isPresent();
					assertThat(outcomes.get(i).get().getMessage()).as(user)
						.startsWith("failed to revoke credentials: ")
						.contains("cannot be dropped because some objects depend on it")
						.doesNotContain(passwords.get(user), PostgresServer.ADMIN_PASSWORD);
					assertThat(postgres.roleExists(user)).as(user).isTrue();
				}
				else {
					assertThat(outcomes.get(i)).as(user).isEmpty();
					assertThat(postgres.roleExists(user)).as(user).isFalse();
					assertThat(postgres.canLogin(user, passwords.get(user))).as(user).isFalse();
				}
			}
			assertThat(outcomes.get(8)).get()
				.extracting(VaultException::getMessage)
				.asString()
				.contains("missing \"username\"");
			assertThat(postgres.sessionsOf(connected)).isZero();
		}

		// once what blocked them is gone, the next attempt drops them
		postgres.execute("DROP TABLE owned_default");
		postgres.execute("DROP TABLE owned_custom");
		assertThat(this.db.engine.revokeSecrets(List.of(secrets.get(2), secrets.get(7), secrets.get(1))))
			.containsOnly(Optional.empty());
		assertThat(postgres.roleExists(blockedDefault)).isFalse();
		assertThat(postgres.roleExists(blockedCustom)).isFalse();
	}

	@Test
	void aConfigThatIsGoneFailsOnlyItsOwnCredentials() {
		this.db.configure("pg");
		this.db.write("roles/ro", "db_name", "pg", "creation_statements", List.of(CREATE), "default_ttl", "1h");
		Map<String, Object> kept = this.db.read("creds/ro").secret().internalData();
		Map<String, Object> orphan = new HashMap<>(this.db.read("creds/ro").secret().internalData());
		orphan.put("role", "deleted-role");
		orphan.put("db_name", "deleted-config");

		List<Optional<VaultException>> outcomes = this.db.engine.revokeSecrets(List.of(orphan, kept));

		assertThat(outcomes.get(0)).get()
			.extracting(VaultException::getMessage)
			.asString()
			.contains("failed to find entry for connection with name: \"deleted-config\"");
		assertThat(outcomes.get(1)).isEmpty();
		assertThat(postgres.roleExists(username(kept))).isFalse();
		assertThat(postgres.roleExists(username(orphan))).isTrue();
		postgres.execute("DROP OWNED BY \"" + username(orphan) + "\"");
		postgres.execute("DROP ROLE \"" + username(orphan) + "\"");
	}

	private static String username(Map<String, Object> internalData) {
		return (String) internalData.get("username");
	}

}
