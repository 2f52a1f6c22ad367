package io.coffer.secrets.engine.database;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.coffer.secrets.http.NodeClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code database} mount over real HTTP on an unsealed node without lease-service:
 * configs and roles are served, and a credential whose lease cannot be registered is
 * revoked at once (the PostgreSQL user is dropped) instead of left untracked.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseApiTest {

	private static final String CREATE = "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' "
			+ "VALID UNTIL '{{expiration}}';";

	@LocalServerPort
	int port;

	PostgresServer postgres;

	NodeClient client;

	String unsealKey;

	@BeforeAll
	@SuppressWarnings("unchecked")
	void unsealAndMount() {
		this.postgres = PostgresServer.start();
		this.client = new NodeClient("http://127.0.0.1:" + this.port);
		NodeClient.Response init = this.client.call("PUT", "sys/init",
				Map.of("secret_shares", 1, "secret_threshold", 1));
		this.unsealKey = ((List<String>) init.json().get("keys")).get(0);
		this.client.call("PUT", "sys/unseal", Map.of("key", this.unsealKey));
		this.client.token((String) init.json().get("root_token")).awaitActive();
		assertThat(this.client.call("POST", "sys/mounts/database", Map.of("type", "database")).status()).isEqualTo(204);
	}

	@AfterAll
	void stopPostgres() throws IOException {
		this.postgres.close();
	}

	@Test
	void configsAndRolesAreServedOverHttpWithoutThePassword() {
		NodeClient.Response config = this.client.call("POST", "database/config/pg",
				Map.of("plugin_name", "postgresql-database-plugin", "connection_url", this.postgres.templatedUrl(),
						"username", PostgresServer.ADMIN, "password", PostgresServer.ADMIN_PASSWORD, "allowed_roles",
						"ro"));
		assertThat(config.status()).isEqualTo(204);
		NodeClient.Response read = this.client.call("GET", "database/config/pg", null);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.data()).containsEntry("allowed_roles", List.of("ro"));
		assertThat(read.body()).doesNotContain(PostgresServer.ADMIN_PASSWORD);

		NodeClient.Response wrong = this.client.call("POST", "database/config/bad",
				Map.of("plugin_name", "postgresql-database-plugin", "connection_url", this.postgres.templatedUrl(),
						"username", PostgresServer.ADMIN, "password", "Not-The-Password-42"));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.body()).contains("password authentication failed").doesNotContain("Not-The-Password-42");

		assertThat(this.client
			.call("POST", "database/roles/ro", Map.of("db_name", "pg", "creation_statements", List.of(CREATE)))
			.status()).isEqualTo(204);
		assertThat(this.client.call("LIST", "database/roles", null).data()).containsEntry("keys", List.of("ro"));
		assertThat(this.client.call("GET", "database/roles/ro", null).data()).containsEntry("db_name", "pg");
	}

	@Test
	void staticRolesKeepRotatingAfterTheNodeSealsAndUnsealsWithoutAnyRequestToTheMount() {
		this.postgres.execute("CREATE ROLE app_api WITH LOGIN PASSWORD 'Initial-Api-Pass-1'");
		this.client.call("POST", "database/config/st",
				Map.of("plugin_name", "postgresql-database-plugin", "connection_url", this.postgres.templatedUrl(),
						"username", PostgresServer.ADMIN, "password", PostgresServer.ADMIN_PASSWORD, "allowed_roles",
						"api"));
		assertThat(this.client
			.call("POST", "database/static-roles/api",
					Map.of("db_name", "st", "username", "app_api", "rotation_period", "5s"))
			.status()).isEqualTo(204);
		String before = (String) this.client.call("GET", "database/static-creds/api", null).data().get("password");
		assertThat(this.postgres.canLogin("app_api", before)).isTrue();

		assertThat(this.client.call("PUT", "sys/seal", null).status()).isEqualTo(204);
		this.client.call("PUT", "sys/unseal", Map.of("key", this.unsealKey));
		this.client.awaitActive();

		await().atMost(Duration.ofSeconds(30)).until(() -> !this.postgres.canLogin("app_api", before));
		String after = (String) this.client.call("GET", "database/static-creds/api", null).data().get("password");
		assertThat(this.postgres.canLogin("app_api", after)).isTrue();
	}

	@Test
	void aCredentialWhoseLeaseCannotBeRegisteredIsDroppedAtOnce() {
		this.client.call("POST", "database/config/lp",
				Map.of("plugin_name", "postgresql-database-plugin", "connection_url", this.postgres.templatedUrl(),
						"username", PostgresServer.ADMIN, "password", PostgresServer.ADMIN_PASSWORD, "allowed_roles",
						"*"));
		this.client.call("POST", "database/roles/untracked",
				Map.of("db_name", "lp", "creation_statements", List.of(CREATE)));

		NodeClient.Response creds = this.client.call("GET", "database/creds/untracked", null);

		// The user was created (the engine answered), then revoked when registration
		// failed.
		assertThat(creds.status()).isEqualTo(500);
		assertThat(creds.json())
			.isEqualTo(Map.of("errors", List.of("failed to register lease: no lease-service is configured")));
		assertThat(this.postgres.rolesLike("v-root-untracke-%")).isZero();
	}

}
