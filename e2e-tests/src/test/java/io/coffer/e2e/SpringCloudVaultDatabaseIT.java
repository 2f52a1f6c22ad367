package io.coffer.e2e;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.coffer.e2e.cloudvault.DatabaseClientApplication;
import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.http.VaultHttp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Vault, unchanged, obtaining database credentials through the gateway: at
 * start-up the application imports {@code vault://<mount>/creds/<role>} (Spring Cloud
 * Vault's config data loader, with Spring Vault's {@code sys/internal/ui/mounts}
 * preflight), gets a PostgreSQL role with a lease held by its lease container (renewed
 * through {@code sys/leases/renew}), and its DataSource logs in with it; the lease is
 * revoked on shutdown, which drops the role. Spring Cloud Vault's
 * {@code spring-cloud-vault-config-databases} (which only maps the same two values to
 * {@code spring.datasource.*} through the same container) is not served by this machine's
 * registry, so the mapping is written as placeholders here.
 */
class SpringCloudVaultDatabaseIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static EmbeddedPostgres target;

	@BeforeAll
	static void mountTheDatabaseEngine() throws IOException {
		target = EmbeddedPostgres.start();
		VaultHttp http = coffer.cluster().http();
		String root = coffer.cluster().rootToken();
		http.post("sys/mounts/scv-db", Map.of("type", "database"), root).requireSuccess();
		http.post("scv-db/config/orders",
				Map.of("plugin_name", "postgresql-database-plugin", "connection_url",
						"postgresql://{{username}}:{{password}}@127.0.0.1:" + target.getPort() + "/postgres",
						"username", "postgres", "password", "postgres", "allowed_roles", "orders-app"),
				root)
			.requireSuccess();
		http.post("scv-db/roles/orders-app",
				Map.of("db_name", "orders", "creation_statements", List
					.of("CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';"),
						"default_ttl", "1h", "max_ttl", "2h"),
				root)
			.requireSuccess();
	}

	@AfterAll
	static void stopTheTarget() throws IOException {
		if (target != null) {
			target.close();
		}
	}

	@Test
	void theApplicationsDataSourceLogsInWithLeasedCredentialsThatAreRevokedOnShutdown() throws SQLException {
		CofferCluster cluster = coffer.cluster();
		ConfigurableApplicationContext application = new SpringApplicationBuilder(DatabaseClientApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.application.name=orders",
					"spring.config.import=vault://scv-db/creds/orders-app",
					"spring.cloud.vault.uri=" + cluster.gatewayUri(), "spring.cloud.vault.token=" + cluster.rootToken(),
					"spring.cloud.vault.kv.enabled=false", "spring.datasource.username=${username}",
					"spring.datasource.password=${password}",
					"spring.datasource.url=jdbc:postgresql://127.0.0.1:" + target.getPort() + "/postgres")
			.run();
		String user;
		try {
			user = application.getEnvironment().getProperty("spring.datasource.username");
			assertThat(user).startsWith("v-");
			try (Connection connection = application.getBean(DataSource.class).getConnection();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT current_user")) {
				rows.next();
				assertThat(rows.getString(1)).isEqualTo(user);
			}
			assertThat(LeasesIT.roleExists(target, user)).isTrue();
			assertThat(cluster.http()
				.list("sys/leases/lookup/scv-db/creds/orders-app/", cluster.rootToken())
				.json()
				.at("/data/keys")
				.size()).isEqualTo(1);
		}
		finally {
			application.close();
		}
		assertThat(LeasesIT.roleExists(target, user)).as("the lease is revoked on shutdown").isFalse();
	}

}
